/**
 * Days in an organisation's time zone. A "day" is "YYYY-MM-DD" in the
 * organisation's zone, never the server's: a centre in Shanghai starts 1 July
 * at 16:00 UTC on 30 June. Pure and browser-safe: the clock is always passed in.
 * Calendar arithmetic on days and quarters (validity, quarter of a day, first
 * and last day of a quarter) lives once, in scoring/dates.ts.
 */

/** Formatters are costly to build; one per zone is enough. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone: a typo must not fall back to UTC.
    f = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * The calendar day it is at `now` in `timeZone`.
 * @example todayIn("Asia/Shanghai", new Date("2026-06-30T17:00:00Z")) // "2026-07-01"
 */
export function todayIn(timeZone: string, now: Date): string {
  const parts = formatterFor(timeZone).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year").padStart(4, "0")}-${get("month")}-${get("day")}`;
}

/**
 * Whether a rectification deadline has passed: the due day itself still counts
 * as in time, so a finding is overdue from the next day in the organisation's zone.
 * @example isOverdue("2026-06-30", "Asia/Shanghai", new Date("2026-06-30T17:00:00Z")) // true
 */
export function isOverdue(dueOn: string, timeZone: string, now: Date): boolean {
  // The shape only: "YYYY-MM-DD" sorts as text. Whether it is a real day is scoring/dates' isIsoDate.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn)) throw new RangeError(`not a day "YYYY-MM-DD": ${JSON.stringify(dueOn)}`);
  return todayIn(timeZone, now) > dueOn;
}
