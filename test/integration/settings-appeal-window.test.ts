/**
 * The appeal window setting (issue 14): an admin saves the number of working
 * days; the page's action validates 1–20 and writes one row and one audit
 * entry; bad values answer 400 with the message and write nothing; other roles
 * 403; another organisation untouched; and the window it sets is the one
 * appealWindowOf counts.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appealWindowOf } from "../../db/queries/calendar";
import { getOrgSettings } from "../../db/queries/settings";
import { auditLog } from "../../db/schema";
import { body, changed, keyOf, member, post, rowCounts, startAdminApp, type AdminApp } from "../helpers/admin-request";
import type * as SettingsRoute from "~/routes/admin.settings";

let app: AdminApp;
let route: typeof SettingsRoute;
const PATH = "/admin/settings";

beforeAll(async () => {
  app = await startAdminApp();
  route = await import("~/routes/admin.settings");
});
afterAll(async () => app?.cleanup());

describe("the appeal window setting", () => {
  it("saves the working days with one audit entry; the same value again writes nothing; the window follows", async () => {
    const { admin, other } = app;
    // 2026-Q3: Oct 1–7 off, Sat Oct 10 a make-up working day → 5 days close on 10-13 (8, 9, 10, 12, 13), 3 days on the make-up Saturday 10-10.
    expect((await appealWindowOf(app.t.db, { orgId: admin.orgId, period: "2026-Q3" }))?.closesOn).toBe("2026-10-13");
    const before = await rowCounts(app.t.db);
    const response = await post(route.action as never, PATH, { intent: "appeals", appealWindowDays: "3" }, admin.cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`${PATH}?done=appeals`);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ org_settings: 1, audit_log: 1 });
    expect(await getOrgSettings(app.t.db, { orgId: admin.orgId })).toMatchObject({ appealWindowDays: 3, saved: true });
    expect(await appealWindowOf(app.t.db, { orgId: admin.orgId, period: "2026-Q3" })).toEqual({ countsFrom: "2026-10-01", closesOn: "2026-10-10", days: 3 });
    const [entry] = await app.t.db.select().from(auditLog).where(and(eq(auditLog.orgId, admin.orgId), eq(auditLog.action, "organisation.appeal_window")));
    expect(entry).toMatchObject({ actorUserId: admin.userId, before: { appealWindowDays: 5 }, after: { appealWindowDays: 3 } });

    const again = await rowCounts(app.t.db);
    const repeat = await post(route.action as never, PATH, { intent: "appeals", appealWindowDays: "3" }, admin.cookie);
    expect(repeat.headers.get("Location")).toBe(`${PATH}?done=unchanged`);
    expect(changed(again, await rowCounts(app.t.db))).toEqual({});
    // The other organisation keeps the default.
    expect((await getOrgSettings(app.t.db, { orgId: other.orgId })).appealWindowDays).toBe(5);
  });

  it.each([["0"], ["21"], ["2.5"], ["五"], [""], ["-3"]])("refuses %j with 400, the field's message, and writes nothing", async (value) => {
    const before = await rowCounts(app.t.db);
    const response = await post(route.action as never, PATH, { intent: "appeals", appealWindowDays: value }, app.admin.cookie);
    expect(response.status).toBe(400);
    const key = keyOf((await body(response)).fieldErrors["appealWindowDays"]);
    expect(key).toBe(value === "" ? "form.required" : "settings.errors.appealWindow");
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("is the admin's: a supervisor gets 403 and nothing is written", async () => {
    const supervisor = await member(app.t.db, app.admin.orgId, "supervisor");
    const before = await rowCounts(app.t.db);
    const response = await post(route.action as never, PATH, { intent: "appeals", appealWindowDays: "7" }, supervisor.cookie);
    expect(response.status).toBe(403);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });
});
