/**
 * The contractor pages' actions, called as the browser calls them: bad input
 * is refused with the exact message key and writes nothing (every table,
 * audit log included); good input writes the row and its audit entry; a
 * contractor with contracts is not deleted; another organisation's id is 404.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, contractors } from "../../db/schema";
import { withUsccCheck } from "../../domain/uscc";
import { body, changed, keyOf, load, member, post, rowCounts, startAdminApp, type AdminApp } from "../helpers/admin-request";
import { makeContract, makeContractor, sampleCreditCode } from "../helpers/factories";
import { action as editAction, loader as editLoader } from "~/routes/admin.contractors.$id";
import { loader as listLoader } from "~/routes/admin.contractors._index";
import { action as newAction } from "~/routes/admin.contractors.new";

let app: AdminApp;
beforeAll(async () => {
  app = await startAdminApp();
});
afterAll(async () => app?.cleanup());

const fields = (o: Record<string, string> = {}) => ({
  name: "安居物业服务有限公司",
  creditCode: sampleCreditCode(),
  contactName: "李经理",
  contactPhone: "0591-8888 0000",
  contactEmail: "Li@AnJu.example.cn",
  ...o,
});

describe("new contractor", () => {
  it.each([
    ["a wrong check character", { creditCode: "91350100M000100Y44" }, "creditCode", "admin.errors.usccCheck"],
    ["a code of 17 characters", { creditCode: "91350100M000100Y4" }, "creditCode", "admin.errors.usccLength"],
    ["lower case", { creditCode: "91350100m000100Y43" }, "creditCode", "admin.errors.usccLowercase"],
    ["a space", { creditCode: "91350100M000100 Y43" }, "creditCode", "admin.errors.usccSpace"],
    ["no name", { name: "  " }, "name", "form.required"],
    ["a bad phone", { contactPhone: "电话 123" }, "contactPhone", "admin.errors.phone"],
    ["a bad e-mail", { contactEmail: "not-an-email" }, "contactEmail", "form.email"],
  ])("refuses %s with 400 and writes nothing", async (_what, override, field, key) => {
    const before = await rowCounts(app.t.db);
    const response = await post(newAction, "/admin/contractors/new", fields(override), app.admin.cookie);
    expect(response.status).toBe(400);
    expect(keyOf((await body(response)).fieldErrors[field])).toBe(key);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("says what the check character should be", async () => {
    const response = await post(newAction, "/admin/contractors/new", fields({ creditCode: "91350100M000100Y44" }), app.admin.cookie);
    expect((await body(response)).fieldErrors.creditCode).toEqual(['admin.errors.usccCheck|{"expected":"3","actual":"4"}']);
  });

  it("creates the contractor with one audit entry and redirects to it", async () => {
    const code = withUsccCheck("91350100MA2XY0001");
    const before = await rowCounts(app.t.db);
    const response = await post(newAction, "/admin/contractors/new", fields({ creditCode: code }), app.admin.cookie);
    expect(response.status).toBe(302);
    const [row] = await app.t.db.select().from(contractors).where(eq(contractors.creditCode, code));
    expect(row).toMatchObject({ orgId: app.admin.orgId, name: "安居物业服务有限公司", contactEmail: "li@anju.example.cn" });
    expect(response.headers.get("Location")).toBe(`/admin/contractors/${row!.id}?done=created`);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ contractors: 1, audit_log: 1 });
    const [entry] = await app.t.db.select().from(auditLog).where(eq(auditLog.entityId, row!.id));
    expect(entry).toMatchObject({ action: "contractor.create", actorUserId: app.admin.userId, orgId: app.admin.orgId, ip: "203.0.113.7" });
  });

  it("refuses a credit code the organisation already has", async () => {
    const existing = await makeContractor(app.t.db, { orgId: app.admin.orgId });
    const before = await rowCounts(app.t.db);
    const response = await post(newAction, "/admin/contractors/new", fields({ creditCode: existing.creditCode }), app.admin.cookie);
    expect(response.status).toBe(400);
    expect(keyOf((await body(response)).fieldErrors.creditCode)).toBe("admin.errors.duplicateCreditCode");
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("is for admins only", async () => {
    const staff = await member(app.t.db, app.admin.orgId, "supervisor");
    const before = await rowCounts(app.t.db);
    const response = await post(newAction, "/admin/contractors/new", fields(), staff.cookie);
    expect(response.status).toBe(403);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });
});

describe("a contractor's page", () => {
  it("updates, archives and restores, each with an audit entry", async () => {
    const c = await makeContractor(app.t.db, { orgId: app.admin.orgId });
    const path = `/admin/contractors/${c.id}`;
    const saved = await post(editAction, path, { intent: "save", ...fields({ name: "安居物业（新名称）", creditCode: c.creditCode }) }, app.admin.cookie, { id: c.id });
    expect(saved.status).toBe(302);
    expect((await app.t.db.select().from(contractors).where(eq(contractors.id, c.id)))[0]!.name).toBe("安居物业（新名称）");
    expect((await post(editAction, path, { intent: "archive" }, app.admin.cookie, { id: c.id })).status).toBe(302);
    expect((await app.t.db.select().from(contractors).where(eq(contractors.id, c.id)))[0]!.archivedAt).not.toBeNull();
    expect((await post(editAction, path, { intent: "restore" }, app.admin.cookie, { id: c.id })).status).toBe(302);
    const actions = (await app.t.db.select().from(auditLog).where(eq(auditLog.entityId, c.id))).map((e) => e.action);
    expect(actions).toEqual(["contractor.update", "contractor.archive", "contractor.restore"]);
  });

  it("refuses a bad credit code on update and writes nothing", async () => {
    const c = await makeContractor(app.t.db, { orgId: app.admin.orgId });
    const before = await rowCounts(app.t.db);
    const response = await post(editAction, `/admin/contractors/${c.id}`, { intent: "save", ...fields({ creditCode: c.creditCode.toLowerCase() }) }, app.admin.cookie, { id: c.id });
    expect(response.status).toBe(400);
    expect(keyOf((await body(response)).fieldErrors.creditCode)).toBe("admin.errors.usccLowercase");
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("refuses to delete a contractor with contracts, saying how many", async () => {
    const c = await makeContractor(app.t.db, { orgId: app.admin.orgId });
    await makeContract(app.t.db, { orgId: app.admin.orgId, contractorId: c.id });
    await makeContract(app.t.db, { orgId: app.admin.orgId, contractorId: c.id });
    const before = await rowCounts(app.t.db);
    const response = await post(editAction, `/admin/contractors/${c.id}`, { intent: "delete" }, app.admin.cookie, { id: c.id });
    expect(response.status).toBe(409);
    const answer = await body(response);
    expect(keyOf([answer.formError!])).toBe("admin.errors.contractorInUse");
    expect(answer.usedBy).toEqual({ contracts: 2 });
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("deletes an unused contractor", async () => {
    const c = await makeContractor(app.t.db, { orgId: app.admin.orgId });
    const response = await post(editAction, `/admin/contractors/${c.id}`, { intent: "delete" }, app.admin.cookie, { id: c.id });
    expect(response.headers.get("Location")).toBe("/admin/contractors?done=deleted");
    expect(await app.t.db.select().from(contractors).where(eq(contractors.id, c.id))).toEqual([]);
  });

  it("refuses an unknown intent with 400", async () => {
    const c = await makeContractor(app.t.db, { orgId: app.admin.orgId });
    const response = await post(editAction, `/admin/contractors/${c.id}`, { intent: "purge" }, app.admin.cookie, { id: c.id });
    expect(response.status).toBe(400);
  });

  it("is 404 for another organisation's contractor, which stays as it was", async () => {
    const theirs = await makeContractor(app.t.db, { orgId: app.other.orgId });
    const path = `/admin/contractors/${theirs.id}`;
    expect((await load(editLoader, path, app.admin.cookie, { id: theirs.id })).status).toBe(404);
    const before = await rowCounts(app.t.db);
    for (const fieldsOf of [{ intent: "save", ...fields({ creditCode: theirs.creditCode }) }, { intent: "archive" }, { intent: "delete" }]) {
      const response = await post(editAction, path, fieldsOf, app.admin.cookie, { id: theirs.id });
      expect(response.status).toBe(404);
    }
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
    expect((await app.t.db.select().from(contractors).where(eq(contractors.id, theirs.id)))[0]).toEqual(theirs);
  });
});

describe("the contractor list", () => {
  it("searches, counts and pages (20 a page) within the organisation", async () => {
    for (let i = 0; i < 23; i++) await makeContractor(app.t.db, { orgId: app.admin.orgId, name: `绿源园林分公司${String(i).padStart(2, "0")}` });
    await makeContractor(app.t.db, { orgId: app.other.orgId, name: "绿源园林分公司（乙）" });
    const first = await (await load(listLoader, "/admin/contractors?q=绿源园林", app.admin.cookie)).json();
    expect(first).toMatchObject({ total: 23, page: 1, pageSize: 20 });
    expect(first.rows).toHaveLength(20);
    const second = await (await load(listLoader, "/admin/contractors?q=绿源园林&page=2", app.admin.cookie)).json();
    expect(second.rows.map((r: { name: string }) => r.name)).toEqual(["绿源园林分公司20", "绿源园林分公司21", "绿源园林分公司22"]);
  });
});
