/**
 * What the score charts show, as plain functions of their props: the grade
 * band rectangles, which points may still change, the rows of each chart's
 * table and the sentence its accessible name reads. The chart components
 * (app/scores/components/*) only draw these, so the numbers a screen reader or
 * a browser without JavaScript gets are the same the canvas draws, and they are
 * tested without a browser (chart-data.test.ts).
 */
import { contractQuarterWritable, type QuarterState } from "../../domain/quarter-lock";
import { GRADES, type Grade, type Rubric } from "../../scoring/types";

export type { QuarterState };

/** One quarter of a contract on the trend chart. */
export interface TrendPoint {
  period: string;
  /** 0..100, one decimal; null = no score yet. */
  total: number | null;
  grade: Grade | null;
  state: QuarterState;
  provisional: boolean;
}

/** One dimension of a quarter's score. */
export interface DimensionBar {
  id: string;
  label: string;
  points: number;
  max: number;
}

/** One contract of the same service type in the same quarter. */
export interface PeerBar {
  contractId: string;
  label: string;
  total: number | null;
  grade: Grade | null;
}

export type GradeBands = Rubric["gradeBands"];

/**
 * The page's translator and number formatters (`useTranslation().t`,
 * `useLocale()`), passed in so these functions stay pure.
 */
export interface ChartFormat {
  t: (key: string, options?: Record<string, unknown>) => string;
  number: (value: number, digits?: number) => string;
  percent: (value: number, digits?: number) => string;
}

/** The totals axis runs 0..100 on every chart. */
export const TOTAL_MAX = 100;

// ---------------------------------------------------------------- grade bands

export interface BandRect {
  grade: Grade;
  /** The band's lower bound (its `min`, at least 0). */
  from: number;
  /** The next higher band's `min`, or the axis' top. */
  to: number;
}

/**
 * The grade bands as rectangles of the totals axis, lowest first: each from its
 * `min` up to the next higher band's `min` (the top band up to `top`). Bands
 * outside 0..top are clipped and empty ones (two grades at the same min) left out.
 */
export function bandRects(bands: GradeBands, top = TOTAL_MAX): BandRect[] {
  // Equal mins (which validateRubric refuses) resolve as scoring does: the higher grade wins.
  const sorted = [...bands].sort((a, b) => a.min - b.min || GRADES.indexOf(b.grade) - GRADES.indexOf(a.grade));
  const out: BandRect[] = [];
  sorted.forEach((band, i) => {
    const from = Math.max(0, band.min);
    const to = Math.min(top, sorted[i + 1]?.min ?? top);
    // A band from the very top (only a perfect total reaches it) stays as a line
    // at the top, so that total is still drawn in its own grade.
    if (to > from || (from === top && !sorted[i + 1])) out.push({ grade: band.grade, from, to });
  });
  return out;
}

/** The totals axis' ticks at the bands' bounds (0, 60, 80, 90, 100), so the line reads against them. */
export function bandTicks(rects: readonly BandRect[], top = TOTAL_MAX): number[] {
  return [...new Set([0, ...rects.flatMap((r) => [r.from, r.to]), top])].sort((a, b) => a - b);
}

/** A band's name on the chart: "Excellent ≥90"; the lowest band, from 0, just its grade. */
export function bandLabel(rect: BandRect, fmt: ChartFormat): string {
  const grade = gradeText(rect.grade, fmt);
  return rect.from > 0 ? fmt.t("scores.chart.bandLabel", { grade, min: fmt.number(rect.from, 1) }) : grade;
}

// ---------------------------------------------------------------- live or final

/**
 * A total that may still change: its quarter is not finalised (open, draft or
 * reopened — the quarter lock's own rule, domain/quarter-lock.ts).
 */
export function isLive(state: QuarterState): boolean {
  return contractQuarterWritable(state);
}

/** How a trend point is drawn: live points hollow, finalised ones filled; no total, no point. */
export function pointLook(point: TrendPoint): "filled" | "hollow" | "none" {
  if (point.total === null) return "none";
  return isLive(point.state) ? "hollow" : "filled";
}

/** The line between two quarters is dashed when either end may still change. */
export function segmentDashed(points: readonly TrendPoint[], from: number, to: number): boolean {
  const a = points[from];
  const b = points[to];
  return (a !== undefined && isLive(a.state)) || (b !== undefined && isLive(b.state));
}

/** "2026-Q3" as two tick lines ["Q3", "2026"], so eight quarters fit a phone's width. */
export function periodTick(period: string): string | string[] {
  const m = /^(\d{4})-(Q[1-4])$/.exec(period);
  return m ? [m[2]!, m[1]!] : period;
}

// ---------------------------------------------------------------- texts

/** A total with one decimal, or "—" without a score. */
export function totalText(total: number | null, fmt: ChartFormat): string {
  return total === null ? "—" : fmt.number(total, 1);
}

export function gradeText(grade: Grade | null, fmt: ChartFormat): string {
  return grade === null ? "—" : fmt.t(`grades.${grade}`);
}

/** The quarter's state, and "provisional" when it is. */
export function stateText(point: Pick<TrendPoint, "state" | "provisional">, fmt: ChartFormat): string {
  const state = fmt.t(`scores.chart.states.${point.state}`);
  return point.provisional ? `${state} · ${fmt.t("scores.chart.provisional")}` : state;
}

export interface TrendRow {
  period: string;
  total: string;
  grade: string;
  state: string;
  live: boolean;
}

