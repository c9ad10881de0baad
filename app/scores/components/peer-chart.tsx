import { BarElement, CategoryScale, Chart as ChartJS, LinearScale, Tooltip, type ChartData, type ChartOptions } from "chart.js";
import { Bar } from "react-chartjs-2";
import { bandLabel, bandRects, peerRows, peerSummary, peerTick, TOTAL_MAX, type GradeBands, type PeerBar } from "../chart-data";
import { ChartFigure } from "./chart-figure";
import { gradeBandsPlugin } from "./grade-bands-plugin";
import { useChartFormat } from "./use-chart-format";

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip);

const HIGHLIGHT = "#0b57d0";
/** Still 3:1 against white, so the other contracts' bars stay visible. */
const OTHER = "#8a929e";

/**
 * The contracts of the same service type side by side for one quarter, as
 * horizontal bars of their totals (long contract names fit a phone that way),
 * the one in question in a stronger colour and, when `bands` is given, the
 * grade bands behind them. The order is the caller's.
 */
export function PeerChart({ peers, highlightId, bands }: { peers: PeerBar[]; highlightId?: string | null; bands?: GradeBands }) {
  const fmt = useChartFormat();
  const rows = peerRows(peers, highlightId, fmt);
  const summary = peerSummary(peers, highlightId, fmt);

  const draw = () => {
    const data: ChartData<"bar", (number | null)[], string | string[]> = {
      // A contract without a score has no bar: its label says so, so it does not read as 0.
      labels: peers.map((p) => peerTick(p, fmt)),
      datasets: [
        {
          label: fmt.t("scores.chart.peer.total"),
          data: peers.map((p) => p.total),
          backgroundColor: peers.map((p) => (p.contractId === highlightId ? HIGHLIGHT : OTHER)),
          borderRadius: 4,
          barThickness: 22,
        },
      ],
    };
    const options: ChartOptions<"bar"> = {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      layout: { padding: { top: bands ? 16 : 0 } },
      scales: {
        x: { min: 0, max: TOTAL_MAX, ticks: { stepSize: 20 } },
        y: { ticks: { autoSkip: false, font: { size: 13 } } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => rows[items[0]?.dataIndex ?? 0]?.label ?? "",
            label: (item) => {
              const row = rows[item.dataIndex];
              return row ? `${row.total} · ${row.grade}` : "";
            },
          },
        },
      },
    };
    const plugins = bands ? [gradeBandsPlugin<"bar">(bandRects(bands), (r) => bandLabel(r, fmt), "x")] : [];
    return <Bar data={data} options={options} plugins={plugins} role="presentation" aria-hidden="true" />;
  };

  return (
    <ChartFigure summary={summary} height={Math.max(160, peers.length * 40 + 70)} draw={draw}>
      <table className="score-chart-data">
        <caption>{fmt.t("scores.chart.peer.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{fmt.t("scores.chart.peer.contract")}</th>
            <th scope="col" className="num">
              {fmt.t("scores.chart.peer.total")}
            </th>
            <th scope="col">{fmt.t("scores.chart.peer.grade")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.contractId} className={row.highlighted ? "highlighted" : undefined}>
              <th scope="row">
                {row.label}
                {row.highlighted ? <span className="score-chart-current">{fmt.t("scores.chart.peer.current")}</span> : null}
              </th>
              <td className="num">{row.total}</td>
              <td>{row.grade}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ChartFigure>
  );
}
