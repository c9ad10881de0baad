import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useHydrated } from "~/surveys/components/use-hydrated";
import scoresCss from "~/styles/scores.css?url";

/**
 * The frame every score chart shares: the drawing, named by its one-sentence
 * summary (`role="img"`), and its numbers as a table that is always in the
 * HTML. Before hydration, and in a browser without JavaScript, nothing is
 * drawn and the table is open; afterwards it folds under "show as a table".
 */
export function ChartFigure({
  summary,
  height,
  draw,
  legend,
  children,
}: {
  summary: string;
  /** Of the drawing, in px (the canvas fills the figure's width). */
  height: number;
  /** The chart, only called once React runs in the browser. */
  draw: () => ReactNode;
  /** What the drawing's marks mean, shown with it. */
  legend?: ReactNode;
  /** The table of the same numbers. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const hydrated = useHydrated();
  return (
    <figure className="score-chart">
      <div className="score-chart-box" role="img" aria-label={summary} style={hydrated ? { height: `${height}px` } : undefined}>
        {hydrated ? draw() : null}
      </div>
      {hydrated && legend ? legend : null}
      <details className="score-chart-table" open={!hydrated}>
        <summary>{t("scores.chart.showTable")}</summary>
        <div className="table-scroll">{children}</div>
      </details>
    </figure>
  );
}

/** The charts' stylesheet, for the `links` of the pages that show them. */
export const scoreChartLinks = [{ rel: "stylesheet", href: scoresCss }] as const;
