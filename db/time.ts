/**
 * Calendar helpers. A "day" is "YYYY-MM-DD" in the organisation's time zone,
 * a period is a calendar quarter "2026-Q3". The organisation's zone decides
 * which day it is, never the server's: a centre in Shanghai starts 1 July at
 * 16:00 UTC on 30 June. Pure: the clock is always passed in.
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

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD = /^(\d{4})-Q([1-4])$/;

/** True for a real calendar day written "YYYY-MM-DD" (rejects "2026-02-30"). */
export function isDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** True for "YYYY-Qn", n in 1..4. */
export function isPeriod(value: string): boolean {
  return PERIOD.test(value);
}

/**
 * The quarter a day belongs to.
 * @example periodOf("2026-07-01") // "2026-Q3"
 */
export function periodOf(day: string): string {
  if (!isDay(day)) throw new RangeError(`not a day "YYYY-MM-DD": ${JSON.stringify(day)}`);
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/**
 * First and last day of a quarter, both inclusive.
 * @example periodRange("2026-Q3") // { startOn: "2026-07-01", endOn: "2026-09-30" }
 */
export function periodRange(period: string): { startOn: string; endOn: string } {
  const m = PERIOD.exec(period);
  if (!m) throw new RangeError(`not a period "YYYY-Qn": ${JSON.stringify(period)}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const firstMonth = (q - 1) * 3 + 1;
  const lastDay = new Date(Date.UTC(year, firstMonth + 2, 0)).getUTCDate(); // day 0 = last of previous month
  const mm = (n: number) => String(n).padStart(2, "0");
  return { startOn: `${m[1]}-${mm(firstMonth)}-01`, endOn: `${m[1]}-${mm(firstMonth + 2)}-${mm(lastDay)}` };
}

/**
 * Whether a rectification deadline has passed: the due day itself still counts
 * as in time, so a finding is overdue from the next day in the organisation's zone.
 * @example isOverdue("2026-06-30", "Asia/Shanghai", new Date("2026-06-30T17:00:00Z")) // true
 */
export function isOverdue(dueOn: string, timeZone: string, now: Date): boolean {
  if (!isDay(dueOn)) throw new RangeError(`not a day "YYYY-MM-DD": ${JSON.stringify(dueOn)}`);
  return todayIn(timeZone, now) > dueOn; // "YYYY-MM-DD" sorts as text
}

/** An instant for a timestamp column: ISO 8601 in UTC, milliseconds, "Z". */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}
