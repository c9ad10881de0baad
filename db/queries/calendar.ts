/**
 * The organisation's working-day calendar (issue 14): its own entries over
 * the official schedule (domain/holidays-cn.ts) over the weekend rule, and
 * the appeal window of a quarter counted with it.
 */
import { and, between, eq } from "drizzle-orm";
import { appealWindow, calendarOf, type WorkingCalendar } from "../../domain/working-days";
import { officialDays } from "../../domain/holidays-cn";
import { addDays, isPeriod, periodEnd } from "../../scoring/dates";
import type { Db } from "../client";
import { orgCalendarDays } from "../schema";
import { getOrgSettings } from "./settings";

export interface CalendarEntry {
  day: string;
  kind: "non_working" | "working";
  note: string | null;
  updatedAt: string;
}

/** The organisation's own entries from `from` to `to` (inclusive), in day order. */
export async function listCalendarEntries(db: Db, q: { orgId: string; from: string; to: string }): Promise<CalendarEntry[]> {
  return db
    .select({ day: orgCalendarDays.day, kind: orgCalendarDays.kind, note: orgCalendarDays.note, updatedAt: orgCalendarDays.updatedAt })
    .from(orgCalendarDays)
    .where(and(eq(orgCalendarDays.orgId, q.orgId), between(orgCalendarDays.day, q.from, q.to)))
    .orderBy(orgCalendarDays.day);
}

/**
 * The working calendar of the years `fromYear`..`toYear`: the official
 * schedule of each, then the organisation's entries over it.
 */
export async function workingCalendarOf(db: Db, q: { orgId: string; fromYear: number; toYear: number }): Promise<WorkingCalendar> {
  const official = [];
  for (let year = q.fromYear; year <= q.toYear; year++) official.push(...officialDays(year));
  const own = await listCalendarEntries(db, { orgId: q.orgId, from: `${q.fromYear}-01-01`, to: `${q.toYear}-12-31` });
  return calendarOf(official, own);
}

export interface AppealWindow {
  /** The first day counted: the day the quarter becomes draft. */
  countsFrom: string;
  /** The last day an appeal may be filed (inclusive). */
  closesOn: string;
  /** The organisation's window, in working days. */
  days: number;
}

/**
 * The appeal window of `period` for the organisation: its setting's working
 * days counted from the day after the quarter's last day, that day included.
 * @example await appealWindowOf(db, { orgId, period: "2026-Q3" }) // { countsFrom: "2026-10-01", closesOn: "2026-10-13", days: 5 }
 */
export async function appealWindowOf(db: Db, q: { orgId: string; period: string }): Promise<AppealWindow | null> {
  if (!isPeriod(q.period)) return null;
  const draftFrom = addDays(periodEnd(q.period), 1);
  const year = Number(draftFrom.slice(0, 4));
  // The window is at most 20 working days, so it never runs past the next year.
  const [settings, calendar] = await Promise.all([getOrgSettings(db, { orgId: q.orgId }), workingCalendarOf(db, { orgId: q.orgId, fromYear: year, toYear: year + 1 })]);
  return { ...appealWindow({ draftFrom, days: settings.appealWindowDays, calendar }), days: settings.appealWindowDays };
}
