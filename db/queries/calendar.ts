/**
 * The organisation's working-day calendar (issue 14): its own entries over
 * the official schedule (domain/holidays-cn.ts) over the weekend rule, and
 * the appeal window of a quarter counted with it.
 */
import { and, between, eq } from "drizzle-orm";
import { appealWindow, calendarOf, CALENDAR_DAY_KINDS, cleanNote, isRealDay, MAX_CALENDAR_NOTE, type CalendarDayKind, type WorkingCalendar } from "../../domain/working-days";
import { hasOfficialSchedule, officialDays } from "../../domain/holidays-cn";
import { recordAudit } from "../audit";
import { nowIso } from "../time";
import type { WriteContext } from "./context";
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

export type CalendarWriteResult = { ok: true; changed: boolean } | { ok: false; error: "invalid_day" | "invalid_kind" | "note_too_long" | "not_found" };

/**
 * Sets the organisation's entry of `day` (insert or change) with an audit
 * entry "calendar.set" (before → after) in one batch; setting what is stored
 * writes nothing. The route validates with its zod schema; this refuses too,
 * so no caller can store a day that does not exist.
 */
export async function setCalendarDay(db: Db, ctx: WriteContext, input: { day: string; kind: CalendarDayKind; note?: string | null }): Promise<CalendarWriteResult> {
  if (!isRealDay(input.day)) return { ok: false, error: "invalid_day" };
  if (!(CALENDAR_DAY_KINDS as readonly string[]).includes(input.kind)) return { ok: false, error: "invalid_kind" };
  const note = cleanNote(input.note);
  if (note !== null && [...note].length > MAX_CALENDAR_NOTE) return { ok: false, error: "note_too_long" };
  const [existing] = await db
    .select({ kind: orgCalendarDays.kind, note: orgCalendarDays.note })
    .from(orgCalendarDays)
    .where(and(eq(orgCalendarDays.orgId, ctx.orgId), eq(orgCalendarDays.day, input.day)));
  if (existing && existing.kind === input.kind && existing.note === note) return { ok: true, changed: false };
  const at = nowIso();
  const values = { kind: input.kind, note, updatedAt: at, updatedBy: ctx.actorUserId };
  await db.batch([
    db.insert(orgCalendarDays).values({ orgId: ctx.orgId, day: input.day, ...values }).onConflictDoUpdate({ target: [orgCalendarDays.orgId, orgCalendarDays.day], set: values }),
    recordAudit(db, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "calendar.set",
      entity: "calendar_day",
      entityId: input.day,
      before: existing ? { day: input.day, kind: existing.kind, note: existing.note } : null,
      after: { day: input.day, kind: input.kind, note },
      ip: ctx.ip ?? null,
      at,
    }),
  ]);
  return { ok: true, changed: true };
}

/**
 * Removes the organisation's entry of `day`, so the official schedule (or the
 * weekend rule) applies again; audited "calendar.clear". not_found when the
 * organisation has no entry that day (another organisation's is never seen).
 */
export async function clearCalendarDay(db: Db, ctx: WriteContext, input: { day: string }): Promise<CalendarWriteResult> {
  if (!isRealDay(input.day)) return { ok: false, error: "invalid_day" };
  const where = and(eq(orgCalendarDays.orgId, ctx.orgId), eq(orgCalendarDays.day, input.day));
  const [existing] = await db.select({ kind: orgCalendarDays.kind, note: orgCalendarDays.note }).from(orgCalendarDays).where(where);
  if (!existing) return { ok: false, error: "not_found" };
  const at = nowIso();
  await db.batch([
    db.delete(orgCalendarDays).where(where),
    recordAudit(db, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "calendar.clear",
      entity: "calendar_day",
      entityId: input.day,
      before: { day: input.day, kind: existing.kind, note: existing.note },
      after: null,
      ip: ctx.ip ?? null,
      at,
    }),
  ]);
  return { ok: true, changed: true };
}

export interface CalendarYearDay {
  day: string;
  kind: CalendarDayKind;
  source: "official" | "organisation";
  /** The holiday's name (official) or the organisation's note. */
  name: string | null;
  /** For an organisation's entry: the official entry it overrides, if any. */
  overrides: { kind: CalendarDayKind; name: string } | null;
}

/**
 * The days of `year` that are not what the weekend rule says, for the
 * calendar page: the official holidays and make-up days, with the
 * organisation's entries over them (an entry equal to the weekend rule is
 * listed too, so the admin can remove it), plus whether the year's official
 * schedule is known here.
 */
export async function calendarYear(db: Db, q: { orgId: string; year: number }): Promise<{ year: number; hasOfficialSchedule: boolean; days: CalendarYearDay[] }> {
  const official = officialDays(q.year);
  const own = await listCalendarEntries(db, { orgId: q.orgId, from: `${q.year}-01-01`, to: `${q.year}-12-31` });
  const byDay = new Map<string, CalendarYearDay>();
  for (const o of official) byDay.set(o.day, { day: o.day, kind: o.kind, source: "official", name: o.name, overrides: null });
  for (const e of own) {
    const under = byDay.get(e.day);
    byDay.set(e.day, { day: e.day, kind: e.kind, source: "organisation", name: e.note, overrides: under ? { kind: under.kind, name: under.name ?? "" } : null });
  }
  const days = [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return { year: q.year, hasOfficialSchedule: hasOfficialSchedule(q.year), days };
}

