/**
 * The admin's working-day calendar page /admin/calendar (issue 14), route →
 * data layer on a real libSQL file: an admin sets a holiday and a make-up
 * working day, sees them (and the appeal window they move), removes one; each
 * refusal is a 400/409 with its localised message and writes nothing; other
 * roles are refused; another organisation's entries are never shown or
 * removable. Today is fixed at 2026-12-02 (Asia/Shanghai): the page's years
 * are 2025–2027, 2026-Q3 is the draft quarter.
 */
process.env.KAOPING_CLOCK = "2026-12-02T04:00:00.000Z"; // noon in Asia/Shanghai

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCalendarEntries, setCalendarDay } from "../../db/queries/calendar";
import { auditLog } from "../../db/schema";
import { body, changed, keyOf, load, member, post, rowCounts, signIn, startAdminApp, type AdminApp } from "../helpers/admin-request";
import { makeContractor, makeMembership, makeUser } from "../helpers/factories";
import { ORIGIN, settle } from "../helpers/requests";
import { decodeMsg } from "~/utils/forms";
import type * as CalendarRoute from "~/routes/admin.calendar";

let app: AdminApp;
let route: typeof CalendarRoute;
const PATH = "/admin/calendar";

interface PageData {
  calendar: { year: number; hasOfficialSchedule: boolean; days: { day: string; kind: string; source: string; name: string | null; overrides: { kind: string; name: string } | null }[] };
  years: { current: number; from: number; to: number };
  windows: { period: string; countsFrom: string; closesOn: string; days: number }[];
}

beforeAll(async () => {
  app = await startAdminApp();
  route = await import("~/routes/admin.calendar");
});
afterAll(async () => app?.cleanup());

async function page(path: string, cookie = app.admin.cookie): Promise<PageData> {
  const res = await load(route.loader as never, path, cookie);
  expect(res.status).toBe(200);
  return (await res.json()) as PageData;
}

const send = (fields: Record<string, string>, cookie = app.admin.cookie) => post(route.action as never, PATH, fields, cookie);

