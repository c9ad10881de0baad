/**
 * The users page's action: inviting members (see auth-invitations.test.ts),
 * changing roles and removing members. The last admin stays; bad input and
 * refusals write nothing; another organisation's user is 404.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, memberships, users } from "../../db/schema";
import { body, changed, keyOf, load, member, post, rowCounts, startAdminApp, type AdminApp } from "../helpers/admin-request";
import { makeGridCell } from "../helpers/factories";
import { action, loader } from "~/routes/admin.users";

let app: AdminApp;
beforeAll(async () => {
  app = await startAdminApp();
});
afterAll(async () => app?.cleanup());


describe("inviting a member", () => {
  const invite = (o: Record<string, string> = {}) => ({ intent: "invite", email: "wang.fang@example.cn", role: "supervisor", ...o });

  it("answers with a one-time link and writes only the invitation and its audit entry", async () => {
    const before = await rowCounts(app.t.db);
    const response = await post(action, "/admin/users", invite({ email: "Wang.Fang@Example.CN" }), app.admin.cookie);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { link: string; email: string };
    expect(answer.link).toMatch(/^http:\/\/localhost:3000\/join\/[A-Za-z0-9_-]{32}$/);
    expect(answer.email).toBe("wang.fang@example.cn");
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ invitations: 1, audit_log: 1 });
  });

  it.each([
    ["a bad e-mail", { email: "wang@" }, "email", "form.email"],
    ["an unknown role", { role: "superuser" }, "role", "admin.errors.chooseRole"],
  ])("refuses %s with 400 and writes nothing", async (_what, override, field, key) => {
    const before = await rowCounts(app.t.db);
    const response = await post(action, "/admin/users", invite(override), app.admin.cookie);
    expect(response.status).toBe(400);
    expect(keyOf((await body(response)).fieldErrors[field])).toBe(key);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("refuses someone already a member here", async () => {
    const someone = await member(app.t.db, app.admin.orgId, "staff");
    const [row] = await app.t.db.select({ email: users.email }).from(users).where(eq(users.id, someone.userId));
    const response = await post(action, "/admin/users", invite({ email: row!.email }), app.admin.cookie);
    expect(response.status).toBe(400);
    expect(keyOf((await body(response)).fieldErrors.email)).toBe("auth.invite.alreadyMember");
  });
});

describe("roles and removal", () => {
  it("refuses to demote or remove the only admin, saying why", async () => {
    const before = await rowCounts(app.t.db);
    for (const f of [
      { intent: "role", userId: app.admin.userId, role: "staff" },
      { intent: "remove", userId: app.admin.userId },
    ]) {
      const response = await post(action, "/admin/users", f, app.admin.cookie);
      expect(response.status).toBe(409);
      expect(await body(response)).toMatchObject({ formError: "admin.errors.lastAdmin", userId: app.admin.userId });
    }
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("changes a role with an audit entry", async () => {
    const someone = await member(app.t.db, app.admin.orgId, "staff");
    const response = await post(action, "/admin/users", { intent: "role", userId: someone.userId, role: "procurement" }, app.admin.cookie);
    expect(response.headers.get("Location")).toBe("/admin/users?done=roleChanged");
    const [row] = await app.t.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.orgId, app.admin.orgId), eq(memberships.userId, someone.userId)));
    expect(row!.role).toBe("procurement");
    const entries = await app.t.db.select().from(auditLog).where(eq(auditLog.action, "membership.role"));
    expect(entries.at(-1)).toMatchObject({ before: { role: "staff" }, after: { role: "procurement" } });
  });

  it("refuses to remove a patrol leader until the cells have another", async () => {
    const leader = await member(app.t.db, app.admin.orgId, "supervisor");
    await makeGridCell(app.t.db, { orgId: app.admin.orgId, patrolLeaderUserId: leader.userId });
    const before = await rowCounts(app.t.db);
    const response = await post(action, "/admin/users", { intent: "remove", userId: leader.userId }, app.admin.cookie);
    expect(response.status).toBe(409);
    expect(await body(response)).toMatchObject({ formError: 'admin.errors.leaderInUse|{"count":1}', usedBy: { gridCells: 1 } });
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("removes a member, keeping the account", async () => {
    const someone = await member(app.t.db, app.admin.orgId, "staff");
    const before = await rowCounts(app.t.db);
    expect((await post(action, "/admin/users", { intent: "remove", userId: someone.userId }, app.admin.cookie)).status).toBe(302);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ memberships: -1, audit_log: 1 });
  });

  it("is 404 for another organisation's user, who keeps their role", async () => {
    const before = await rowCounts(app.t.db);
    for (const f of [
      { intent: "role", userId: app.other.userId, role: "staff" },
      { intent: "remove", userId: app.other.userId },
    ]) {
      expect((await post(action, "/admin/users", f, app.admin.cookie)).status).toBe(404);
    }
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("lists only the organisation's members, searchable by e-mail", async () => {
    const someone = await member(app.t.db, app.admin.orgId, "staff");
    const [row] = await app.t.db.select({ email: users.email }).from(users).where(eq(users.id, someone.userId));
    const page = await (await load(loader, `/admin/users?q=${encodeURIComponent(row!.email)}`, app.admin.cookie)).json();
    expect(page.rows.map((r: { email: string }) => r.email)).toEqual([row!.email]);
    const all = await (await load(loader, "/admin/users", app.admin.cookie)).json();
    expect(all.rows.map((r: { userId: string }) => r.userId)).not.toContain(app.other.userId);
  });

  it("is for admins only", async () => {
    const staff = await member(app.t.db, app.admin.orgId, "staff");
    expect((await load(loader, "/admin/users", staff.cookie)).status).toBe(403);
    expect((await post(action, "/admin/users", { intent: "role", userId: staff.userId, role: "admin" }, staff.cookie)).status).toBe(403);
  });
});
