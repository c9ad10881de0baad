/**
 * The rules of the monthly grid-patrol view (网格化巡查): months as
 * "YYYY-MM", the weeks a month is cut into for the cell × week grid, and how
 * many patrols the organisation's target asks of a cell in a month.
 *
 * Pure and browser-safe. Calendar arithmetic on a "YYYY-MM-DD" day uses
 * Date.UTC only to count days (never the clock); domain/ may not import
 * scoring/dates.ts.
 */
import type { PatrolTarget } from "./findings";

/** "2026-11". */
export type Month = string;

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is Month {
  return typeof value === "string" && MONTH_RE.test(value);
}

/** The month a day falls in: "2026-11-30" → "2026-11". */
export function monthOfDay(day: string): Month {
  return day.slice(0, 7);
}

function parts(month: Month): { year: number; month: number } {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Days in a month (28..31). */
export function daysInMonthOf(month: Month): number {
  const { year, month: m } = parts(month);
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/** The first and last day of a month, inclusive. */
export function monthBounds(month: Month): { first: string; last: string } {
  return { first: `${month}-01`, last: `${month}-${pad(daysInMonthOf(month))}` };
}

/** The month `delta` months from `month` (−1: the one before). */
export function shiftMonth(month: Month, delta: number): Month {
  const { year, month: m } = parts(month);
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** Day of the week, Monday 1 … Sunday 7 (ISO), of a day in a month. */
function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

export interface MonthWeek {
  /** 1-based. */
  index: number;
  /** The week's days inside the month, inclusive: a week crossing the month's edge is cut at it. */
  start: string;
  end: string;
}

/**
 * The weeks (Monday to Sunday) of a month, each cut to the month's own days,
 * so every day of the month is in exactly one week and the first and last
 * weeks may be short.
 * @example weeksOfMonth("2026-11") // Nov 1 is a Sunday: [{1, 11-01, 11-01}, {2, 11-02, 11-08}, …, {6, 11-30, 11-30}]
 */
export function weeksOfMonth(month: Month): MonthWeek[] {
  const { year, month: m } = parts(month);
  const days = daysInMonthOf(month);
  const weeks: MonthWeek[] = [];
  let start = 1;
  while (start <= days) {
    const end = Math.min(days, start + (7 - isoWeekday(year, m, start)));
    weeks.push({ index: weeks.length + 1, start: `${month}-${pad(start)}`, end: `${month}-${pad(end)}` });
    start = end + 1;
  }
  return weeks;
}

/** The 1-based week of `weeksOfMonth(monthOfDay(day))` a day falls in. */
export function weekIndexOf(day: string, weeks: readonly MonthWeek[]): number {
  const week = weeks.find((w) => day >= w.start && day <= w.end);
  if (!week) throw new RangeError(`${day} is not in these weeks`);
  return week.index;
}

/**
 * Patrols of one cell the target asks for in a month: daily, one a day;
 * weekly, one per full seven days (4 in any month, so a short edge week does
 * not count as a week of its own); fortnightly, 2; monthly, 1.
 */
export function patrolsRequired(target: PatrolTarget, month: Month): number {
  const days = daysInMonthOf(month);
  switch (target) {
    case "daily":
      return days;
    case "weekly":
      return Math.floor(days / 7);
    case "fortnightly":
      return Math.floor(days / 14);
    case "monthly":
      return 1;
  }
}

/** Whether `patrols` in the month meet the target. */
export function patrolTargetMet(patrols: number, target: PatrolTarget, month: Month): boolean {
  return patrols >= patrolsRequired(target, month);
}
