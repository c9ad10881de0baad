/**
 * The comparison's chart: every contract of one service type as one line of
 * its finalised quarter totals over the same quarters (a quarter not counted
 * leaves a gap), the grade bands behind them, each line labelled with its
 * contractor and contract code. Its numbers are a table too (ChartFigure).
 */
import { CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip, type ChartData, type ChartOptions } from "chart.js";
import { Line } from "react-chartjs-2";
import { bandRects, bandTicks, gradeText, periodTick, TOTAL_MAX, type GradeBands } from "~/scores/chart-data";
import { ChartFigure } from "~/scores/components/chart-figure";
import { bandedTotalsOptions, gradeBandsPlugin } from "~/scores/components/grade-bands-plugin";
import { useChartFormat } from "~/scores/components/use-chart-format";

ChartJS.register(CategoryScale, LinearScale, LineElement, PointElement, Tooltip, Legend);

/** Distinct enough on white and for common colour blindness; the point shapes tell them apart too. */
const COLOURS = ["#0b57d0", "#b3261e", "#1e7d3a", "#8a4d00", "#6a1b9a", "#00695c", "#455a64", "#c2185b"];
const SHAPES = ["circle", "rect", "triangle", "rectRot", "crossRot", "star", "rectRounded", "cross"] as const;

export interface CompareLine {
  contractId: string;
  /** Contractor and contract code. */
  label: string;
  /** One per period of the axis; null = not counted. */
  totals: (number | null)[];
}

export function CompareChart({ periods, lines, bands, summary, caption }: { periods: string[]; lines: CompareLine[]; bands: GradeBands; summary: string; caption: string }) {
  const fmt = useChartFormat();
  const rects = bandRects(bands);
  const ticks = bandTicks(rects);
  const draw = () => {
    const data: ChartData<"line", (number | null)[], string | string[]> = {
      labels: periods.map(periodTick),
      datasets: lines.map((line, i) => ({
        label: line.label,
        data: line.totals,
        borderColor: COLOURS[i % COLOURS.length],
        backgroundColor: COLOURS[i % COLOURS.length],
        pointStyle: SHAPES[i % SHAPES.length],
        borderWidth: 2,
        pointRadius: 4,
        spanGaps: false,
      })),
    };
    const options: ChartOptions<"line"> = {
      ...bandedTotalsOptions(ticks, TOTAL_MAX),
      plugins: {
        legend: { display: true, position: "bottom", labels: { usePointStyle: true, boxHeight: 8 } },
        tooltip: { callbacks: { title: (items) => periods[items[0]?.dataIndex ?? 0] ?? "" } },
      },
    };
    const plugin = gradeBandsPlugin<"line">(rects, (r) => gradeText(r.grade, fmt));
    return <Line data={data} options={options} plugins={[plugin]} role="presentation" aria-hidden="true" />;
  };
  return (
    <ChartFigure summary={summary} height={320} draw={draw}>
      <table className="score-chart-data compare-chart-data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{fmt.t("procurement.compare.contract")}</th>
            {periods.map((p) => (
              <th key={p} scope="col" className="num">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lines.map((line) => (
            <tr key={line.contractId}>
              <th scope="row">{line.label}</th>
              {line.totals.map((total, i) => (
                <td key={periods[i]} className="num">
                  {total === null ? "—" : fmt.number(total)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ChartFigure>
  );
}