export function trendRows(points: readonly TrendPoint[], fmt: ChartFormat): TrendRow[] {
  return points.map((p) => ({
    period: p.period,
    total: totalText(p.total, fmt),
    grade: gradeText(p.grade, fmt),
    state: stateText(p, fmt),
    live: isLive(p.state),
  }));
}

/** One sentence with every quarter's total, grade and state. */
export function trendSummary(label: string, points: readonly TrendPoint[], fmt: ChartFormat): string {
  if (points.length === 0) return fmt.t("scores.chart.trend.summaryNone", { label });
  const items = points.map((p) =>
    p.total === null
      ? fmt.t("scores.chart.trend.itemNone", { period: p.period })
      : fmt.t("scores.chart.trend.item", {
          period: p.period,
          total: totalText(p.total, fmt),
          details: [p.grade === null ? null : gradeText(p.grade, fmt), stateText(p, fmt)].filter(Boolean).join(listSeparator(fmt)),
        }),
  );
  return fmt.t("scores.chart.trend.summary", { label, items: items.join(itemSeparator(fmt)) });
}

export interface DimensionRow {
  id: string;
  label: string;
  points: string;
  max: string;
  /** points ÷ max as a percentage, "—" for a dimension without points to earn. */
  share: string;
}

export function dimensionRows(dimensions: readonly DimensionBar[], fmt: ChartFormat): DimensionRow[] {
  return dimensions.map((d) => ({
    id: d.id,
    label: d.label,
    points: fmt.number(d.points, 1),
    max: fmt.number(d.max, 1),
    share: d.max > 0 ? fmt.percent(d.points / d.max, 0) : "—",
  }));
}

export function dimensionSummary(dimensions: readonly DimensionBar[], fmt: ChartFormat): string {
  if (dimensions.length === 0) return fmt.t("scores.chart.dimension.summaryNone");
  const items = dimensionRows(dimensions, fmt).map((r) => fmt.t("scores.chart.dimension.item", { label: r.label, points: r.points, max: r.max }));
  return fmt.t("scores.chart.dimension.summary", { items: items.join(itemSeparator(fmt)) });
}

/** The points lost of each dimension (max − points, never below 0): the pale rest of its bar. */
export function lostPoints(d: DimensionBar): number {
  return Math.max(0, Math.round((d.max - d.points) * 10) / 10);
}

/**
 * The highlighted contract's place among the scored peers: 1 + how many scored
 * higher (equal totals share a place). Null when it has no score or is not listed.
 */
export function peerRank(peers: readonly PeerBar[], highlightId: string | null | undefined): { rank: number; of: number } | null {
  const own = peers.find((p) => p.contractId === highlightId);
  if (!own || own.total === null) return null;
  const scored = peers.filter((p): p is PeerBar & { total: number } => p.total !== null);
  return { rank: 1 + scored.filter((p) => p.total > own.total!).length, of: scored.length };
}

export interface PeerRow {
  contractId: string;
  label: string;
  total: string;
  grade: string;
  highlighted: boolean;
}

/** A peer's axis label: its name, broken over lines, and "no score yet" when it has no bar. */
export function peerTick(peer: PeerBar, fmt: ChartFormat): string | string[] {
  const label = wrapLabel(peer.label);
  return peer.total === null ? [...[label].flat(), fmt.t("scores.chart.noScore")] : label;
}

export function peerRows(peers: readonly PeerBar[], highlightId: string | null | undefined, fmt: ChartFormat): PeerRow[] {
  return peers.map((p) => ({
    contractId: p.contractId,
    label: p.label,
    total: totalText(p.total, fmt),
    grade: gradeText(p.grade, fmt),
    highlighted: p.contractId === highlightId,
  }));
}

export function peerSummary(peers: readonly PeerBar[], highlightId: string | null | undefined, fmt: ChartFormat): string {
  if (peers.length === 0) return fmt.t("scores.chart.peer.summaryNone");
  const items = peers
    .map((p) => {
      const label = p.contractId === highlightId ? `${p.label}${fmt.t("scores.chart.peer.current")}` : p.label;
      return p.total === null
        ? fmt.t("scores.chart.peer.itemNone", { label })
        : fmt.t("scores.chart.peer.item", { label, total: totalText(p.total, fmt), grade: gradeText(p.grade, fmt) });
    })
    .join(itemSeparator(fmt));
  const rank = peerRank(peers, highlightId);
  return rank
    ? fmt.t("scores.chart.peer.summaryRank", { items, rank: rank.rank, of: rank.of })
    : fmt.t("scores.chart.peer.summary", { items });
}

/** Between the items of a summary: the Chinese "；" or "; ". */
function itemSeparator(fmt: ChartFormat): string {
  return fmt.t("scores.chart.itemSeparator");
}

/** Between the details of one item: "，" or ", ". */
function listSeparator(fmt: ChartFormat): string {
  return fmt.t("scores.chart.listSeparator");
}

/**
 * A long axis label broken over lines instead of squeezing the bars on a
 * phone: Chinese (no spaces) every `width` characters, other languages between
 * words at about twice that.
 */
export function wrapLabel(label: string, width = 10): string | string[] {
  const lines: string[] = [];
  if (!/\s/.test(label.trim())) {
    for (let i = 0; i < label.length; i += width) lines.push(label.slice(i, i + width));
  } else {
    let line = "";
    for (const word of label.trim().split(/\s+/)) {
      if (line && line.length + word.length + 1 > width * 2) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
  }
  return lines.length <= 1 ? label : lines;
}