/** The message in both languages: a real text, not the key, and not the same in zh-CN and English. */
async function expectLocalised(message: string | undefined) {
  expect(message).toBeTruthy();
  const { serverT } = await import("~/i18n/instance");
  const { key, params } = decodeMsg(message!);
  const zh = serverT("zh-CN")(key, params);
  const en = serverT("en")(key, params);
  expect(zh).not.toBe(key);
  expect(en).not.toBe(key);
  expect(zh).not.toBe(en);
  expect(zh).toMatch(/[\u4e00-\u9fff]/);
  expect(en).not.toMatch(/\{\{/);
}

describe("the calendar page", () => {
  it("shows this year with its official schedule, the draft quarter's appeal window and the next one", async () => {
    const data = await page(PATH);
    expect(data.years).toEqual({ current: 2026, from: 2025, to: 2027 });
    expect(data.calendar.year).toBe(2026);
    expect(data.calendar.hasOfficialSchedule).toBe(true);
    expect(data.calendar.days.find((d) => d.day === "2026-10-10")).toMatchObject({ kind: "working", source: "official", name: "国庆节" });
    expect(data.windows).toEqual([
      { period: "2026-Q3", countsFrom: "2026-10-01", closesOn: "2026-10-13", days: 5 },
      // 2027's schedule is not known here: weekends only, so Fri 1 Jan counts.
      { period: "2026-Q4", countsFrom: "2027-01-01", closesOn: "2027-01-07", days: 5 },
    ]);
    const next = await page(`${PATH}?year=2027`);
    expect(next.calendar).toEqual({ year: 2027, hasOfficialSchedule: false, days: [] });
  });

  it.each([["abc"], ["2026x"], ["20260"], ["-2026"], ["2026.0"]])("?year=%s is a 400", async (year) => {
    expect((await load(route.loader as never, `${PATH}?year=${encodeURIComponent(year)}`, app.admin.cookie)).status).toBe(400);
  });

  it.each([["2024"], ["2028"], ["0000"], ["9999"]])("?year=%s (outside last year to next) is a 404", async (year) => {
    expect((await load(route.loader as never, `${PATH}?year=${year}`, app.admin.cookie)).status).toBe(404);
  });

  it("sets a holiday and a make-up working day, shows them and the window they move, removes one; all audited", async () => {
    const { admin } = app;
    let before = await rowCounts(app.t.db);
    const holiday = await send({ intent: "set", day: "2027-01-01", kind: "non_working", note: "  元旦  " });
    expect(holiday.status).toBe(303);
    expect(holiday.headers.get("Location")).toBe(`${PATH}?year=2027&done=set&day=2027-01-01`);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ org_calendar_days: 1, audit_log: 1 });

    before = await rowCounts(app.t.db);
    const makeUp = await send({ intent: "set", day: "2027-01-09", kind: "working", note: "元旦调休" });
    expect(makeUp.status).toBe(303);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ org_calendar_days: 1, audit_log: 1 });

    const y2027 = await page(`${PATH}?year=2027`);
    expect(y2027.calendar.days).toEqual([
      { day: "2027-01-01", kind: "non_working", source: "organisation", name: "元旦", overrides: null },
      { day: "2027-01-09", kind: "working", source: "organisation", name: "元旦调休", overrides: null },
    ]);
    // Fri 1 Jan is off now: the Q4 window counts 4–8 Jan.
    expect(y2027.windows[1]).toMatchObject({ period: "2026-Q4", closesOn: "2027-01-08" });

    // Over the official schedule: the Saturday worked for 国庆节 made a day off.
    await send({ intent: "set", day: "2026-10-10", kind: "non_working" });
    const y2026 = await page(PATH);
    expect(y2026.calendar.days.find((d) => d.day === "2026-10-10")).toEqual({ day: "2026-10-10", kind: "non_working", source: "organisation", name: null, overrides: { kind: "working", name: "国庆节" } });
    expect(y2026.windows[0]).toMatchObject({ period: "2026-Q3", closesOn: "2026-10-14" });

    // The same again writes nothing.
    before = await rowCounts(app.t.db);
    const same = await send({ intent: "set", day: "2026-10-10", kind: "non_working", note: "" });
    expect(same.headers.get("Location")).toBe(`${PATH}?year=2026&done=unchanged&day=2026-10-10`);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});

    // Removing it brings the official make-up day back.
    before = await rowCounts(app.t.db);
    const cleared = await send({ intent: "clear", day: "2026-10-10" });
    expect(cleared.status).toBe(303);
    expect(cleared.headers.get("Location")).toBe(`${PATH}?year=2026&done=clear&day=2026-10-10`);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ org_calendar_days: -1, audit_log: 1 });
    const back = await page(PATH);
    expect(back.calendar.days.find((d) => d.day === "2026-10-10")).toMatchObject({ kind: "working", source: "official" });
    expect(back.windows[0]).toMatchObject({ closesOn: "2026-10-13" });

    const audit = await app.t.db.select().from(auditLog).where(and(eq(auditLog.orgId, admin.orgId), eq(auditLog.entity, "calendar_day")));
    expect(audit.map((a) => [a.action, a.entityId, a.actorUserId]).sort()).toEqual([
      ["calendar.clear", "2026-10-10", admin.userId],
      ["calendar.set", "2026-10-10", admin.userId],
      ["calendar.set", "2027-01-01", admin.userId],
      ["calendar.set", "2027-01-09", admin.userId],
    ]);
  });
});

