/**
 * The patrol pages and the patrol target setting through their loaders and
 * actions: roles, another organisation's leader (404), ?month= handling, and
 * the admin's setting (400 for an unknown target, audited change).
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditLog, organisations } from "../../db/schema";
import { body, changed, keyOf, load, member, post, rowCounts, startAdminApp, type AdminApp } from "../helpers/admin-request";
import { makeGridCell, makeInspection, makeSite } from "../helpers/factories";

let app: AdminApp;
beforeEach(async () => {
  app = await startAdminApp();
});
afterEach(async () => app.cleanup());

describe("/supervisor/patrols", () => {
  it("shows the asked month's cells and 404s another organisation's leader sheet", async () => {
    const { loader } = await import("~/routes/supervisor.patrols._index");
    const sheet = await import("~/routes/supervisor.patrols.$userId");
    const leader = await member(app.t.db, app.admin.orgId, "supervisor");
    const site = await makeSite(app.t.db, { orgId: app.admin.orgId });
    const cell = await makeGridCell(app.t.db, { orgId: app.admin.orgId, siteId: site.id, code: "Q-01", patrolLeaderUserId: leader.userId });
    await makeInspection(app.t.db, { orgId: app.admin.orgId, kind: "patrol", contractId: null, siteId: site.id, gridCellId: cell.id, inspectorUserId: leader.userId, inspectedOn: "2026-10-05" });

    const month = await load(loader, "/supervisor/patrols?month=2026-10", leader.cookie);
    expect(month.status).toBe(200);
    const data = (await month.json()) as { month: string; rows: { code: string; patrols: number }[] };
    expect(data.month).toBe("2026-10");
    expect(data.rows).toEqual([expect.objectContaining({ code: "Q-01", patrols: 1 })]);

    const own = await load(sheet.loader, `/supervisor/patrols/${leader.userId}?month=2026-10`, leader.cookie, { userId: leader.userId });
    expect(own.status).toBe(200);
    const foreignLeader = await member(app.t.db, app.other.orgId, "supervisor");
    const foreign = await load(sheet.loader, `/supervisor/patrols/${foreignLeader.userId}`, leader.cookie, { userId: foreignLeader.userId });
    expect(foreign.status).toBe(404);

    const staff = await member(app.t.db, app.admin.orgId, "staff");
    expect((await load(loader, "/supervisor/patrols", staff.cookie)).status).toBe(403);
  });
});

describe("/admin/settings", () => {
  it("saves the patrol target with its audit row; refuses an unknown one and a supervisor", async () => {
    const { action } = await import("~/routes/admin.settings");
    const before = await rowCounts(app.t.db);
    const bad = await post(action, "/admin/settings", { patrolTarget: "hourly" }, app.admin.cookie);
    expect(bad.status).toBe(400);
    expect(keyOf((await body(bad)).fieldErrors.patrolTarget)).toBe("patrols.setting.invalid");
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});

    const supervisor = await member(app.t.db, app.admin.orgId, "supervisor");
    expect((await post(action, "/admin/settings", { patrolTarget: "daily" }, supervisor.cookie)).status).toBe(403);

    const ok = await post(action, "/admin/settings", { patrolTarget: "fortnightly" }, app.admin.cookie);
    expect(ok.status).toBe(302);
    const [org] = await app.t.db.select().from(organisations).where(eq(organisations.id, app.admin.orgId));
    expect(org!.patrolTarget).toBe("fortnightly");
    expect(await app.t.db.select().from(auditLog).where(eq(auditLog.action, "organisation.patrol_target"))).toHaveLength(1);
    // The other organisation keeps its own.
    const [other] = await app.t.db.select().from(organisations).where(eq(organisations.id, app.other.orgId));
    expect(other!.patrolTarget).toBe("weekly");
  });
});
