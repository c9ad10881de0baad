import {
  CategoryScale,
  Chart as ChartJS,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartOptions,
} from "chart.js";
import { Line } from "react-chartjs-2";
import { bandRects, bandTicks, gradeText, periodTick, pointLook, segmentDashed, trendRows, trendSummary, TOTAL_MAX, type GradeBands, type TrendPoint } from "../chart-data";
import { ChartFigure } from "./chart-figure";
import { bandedTotalsOptions, gradeBandsPlugin } from "./grade-bands-plugin";
import { useChartFormat } from "./use-chart-format";

ChartJS.register(CategoryScale, LinearScale, LineElement, PointElement, Tooltip);

const LINE = "#1d1d1f";
const PAPER = "#ffffff";
const DASH = [6, 4];

/**
 * A contract's quarter totals over the periods, on 0..100 with the rubric's
 * grade bands behind the line. Finalised totals are filled dots on a solid
 * line; totals that may still change (open, draft, reopened) hollow dots on a
 * dashed one; a quarter without a score leaves a gap.
 */
export function TrendChart({ points, bands, label }: { points: TrendPoint[]; bands: GradeBands; label: string }) {
  const fmt = useChartFormat();
  const rows = trendRows(points, fmt);
  const summary = trendSummary(label, points, fmt);
  const rects = bandRects(bands);
  const ticks = bandTicks(rects);

  const draw = () => {
    const data: ChartData<"line", (number | null)[], string | string[]> = {
      labels: points.map((p) => periodTick(p.period)),
      datasets: [
        {
          label: fmt.t("scores.chart.trend.series"),
          data: points.map((p) => p.total),
          borderColor: LINE,
          borderWidth: 2,
          pointBorderColor: LINE,
          pointBorderWidth: 2,
          pointBackgroundColor: points.map((p) => (pointLook(p) === "hollow" ? PAPER : LINE)),
          pointRadius: points.map((p) => (pointLook(p) === "none" ? 0 : 5)),
          pointHoverRadius: 7,
          spanGaps: false,
          segment: { borderDash: (ctx) => (segmentDashed(points, ctx.p0DataIndex, ctx.p1DataIndex) ? DASH : undefined) },
        },
      ],
    };
    const options: ChartOptions<"line"> = {
      ...bandedTotalsOptions(ticks, TOTAL_MAX),
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => rows[items[0]?.dataIndex ?? 0]?.period ?? "",
            label: (item) => {
              const row = rows[item.dataIndex];
              return row ? `${row.total} · ${row.grade} · ${row.state}` : "";
            },
          },
        },
      },
    };
    const plugin = gradeBandsPlugin<"line">(rects, (r) => gradeText(r.grade, fmt));
    return <Line data={data} options={options} plugins={[plugin]} role="presentation" aria-hidden="true" />;
  };

  const legend = (
    <p className="score-chart-legend">
      <span className="score-chart-key">
        <span className="score-chart-dot filled" aria-hidden="true" />
        {fmt.t("scores.chart.key.final")}
      </span>
      <span className="score-chart-key">
        <span className="score-chart-dot hollow" aria-hidden="true" />
        {fmt.t("scores.chart.key.live")}
      </span>
    </p>
  );

  return (
    <ChartFigure summary={summary} height={260} draw={draw} legend={legend}>
      <table className="score-chart-data">
        <caption>{fmt.t("scores.chart.trend.caption", { label })}</caption>
        <thead>
          <tr>
            <th scope="col">{fmt.t("scores.chart.trend.period")}</th>
            <th scope="col" className="num">
              {fmt.t("scores.chart.trend.total")}
            </th>
            <th scope="col">{fmt.t("scores.chart.trend.grade")}</th>
            <th scope="col">{fmt.t("scores.chart.trend.state")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.period} className={row.live ? "live" : undefined}>
              <th scope="row">{row.period}</th>
              <td className="num">{row.total}</td>
              <td>{row.grade}</td>
              <td>{row.state}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartFigure>
  );
}
