/**
 * The organisation's calendar writes (issue 14): setCalendarDay/clearCalendarDay
 * write and audit, leave another organisation alone, and move the appeal
 * window counted in Asia/Shanghai working days.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appealWindowOf, calendarYear, clearCalendarDay, listCalendarEntries, setCalendarDay } from "../../db/queries/calendar";
import { auditLog, orgCalendarDays } from "../../db/schema";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeOrg, makeUser } from "../helpers/factories";

let t: TestDb;
let ctx: { orgId: string; actorUserId: string };
let other: { orgId: string; actorUserId: string };

beforeAll(async () => {
  t = await createTestDb();
  const user = await makeUser(t.db);
  ctx = { orgId: (await makeOrg(t.db)).id, actorUserId: user.id };
  other = { orgId: (await makeOrg(t.db)).id, actorUserId: user.id };
});
afterAll(() => t.cleanup());

describe("setCalendarDay / clearCalendarDay", () => {
  it("moves 2026-Q3's window (Oct 1–7 off, Sat Oct 10 worked) and back, audited, other organisation untouched", async () => {
    expect((await appealWindowOf(t.db, { orgId: ctx.orgId, period: "2026-Q3" }))?.closesOn).toBe("2026-10-13");
    await setCalendarDay(t.db, other, { day: "2026-10-12", kind: "working", note: "其他单位" });

    // Mon Oct 12 made a day off: the fifth working day (8, 9, 10, 13, 14) is Wed Oct 14.
    expect(await setCalendarDay(t.db, ctx, { day: "2026-10-12", kind: "non_working", note: "  单位  休息 " })).toEqual({ ok: true, changed: true });
    expect((await appealWindowOf(t.db, { orgId: ctx.orgId, period: "2026-Q3" }))?.closesOn).toBe("2026-10-14");
    expect(await listCalendarEntries(t.db, { orgId: ctx.orgId, from: "2026-10-01", to: "2026-10-31" })).toMatchObject([{ day: "2026-10-12", kind: "non_working", note: "单位 休息" }]);
    // The make-up Saturday made a day off too: Oct 15.
    await setCalendarDay(t.db, ctx, { day: "2026-10-10", kind: "non_working", note: null });
    expect((await appealWindowOf(t.db, { orgId: ctx.orgId, period: "2026-Q3" }))?.closesOn).toBe("2026-10-15");
    // The same again writes nothing.
    expect(await setCalendarDay(t.db, ctx, { day: "2026-10-10", kind: "non_working", note: "" })).toEqual({ ok: true, changed: false });

    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.orgId, ctx.orgId), eq(auditLog.entity, "calendar_day")));
    expect(audits.map((a) => a.action)).toEqual(["calendar.set", "calendar.set"]);

    expect(await clearCalendarDay(t.db, ctx, { day: "2026-10-12" })).toEqual({ ok: true, changed: true });
    expect(await clearCalendarDay(t.db, ctx, { day: "2026-10-10" })).toEqual({ ok: true, changed: true });
    expect((await appealWindowOf(t.db, { orgId: ctx.orgId, period: "2026-Q3" }))?.closesOn).toBe("2026-10-13");
    expect(await clearCalendarDay(t.db, ctx, { day: "2026-10-12" })).toEqual({ ok: false, error: "not_found" });
    const otherRows = await t.db.select().from(orgCalendarDays).where(eq(orgCalendarDays.orgId, other.orgId));
    expect(otherRows.map((r) => [r.day, r.kind])).toEqual([["2026-10-12", "working"]]);
  });

  it("refuses a day that does not exist and a note over 100 characters, writing nothing", async () => {
    expect(await setCalendarDay(t.db, ctx, { day: "2026-02-30", kind: "non_working" })).toEqual({ ok: false, error: "invalid_day" });
    expect(await setCalendarDay(t.db, ctx, { day: "2026-03-02", kind: "non_working", note: "长".repeat(101) })).toEqual({ ok: false, error: "note_too_long" });
    expect(await listCalendarEntries(t.db, { orgId: ctx.orgId, from: "2026-01-01", to: "2026-12-31" })).toEqual([]);
  });

  it("calendarYear lists the official days and the organisation's entry over them, never another organisation's", async () => {
    await setCalendarDay(t.db, ctx, { day: "2026-10-07", kind: "working", note: "值班" });
    const year = await calendarYear(t.db, { orgId: ctx.orgId, year: 2026 });
    expect(year.hasOfficialSchedule).toBe(true);
    expect(year.days.find((d) => d.day === "2026-10-07")).toEqual({ day: "2026-10-07", kind: "working", source: "organisation", name: "值班", overrides: { kind: "non_working", name: "国庆节" } });
    expect(year.days.find((d) => d.day === "2026-10-10")).toMatchObject({ source: "official", kind: "working" });
    expect(year.days.some((d) => d.day === "2026-10-12")).toBe(false);
    expect((await calendarYear(t.db, { orgId: ctx.orgId, year: 2027 })).hasOfficialSchedule).toBe(false);
  });
});
