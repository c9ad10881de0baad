import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip, type ChartData, type ChartOptions } from "chart.js";
import { Bar } from "react-chartjs-2";
import { dimensionRows, dimensionSummary, lostPoints, wrapLabel, type DimensionBar } from "../chart-data";
import { ChartFigure } from "./chart-figure";
import { useChartFormat } from "./use-chart-format";

ChartJS.register(CategoryScale, LinearScale, BarElement, Legend, Tooltip);

const EARNED = "#0b57d0";
const LOST = "#d9dbe0";

/**
 * Each dimension's points of its maximum as a horizontal bar as long as the
 * maximum: the earned part strong, the deducted rest pale, so dimensions of
 * different weight compare at a glance.
 */
export function DimensionChart({ dimensions }: { dimensions: DimensionBar[] }) {
  const fmt = useChartFormat();
  const rows = dimensionRows(dimensions, fmt);
  const summary = dimensionSummary(dimensions, fmt);

  const draw = () => {
    const data: ChartData<"bar", number[], string | string[]> = {
      labels: dimensions.map((d) => wrapLabel(d.label)),
      datasets: [
        { label: fmt.t("scores.chart.dimension.points"), data: dimensions.map((d) => d.points), backgroundColor: EARNED, barThickness: 22 },
        { label: fmt.t("scores.chart.dimension.lost"), data: dimensions.map(lostPoints), backgroundColor: LOST, barThickness: 22 },
      ],
    };
    const options: ChartOptions<"bar"> = {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { stacked: true, min: 0, suggestedMax: Math.max(0, ...dimensions.map((d) => d.max)) },
        y: { stacked: true, ticks: { autoSkip: false, font: { size: 13 } } },
      },
      plugins: {
        legend: { position: "bottom" },
        tooltip: {
          callbacks: {
            title: (items) => rows[items[0]?.dataIndex ?? 0]?.label ?? "",
            label: (item) => {
              const row = rows[item.dataIndex];
              const d = dimensions[item.dataIndex];
              if (!row || !d) return "";
              return item.datasetIndex === 0
                ? `${item.dataset.label}: ${row.points} / ${row.max} (${row.share})`
                : `${item.dataset.label}: ${fmt.number(lostPoints(d), 1)}`;
            },
          },
        },
      },
    };
    return <Bar data={data} options={options} role="presentation" aria-hidden="true" />;
  };

  return (
    <ChartFigure summary={summary} height={Math.max(160, dimensions.length * 44 + 70)} draw={draw}>
      <table className="score-chart-data">
        <caption>{fmt.t("scores.chart.dimension.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{fmt.t("scores.chart.dimension.dimension")}</th>
            <th scope="col" className="num">
              {fmt.t("scores.chart.dimension.points")}
            </th>
            <th scope="col" className="num">
              {fmt.t("scores.chart.dimension.max")}
            </th>
            <th scope="col" className="num">
              {fmt.t("scores.chart.dimension.share")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.label}</th>
              <td className="num">{row.points}</td>
              <td className="num">{row.max}</td>
              <td className="num">{row.share}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartFigure>
  );
}
