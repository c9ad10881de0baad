/**
 * Calendar days ("YYYY-MM-DD") and quarters ("2026-Q3") as plain data.
 *
 * Pure integer arithmetic on year, month and day: no `Date`, no clock, no
 * time zone. A day is whatever calendar day the organisation says it is.
 */
import { ScoringInputError, show } from "./errors";
import type { IsoDate, Period } from "./types";

const PERIOD_RE = /^(\d{4})-Q([1-4])$/;

/** A calendar day split into its parts (month 1..12, day 1..31). */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/**
 * Whether `year` is a leap year in the (proleptic) Gregorian calendar.
 *
 * @example
 * isLeapYear(2024); // true
 * isLeapYear(2100); // false
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Number of days in a month (1..12).
 *
 * @example
 * daysInMonth(2026, 2); // 28
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The digits of `s` from `from` to `to` as a number, or -1 if any is not a digit. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

function splitDate(value: unknown): CalendarDay | null {
  return isIsoDate(value) ? { year: digits(value, 0, 4), month: digits(value, 5, 7), day: digits(value, 8, 10) } : null;
}

/**
 * Whether `value` is a real calendar day written "YYYY-MM-DD".
 *
 * @example
 * isIsoDate("2024-02-29"); // true
 * isIsoDate("2026-02-30"); // false
 */
export function isIsoDate(value: unknown): value is IsoDate {
  // /^(\d{4})-(\d{2})-(\d{2})$/ and a real day, by hand: this runs for every date of every finding.
  if (typeof value !== "string" || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Splits a "YYYY-MM-DD" day into its parts; throws a `ScoringInputError` at
 * `path` when it is not a real calendar day.
 *
 * @example
 * parseIsoDate("2026-07-01", "asOf"); // { year: 2026, month: 7, day: 1 }
 * parseIsoDate("2026-02-30", "asOf"); // throws, path "asOf"
 */
export function parseIsoDate(value: unknown, path: string): CalendarDay {
  const parts = splitDate(value);
  if (parts === null) {
    throw new ScoringInputError(path, `expected a calendar day "YYYY-MM-DD", got ${show(value)}`);
  }
  return parts;
}

/**
 * Returns `value` as an `IsoDate`, or throws a `ScoringInputError` at `path`.
 *
 * @example
 * const day = assertIsoDate(input.asOf, "asOf");
 */
export function assertIsoDate(value: unknown, path: string): IsoDate {
  parseIsoDate(value, path);
  return value as IsoDate;
}

/**
 * Orders two valid days (negative, 0, positive); "YYYY-MM-DD" sorts as text.
 *
 * @example
 * compareIsoDates("2026-01-31", "2026-02-01"); // < 0
 */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Days since 1970-01-01 (negative before), for day arithmetic.
 *
 * @example
 * dayNumber("1970-01-02"); // 1
 */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date, "date");
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The day `n` days after 1970-01-01; the inverse of {@link dayNumber}.
 *
 * @example
 * fromDayNumber(0); // "1970-01-01"
 */
export function fromDayNumber(n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a day number: ${n}`);
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) throw new RangeError(`day number ${n} is outside years 0000..9999`);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * The day `days` after (or before, when negative) `date`.
 *
 * @example
 * addDays("2026-02-28", 1); // "2026-03-01"
 */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * Whether `value` is a quarter written "YYYY-Qn" (n in 1..4).
 *
 * @example
 * isPeriod("2026-Q3"); // true
 * isPeriod("2026-Q5"); // false
 */
export function isPeriod(value: unknown): value is Period {
  return typeof value === "string" && PERIOD_RE.test(value);
}

/**
 * Returns `value` as a `Period`, or throws a `ScoringInputError` at `path`.
 *
 * @example
 * assertPeriod("2026-Q5", "period"); // throws, path "period"
 */
export function assertPeriod(value: unknown, path: string): Period {
  if (!isPeriod(value)) {
    throw new ScoringInputError(path, `expected a quarter "YYYY-Qn" (n 1..4), got ${show(value)}`);
  }
  return value;
}

/**
 * A quarter's year and number (1..4); throws at `path` when malformed.
 *
 * @example
 * parsePeriod("2026-Q3", "period"); // { year: 2026, quarter: 3 }
 */
export function parsePeriod(value: unknown, path = "period"): { year: number; quarter: number } {
  const p = assertPeriod(value, path);
  return { year: Number(p.slice(0, 4)), quarter: Number(p.slice(6)) };
}

/**
 * A running quarter count (year × 4 + quarter − 1), for arithmetic on quarters.
 *
 * @example
 * periodIndex("2026-Q2") - periodIndex("2025-Q4"); // 2
 */
export function periodIndex(period: Period): number {
  const { year, quarter } = parsePeriod(period);
  return year * 4 + quarter - 1;
}

/**
 * The quarter with the given running count; the inverse of {@link periodIndex}.
 *
 * @example
 * periodFromIndex(8105); // "2026-Q2"
 */
export function periodFromIndex(index: number): Period {
  if (!Number.isSafeInteger(index) || index < 0 || index > 9999 * 4 + 3) {
    throw new RangeError(`quarter index ${index} is outside years 0000..9999`);
  }
  return `${pad(Math.floor(index / 4), 4)}-Q${(index % 4) + 1}`;
}

/**
 * Orders two valid quarters (negative, 0, positive).
 *
 * @example
 * ["2026-Q1", "2025-Q4"].sort(comparePeriods); // ["2025-Q4", "2026-Q1"]
 */
export function comparePeriods(a: Period, b: Period): number {
  return periodIndex(a) - periodIndex(b);
}

/**
 * The first day of a quarter.
 *
 * @example
 * periodStart("2026-Q3"); // "2026-07-01"
 */
export function periodStart(period: Period): IsoDate {
  const { year, quarter } = parsePeriod(period);
  return `${pad(year, 4)}-${pad(quarter * 3 - 2, 2)}-01`;
}

/**
 * The last day of a quarter.
 *
 * @example
 * periodEnd("2026-Q1"); // "2026-03-31"
 */
export function periodEnd(period: Period): IsoDate {
  const { year, quarter } = parsePeriod(period);
  const month = quarter * 3;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(daysInMonth(year, month), 2)}`;
}

/**
 * Whether a valid day falls inside a quarter (both ends included).
 *
 * @example
 * isInPeriod("2026-03-31", "2026-Q1"); // true
 */
export function isInPeriod(date: IsoDate, period: Period): boolean {
  return date >= periodStart(period) && date <= periodEnd(period);
}

/**
 * The quarter a day belongs to.
 *
 * @example
 * periodOfDate("2026-08-15"); // "2026-Q3"
 */
export function periodOfDate(date: IsoDate): Period {
  const { year, month } = parseIsoDate(date, "date");
  return `${pad(year, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/**
 * The quarter after `period`.
 *
 * @example
 * nextPeriod("2026-Q4"); // "2027-Q1"
 */
export function nextPeriod(period: Period): Period {
  return periodFromIndex(periodIndex(period) + 1);
}

/**
 * The quarter before `period`.
 *
 * @example
 * previousPeriod("2026-Q1"); // "2025-Q4"
 */
export function previousPeriod(period: Period): Period {
  return periodFromIndex(periodIndex(period) - 1);
}

/**
 * Whether `b` is the calendar quarter right after `a`.
 *
 * @example
 * isConsecutive("2025-Q4", "2026-Q1"); // true
 * isConsecutive("2025-Q3", "2026-Q1"); // false (a quarter is missing)
 */
export function isConsecutive(a: Period, b: Period): boolean {
  return periodIndex(b) === periodIndex(a) + 1;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}
