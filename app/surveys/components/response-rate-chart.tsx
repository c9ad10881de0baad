import {
  CategoryScale,
  Chart as ChartJS,
  Filler,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
  type ChartOptions,
} from "chart.js";
import { Line } from "react-chartjs-2";
import { useTranslation } from "react-i18next";
import { useLocale } from "~/utils/localise";
import { useHydrated } from "./use-hydrated";

ChartJS.register(CategoryScale, LinearScale, LineElement, PointElement, Filler, Legend, Tooltip);

export interface DayCount {
  /** "YYYY-MM-DD" in the organisation's zone. */
  day: string;
  /** Responses submitted that day (open link, invites and signed-in staff together). */
  count: number;
  /** Invite codes used that day. */
  invitesUsed?: number;
}

/**
 * Cumulative responses per day and, when the campaign has invite codes, the
 * cumulative codes used against the number of codes (the response rate of
 * the invites), with a table of the same numbers as its text alternative.
 * `days` should be continuous (the loader fills days without responses with 0).
 */
export function ResponseRateChart({ days, invites }: { days: DayCount[]; invites: number }) {
  const { t } = useTranslation();
  const { percent } = useLocale();
  const hydrated = useHydrated();
  let running = 0;
  let used = 0;
  const rows = days.map((d) => {
    running += d.count;
    used += d.invitesUsed ?? 0;
    return { ...d, cumulative: running, used };
  });
  const last = rows[rows.length - 1];
  const total = last?.cumulative ?? 0;
  const summary = last
    ? invites > 0
      ? t("survey.chart.responsesSummaryInvites", { date: last.day, count: total, invites, used: last.used, rate: percent(last.used / invites, 1) })
      : t("survey.chart.responsesSummary", { date: last.day, count: total })
    : t("survey.monitor.noResponses");
  const options: ChartOptions<"line"> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: "index", intersect: false },
    scales: {
      y: { beginAtZero: true, suggestedMax: Math.max(invites, total, 5), ticks: { precision: 0 } },
      x: { ticks: { maxRotation: 0, autoSkipPadding: 12 } },
    },
    plugins: { legend: { position: "bottom" } },
  };
  const data = {
    labels: rows.map((r) => r.day.slice(5)),
    datasets: [
      {
        label: t("survey.chart.cumulative"),
        data: rows.map((r) => r.cumulative),
        borderColor: "#0b57d0",
        backgroundColor: "rgba(11, 87, 208, 0.12)",
        fill: true,
        tension: 0.2,
        pointRadius: rows.length > 31 ? 0 : 3,
      },
      ...(invites > 0
        ? [
            {
              label: t("survey.chart.invitesUsed"),
              data: rows.map((r) => r.used),
              borderColor: "#1e7d3a",
              backgroundColor: "#1e7d3a",
              fill: false,
              tension: 0.2,
              pointRadius: rows.length > 31 ? 0 : 3,
            },
            {
              label: t("survey.chart.invites"),
              data: rows.map(() => invites),
              borderColor: "#5c5f66",
              borderDash: [6, 4],
              pointRadius: 0,
              fill: false,
            },
          ]
        : []),
    ],
  };
  return (
    <figure className="survey-chart">
      <figcaption className="muted small">{summary}</figcaption>
      {hydrated && rows.length > 0 ? (
        <div className="chart-box" style={{ height: "240px" }}>
          <Line data={data} options={options} role="img" aria-label={summary} />
        </div>
      ) : null}
      {rows.length > 0 ? (
        <details className="chart-table" open={!hydrated}>
          <summary>{t("survey.chart.showTable")}</summary>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">{t("survey.monitor.progress")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("survey.chart.day")}</th>
                  <th scope="col" className="num">
                    {t("survey.chart.newResponses")}
                  </th>
                  <th scope="col" className="num">
                    {t("survey.chart.cumulative")}
                  </th>
                  {invites > 0 ? (
                    <>
                      <th scope="col" className="num">
                        {t("survey.chart.invitesUsed")}
                      </th>
                      <th scope="col" className="num">
                        {t("survey.chart.rate")}
                      </th>
                    </>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.day}>
                    <th scope="row">{r.day}</th>
                    <td className="num">{r.count}</td>
                    <td className="num">{r.cumulative}</td>
                    {invites > 0 ? (
                      <>
                        <td className="num">{r.used}</td>
                        <td className="num">{percent(r.used / invites, 1)}</td>
                      </>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </figure>
  );
}