describe("refusals: 400/409 with the localised message, nothing written", () => {
  const cases: [string, Record<string, string>, number, "day" | "kind" | "note" | "intent" | "form", string][] = [
    ["a day that does not exist", { intent: "set", day: "2026-02-30", kind: "working" }, 400, "day", "calendar.errors.day"],
    ["a day that is not a date", { intent: "set", day: "next friday", kind: "working" }, 400, "day", "calendar.errors.day"],
    ["no day", { intent: "set", day: "", kind: "working" }, 400, "day", "form.required"],
    ["a day outside the page's years", { intent: "set", day: "2031-05-01", kind: "non_working" }, 400, "day", "calendar.errors.yearOutOfRange"],
    ["a bad kind", { intent: "set", day: "2026-12-25", kind: "holiday" }, 400, "kind", "calendar.errors.kind"],
    ["no kind", { intent: "set", day: "2026-12-25" }, 400, "kind", "calendar.errors.kind"],
    ["a note too long", { intent: "set", day: "2026-12-25", kind: "non_working", note: "长".repeat(101) }, 400, "note", "form.tooLong"],
    ["a note with invisible characters", { intent: "set", day: "2026-12-25", kind: "non_working", note: "圣\u202e诞" }, 400, "note", "form.invisibleChars"],
    ["clearing a day with no entry", { intent: "clear", day: "2026-12-24" }, 409, "form", "calendar.errors.noEntry"],
    ["clearing a day that does not exist", { intent: "clear", day: "2026-13-01" }, 400, "day", "calendar.errors.day"],
    ["an unknown intent", { intent: "delete", day: "2026-12-25" }, 400, "intent", "form.malformed"],
    ["no intent", { day: "2026-12-25", kind: "working" }, 400, "intent", "form.malformed"],
  ];

  it.each(cases)("%s", async (_label, fields, status, where, key) => {
    const before = await rowCounts(app.t.db);
    const res = await send(fields);
    expect(res.status).toBe(status);
    const answer = await body(res);
    const message = where === "form" ? answer.formError : answer.fieldErrors[where]?.[0];
    expect(keyOf([message ?? ""])).toBe(key);
    await expectLocalised(message);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("a note of exactly 100 characters (astral ones too) is kept", async () => {
    const res = await send({ intent: "set", day: "2026-12-26", kind: "non_working", note: "🎉".repeat(100) });
    expect(res.status).toBe(303);
    expect((await send({ intent: "clear", day: "2026-12-26" })).status).toBe(303);
  });

  it.each([
    ["JSON", "application/json", JSON.stringify({ intent: "set", day: "2026-12-25", kind: "working" })],
    ["multipart garbage", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data\r\n\r\nzz"],
    ["broken percent-encoding", "application/x-www-form-urlencoded", "intent=set&day=%E0%A4%A&kind=working"],
    ["a deep name", "application/x-www-form-urlencoded", `intent=set&${"a.".repeat(50)}b=1`],
  ])("a malformed body (%s) is a 400 with a form message", async (_label, contentType, raw) => {
    const before = await rowCounts(app.t.db);
    const request = new Request(`${ORIGIN}${PATH}`, { method: "POST", headers: { "Content-Type": contentType, Origin: ORIGIN, Cookie: app.admin.cookie }, body: raw });
    const res = await settle(() => route.action({ request, params: {}, context: {} } as never));
    expect(res.status).toBe(400);
    const answer = await body(res);
    const message = answer.formError ?? Object.values(answer.fieldErrors)[0]?.[0];
    await expectLocalised(message);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });
});

describe("who may use it", () => {
  it("a supervisor, staff and procurement get 403 on the page and the action, and nothing is written", async () => {
    for (const role of ["supervisor", "staff", "procurement"] as const) {
      const person = await member(app.t.db, app.admin.orgId, role);
      expect((await load(route.loader as never, PATH, person.cookie)).status, role).toBe(403);
      const before = await rowCounts(app.t.db);
      expect((await send({ intent: "set", day: "2026-12-25", kind: "non_working" }, person.cookie)).status, role).toBe(403);
      expect(changed(before, await rowCounts(app.t.db)), role).toEqual({});
    }
  });

  it("a contractor's person gets 403 and writes nothing", async () => {
    const contractor = await makeContractor(app.t.db, { orgId: app.admin.orgId });
    const user = await makeUser(app.t.db);
    await makeMembership(app.t.db, { orgId: app.admin.orgId, userId: user.id, role: "contractor", contractorId: contractor.id });
    const cookie = await signIn(user.id, app.admin.orgId);
    expect((await load(route.loader as never, PATH, cookie)).status).toBe(403);
    const before = await rowCounts(app.t.db);
    expect((await send({ intent: "set", day: "2026-12-25", kind: "non_working" }, cookie)).status).toBe(403);
    expect((await send({ intent: "clear", day: "2027-01-01" }, cookie)).status).toBe(403);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("signed out: sent to sign in, nothing written", async () => {
    const before = await rowCounts(app.t.db);
    const res = await send({ intent: "set", day: "2026-12-25", kind: "non_working" }, "");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });
});

describe("another organisation's calendar", () => {
  it("is never shown, and its entry cannot be removed (409 no entry, its row stays)", async () => {
    const { other, admin } = app;
    const ctx = { orgId: other.orgId, actorUserId: other.userId };
    expect(await setCalendarDay(app.t.db, ctx, { day: "2026-11-11", kind: "non_working", note: "乙单位活动日" })).toEqual({ ok: true, changed: true });
    // Their admin sees it through the page.
    expect((await page(PATH, other.cookie)).calendar.days.map((d) => d.day)).toContain("2026-11-11");
    // Ours does not, and cannot remove it.
    const ours = await page(PATH);
    expect(ours.calendar.days.map((d) => d.day)).not.toContain("2026-11-11");
    expect(JSON.stringify(ours)).not.toContain("乙单位活动日");
    const before = await rowCounts(app.t.db);
    const res = await send({ intent: "clear", day: "2026-11-11" }, admin.cookie);
    expect(res.status).toBe(409);
    expect(keyOf([(await body(res)).formError ?? ""])).toBe("calendar.errors.noEntry");
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
    expect(await listCalendarEntries(app.t.db, { orgId: other.orgId, from: "2026-11-11", to: "2026-11-11" })).toHaveLength(1);
    // Our entry of the same day is ours alone.
    await send({ intent: "set", day: "2026-11-11", kind: "working", note: "甲单位" });
    expect((await page(PATH, other.cookie)).calendar.days.find((d) => d.day === "2026-11-11")).toMatchObject({ kind: "non_working", name: "乙单位活动日" });
  });
});
