import type { Chart, ChartType, Plugin } from "chart.js";
import type { Grade } from "../../../scoring/types";
import type { BandRect } from "../chart-data";

/** Pale fills behind the data and the darker ink of their labels, per grade. */
const FILL: Record<Grade, string> = {
  excellent: "rgba(30, 125, 58, 0.13)",
  good: "rgba(11, 87, 208, 0.10)",
  pass: "rgba(160, 90, 0, 0.11)",
  fail: "rgba(179, 38, 30, 0.10)",
};
export const GRADE_INK: Record<Grade, string> = { excellent: "#1e7d3a", good: "#0b57d0", pass: "#8a4d00", fail: "#b3261e" };

/**
 * Draws the grade bands as coloured stripes behind the datasets, each with its
 * localised name, along the totals axis (`y` on the trend line, names in the
 * right margin; `x` on horizontal bars, names above): a few lines of canvas instead of an annotation package.
 */
export function gradeBandsPlugin<T extends ChartType>(rects: readonly BandRect[], labelOf: (rect: BandRect) => string, axis: "x" | "y" = "y"): Plugin<T> {
  return {
    id: "kaopingGradeBands",
    beforeDatasetsDraw(chart: Chart<T>) {
      const scale = chart.scales[axis];
      if (!scale) return;
      const { ctx, chartArea } = chart;
      ctx.save();
      ctx.font = "11px system-ui, sans-serif";
      for (const rect of rects) {
        const a = scale.getPixelForValue(rect.from);
        const b = scale.getPixelForValue(rect.to);
        ctx.fillStyle = FILL[rect.grade];
        if (axis === "y") {
          // y grows downwards: the band's top is its upper bound. Its name goes
          // in the right margin (the chart's layout.padding.right), clear of the line.
          ctx.fillRect(chartArea.left, b, chartArea.width, a - b);
          if (a - b < 12) continue; // too thin for a label; the ticks and the table say it
          ctx.fillStyle = GRADE_INK[rect.grade];
          ctx.textAlign = "left";
          ctx.textBaseline = "middle";
          ctx.fillText(labelOf(rect), chartArea.right + 4, (a + b) / 2);
        } else {
          ctx.fillRect(a, chartArea.top, b - a, chartArea.height);
          if (b - a < 40) continue;
          ctx.fillStyle = GRADE_INK[rect.grade];
          ctx.textAlign = "left";
          ctx.textBaseline = "bottom";
          ctx.fillText(labelOf(rect), a + 3, chartArea.top - 2);
        }
      }
      ctx.restore();
    },
  };
}

/**
 * The options every chart of totals over quarters shares: 0–100 with ticks at
 * the band edges, room on the right for the bands' names (the plugin), no
 * animation (a printed page shows the finished chart).
 */
export function bandedTotalsOptions(ticks: readonly number[], max: number) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    layout: { padding: { right: 62, top: 6 } },
    scales: {
      y: {
        min: 0,
        max,
        afterBuildTicks: (axis: { ticks: { value: number }[] }) => {
          axis.ticks = ticks.map((value) => ({ value }));
        },
      },
      x: { ticks: { maxRotation: 0, autoSkipPadding: 8 } },
    },
  };
}
