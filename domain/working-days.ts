/**
 * Working days (工作日) for the appeal window (issue 14): a day is what the
 * organisation's calendar says (its own entries over the official schedule,
 * domain/holidays-cn.ts), otherwise Monday–Friday work and weekends not.
 *
 * Pure and import-free. Days are "YYYY-MM-DD" in the organisation's zone; the
 * weekday is read from the civil date itself (UTC arithmetic on the date
 * alone), so the server's zone never shifts it.
 */

/** The kinds of calendar entry: a day off (holiday, 放假) or a day of work (a make-up working day, 调休上班). */
export const CALENDAR_DAY_KINDS = ["non_working", "working"] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** Days that differ from the weekend rule, by day; later entries win (an organisation's over the official). */
export type WorkingCalendar = ReadonlyMap<string, CalendarDayKind>;

/** A calendar from lists of entries, the later list overriding the earlier (official first, then the organisation's). */
export function calendarOf(...lists: readonly (readonly { day: string; kind: CalendarDayKind }[])[]): WorkingCalendar {
  const calendar = new Map<string, CalendarDayKind>();
  for (const list of lists) for (const entry of list) calendar.set(entry.day, entry.kind);
  return calendar;
}

function utcOf(day: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
}

/** 0 = Sunday … 6 = Saturday, of the civil day. */
export function weekdayOf(day: string): number {
  return utcOf(day).getUTCDay();
}

/** The day after `day` (calendar arithmetic of whole civil days; the window needs only this step). */
export function nextDay(day: string): string {
  const next = utcOf(day);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** Whether `day` is a working day: the calendar's entry, else Monday–Friday. */
export function isWorkingDay(day: string, calendar: WorkingCalendar): boolean {
  const entry = calendar.get(day);
  if (entry) return entry === "working";
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6;
}

/**
 * The n-th working day counting from `from`, which counts itself when it is a
 * working day (n ≥ 1).
 * @example nthWorkingDay("2026-10-01", 5, calendarOf(officialDays(2026))) // "2026-10-13" (Oct 1–7 off, Sat 10 worked)
 */
export function nthWorkingDay(from: string, n: number, calendar: WorkingCalendar): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`nthWorkingDay: n must be a positive integer, got ${n}`);
  let day = from;
  let counted = isWorkingDay(day, calendar) ? 1 : 0;
  while (counted < n) {
    day = nextDay(day);
    if (isWorkingDay(day, calendar)) counted++;
  }
  return day;
}

/**
 * A quarter's appeal window: `days` working days counted from the day the
 * quarter becomes draft (the day after its last day), that day included.
 * Appeals may be filed from the day the finding or veto is recorded until
 * `closesOn`, inclusive.
 * @example appealWindow({ draftFrom: "2026-10-01", days: 5, calendar }) // { countsFrom: "2026-10-01", closesOn: "2026-10-13" }
 */
export function appealWindow(input: { draftFrom: string; days: number; calendar: WorkingCalendar }): { countsFrom: string; closesOn: string } {
  return { countsFrom: input.draftFrom, closesOn: nthWorkingDay(input.draftFrom, input.days, input.calendar) };
}

/** The longest note of an entry (a holiday's name or a reason). */
export const MAX_CALENDAR_NOTE = 100;

/** Whether `day` is a real civil day "YYYY-MM-DD" (2026-02-30 is not). */
export function isRealDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(y, m - 1, d));
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d;
}

/** A note as stored: one line, trimmed, inner runs of whitespace made one space, empty = none. */
export function cleanNote(note: string | null | undefined): string | null {
  const clean = (note ?? "").replace(/[\u0000-\u001f\u007f]/g, " ").replace(/\s+/g, " ").trim();
  return clean === "" ? null : clean;
}
