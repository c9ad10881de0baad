import {
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  LinearScale,
  Tooltip,
  type ChartOptions,
  type Plugin,
} from "chart.js";
import { Bar } from "react-chartjs-2";
import { useTranslation } from "react-i18next";
import { useLocale } from "~/utils/localise";
import { useHydrated } from "./use-hydrated";

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip);

export interface QuestionShare {
  id: string;
  label: string;
  /** Satisfied answers ÷ answers (from `satisfactionRate`), null with no answers. */
  rate: number | null;
  answers: number;
}

const OK = "#1e7d3a";
const LOW = "#c26a00";
const TARGET = "#b3261e";

/**
 * Draws the rubric's target as a dashed vertical line across the bars, with
 * its value at the top: a few lines of canvas instead of another package.
 */
function targetLinePlugin(target: number, label: string): Plugin<"bar"> {
  return {
    id: "kaopingTargetLine",
    afterDatasetsDraw(chart) {
      const x = chart.scales.x?.getPixelForValue(target * 100);
      if (x === undefined) return;
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.strokeStyle = TARGET;
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = TARGET;
      ctx.font = "12px system-ui, sans-serif";
      ctx.textAlign = x > chartArea.right - 60 ? "right" : "left";
      ctx.textBaseline = "bottom";
      ctx.fillText(label, ctx.textAlign === "right" ? x - 4 : x + 4, chartArea.top - 2);
      ctx.restore();
    },
  };
}

/**
 * Horizontal bars of the satisfied share per question against the rubric's
 * target line, with a table of the same numbers for screen readers and for
 * browsers without JavaScript (where the chart is not drawn at all).
 */
export function SatisfactionChart({ questions, target }: { questions: QuestionShare[]; target: number }) {
  const { t } = useTranslation();
  const { percent } = useLocale();
  const hydrated = useHydrated();
  const targetText = percent(target, 1);
  const summary = t("survey.chart.satisfactionSummary", {
    items: questions.map((q) => `${q.label} ${q.rate === null ? t("survey.chart.noAnswers") : percent(q.rate, 1)}`).join("；"),
    target: targetText,
  });
  const options: ChartOptions<"bar"> = {
    indexAxis: "y",
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    layout: { padding: { top: 18, right: 8 } },
    scales: {
      x: { min: 0, max: 100, ticks: { callback: (v) => `${v}%` } },
      y: { ticks: { autoSkip: false, font: { size: 13 } } },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          label: (ctx) => {
            const q = questions[ctx.dataIndex];
            return q?.rate === null || !q ? t("survey.chart.noAnswers") : `${percent(q.rate, 1)} (${q.answers})`;
          },
        },
      },
    },
  };
  const data = {
    labels: questions.map((q) => wrap(q.label)),
    datasets: [
      {
        label: t("survey.chart.satisfiedShare"),
        data: questions.map((q) => (q.rate === null ? 0 : Math.round(q.rate * 1000) / 10)),
        backgroundColor: questions.map((q) => (q.rate !== null && q.rate >= target ? OK : LOW)),
        borderRadius: 4,
        barThickness: 22,
      },
    ],
  };
  return (
    <figure className="survey-chart">
      {hydrated ? (
        <div className="chart-box" style={{ height: `${Math.max(160, questions.length * 48 + 60)}px` }}>
          <Bar
            data={data}
            options={options}
            plugins={[targetLinePlugin(target, t("survey.chart.targetLine", { target: targetText }))]}
            role="img"
            aria-label={summary}
          />
        </div>
      ) : null}
      <details className="chart-table" open={!hydrated}>
        <summary>{t("survey.chart.showTable")}</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t("survey.monitor.satisfaction")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("survey.chart.question")}</th>
                <th scope="col" className="num">
                  {t("survey.chart.answers")}
                </th>
                <th scope="col" className="num">
                  {t("survey.chart.satisfiedShare")}
                </th>
                <th scope="col">{t("survey.chart.target")}</th>
              </tr>
            </thead>
            <tbody>
              {questions.map((q) => (
                <tr key={q.id}>
                  <th scope="row">{q.label}</th>
                  <td className="num">{q.answers}</td>
                  <td className="num">{q.rate === null ? "—" : percent(q.rate, 1)}</td>
                  <td className={q.rate !== null && q.rate >= target ? "met" : "not-met"}>
                    {q.rate === null
                      ? t("survey.chart.noAnswers")
                      : q.rate >= target
                        ? t("survey.chart.met")
                        : t("survey.chart.notMet")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <figcaption className="visually-hidden">{summary}</figcaption>
    </figure>
  );
}

/** Long question labels break over lines on the axis instead of squeezing the bars. */
function wrap(label: string): string | string[] {
  if (!/\s/.test(label)) {
    // Chinese: break every 12 characters.
    if (label.length <= 12) return label;
    const lines: string[] = [];
    for (let i = 0; i < label.length; i += 12) lines.push(label.slice(i, i + 12));
    return lines;
  }
  // Other languages: break between words at about 24 characters.
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/)) {
    if (line && line.length + word.length + 1 > 24) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.length === 1 ? lines[0]! : lines;
}
