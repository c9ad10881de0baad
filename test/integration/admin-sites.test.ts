/**
 * The site pages' actions: sites, and the grid cells added on a site's page
 * or edited on their own. Bad input writes nothing; a site or cell in use is
 * not deleted; another organisation's ids are 404.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gridCells, sites } from "../../db/schema";
import { body, changed, keyOf, load, post, rowCounts, startAdminApp, type AdminApp } from "../helpers/admin-request";
import { makeContractSite, makeGridCell, makeInspection, makeSite } from "../helpers/factories";
import { action as cellAction, loader as cellLoader } from "~/routes/admin.cells.$id";
import { action as siteAction, loader as siteLoader } from "~/routes/admin.sites.$id";
import { action as newSiteAction } from "~/routes/admin.sites.new";

let app: AdminApp;
beforeAll(async () => {
  app = await startAdminApp();
});
afterAll(async () => app?.cleanup());

describe("new site", () => {
  it("creates a site with an audit entry", async () => {
    const before = await rowCounts(app.t.db);
    const response = await post(newSiteAction, "/admin/sites/new", { name: "一号办公楼", kind: "building", address: "人民路1号" }, app.admin.cookie);
    expect(response.status).toBe(302);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ sites: 1, audit_log: 1 });
  });

  it.each([
    ["no name", { name: "", kind: "building" }, "name", "form.required"],
    ["an unknown kind", { name: "二号楼", kind: "garage" }, "kind", "admin.errors.chooseSiteKind"],
    ["a name too long", { name: "楼".repeat(101), kind: "building" }, "name", "form.tooLong"],
  ])("refuses %s with 400 and writes nothing", async (_what, f, field, key) => {
    const before = await rowCounts(app.t.db);
    const response = await post(newSiteAction, "/admin/sites/new", f, app.admin.cookie);
    expect(response.status).toBe(400);
    expect(keyOf((await body(response)).fieldErrors[field])).toBe(key);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });
});

describe("a site's page", () => {
  it("adds a grid cell with a patrol leader of the organisation", async () => {
    const site = await makeSite(app.t.db, { orgId: app.admin.orgId });
    const before = await rowCounts(app.t.db);
    const response = await post(
      siteAction,
      `/admin/sites/${site.id}`,
      { intent: "addCell", siteId: site.id, code: "A-01", name: "一层东侧", patrolLeaderUserId: app.admin.userId },
      app.admin.cookie,
      { id: site.id },
    );
    expect(response.status).toBe(302);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({ grid_cells: 1, audit_log: 1 });
    const page = await (await load(siteLoader, `/admin/sites/${site.id}`, app.admin.cookie, { id: site.id })).json();
    expect(page.cells.rows).toMatchObject([{ code: "A-01", name: "一层东侧" }]);
  });

  it("refuses a duplicate cell code and a code with spaces, on the cell form", async () => {
    const site = await makeSite(app.t.db, { orgId: app.admin.orgId });
    await makeGridCell(app.t.db, { orgId: app.admin.orgId, siteId: site.id, code: "B-01" });
    for (const [code, key] of [
      ["B-01", "admin.errors.duplicateCellCode"],
      ["B 02", "admin.errors.cellCodeSpace"],
    ]) {
      const before = await rowCounts(app.t.db);
      const response = await post(siteAction, `/admin/sites/${site.id}`, { intent: "addCell", siteId: site.id, code: code!, name: "x" }, app.admin.cookie, { id: site.id });
      expect(response.status).toBe(400);
      const answer = await body(response);
      expect(answer.intent).toBe("addCell");
      expect(keyOf(answer.fieldErrors.code)).toBe(key);
      expect(changed(before, await rowCounts(app.t.db))).toEqual({});
    }
  });

  it("shows an error of the cell form beside the cell form, not the site form", async () => {
    const site = await makeSite(app.t.db, { orgId: app.admin.orgId });
    const response = await post(siteAction, `/admin/sites/${site.id}`, { intent: "addCell", siteId: site.id, code: "C-01", name: "" }, app.admin.cookie, { id: site.id });
    const answer = await body(response);
    expect(answer).toMatchObject({ intent: "addCell", fieldErrors: { name: ["form.required"] } });
  });

  it("is 404 for a patrol leader of another organisation", async () => {
    const site = await makeSite(app.t.db, { orgId: app.admin.orgId });
    const before = await rowCounts(app.t.db);
    const response = await post(
      siteAction,
      `/admin/sites/${site.id}`,
      { intent: "addCell", siteId: site.id, code: "D-01", name: "x", patrolLeaderUserId: app.other.userId },
      app.admin.cookie,
      { id: site.id },
    );
    expect(response.status).toBe(404);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("refuses to delete a site with cells, contracts and inspections, listing them", async () => {
    const site = await makeSite(app.t.db, { orgId: app.admin.orgId });
    const cell = await makeGridCell(app.t.db, { orgId: app.admin.orgId, siteId: site.id });
    const link = await makeContractSite(app.t.db, { orgId: app.admin.orgId, siteId: site.id });
    await makeInspection(app.t.db, { orgId: app.admin.orgId, contractId: link.contractId, siteId: site.id, gridCellId: cell.id });
    const before = await rowCounts(app.t.db);
    const response = await post(siteAction, `/admin/sites/${site.id}`, { intent: "delete" }, app.admin.cookie, { id: site.id });
    expect(response.status).toBe(409);
    const answer = await body(response);
    expect(keyOf([answer.formError!])).toBe("admin.errors.siteInUse");
    expect(answer.usedBy).toEqual({ contracts: 1, gridCells: 1, inspections: 1 });
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});

    const cellResponse = await post(cellAction, `/admin/cells/${cell.id}`, { intent: "delete" }, app.admin.cookie, { id: cell.id });
    expect(cellResponse.status).toBe(409);
    expect(await body(cellResponse)).toMatchObject({ formError: "admin.errors.cellInUse", usedBy: { inspections: 1 } });
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });

  it("archives a site in use instead", async () => {
    const site = await makeSite(app.t.db, { orgId: app.admin.orgId });
    await makeGridCell(app.t.db, { orgId: app.admin.orgId, siteId: site.id });
    expect((await post(siteAction, `/admin/sites/${site.id}`, { intent: "archive" }, app.admin.cookie, { id: site.id })).status).toBe(302);
    expect((await app.t.db.select().from(sites).where(eq(sites.id, site.id)))[0]!.archivedAt).not.toBeNull();
  });

  it("is 404 for another organisation's site and cell, which stay as they were", async () => {
    const site = await makeSite(app.t.db, { orgId: app.other.orgId });
    const cell = await makeGridCell(app.t.db, { orgId: app.other.orgId, siteId: site.id });
    expect((await load(siteLoader, `/admin/sites/${site.id}`, app.admin.cookie, { id: site.id })).status).toBe(404);
    expect((await load(cellLoader, `/admin/cells/${cell.id}`, app.admin.cookie, { id: cell.id })).status).toBe(404);
    const before = await rowCounts(app.t.db);
    const siteForms: Record<string, string>[] = [{ intent: "save", name: "改名", kind: "other" }, { intent: "delete" }, { intent: "addCell", siteId: site.id, code: "X-9", name: "x" }];
    for (const f of siteForms) {
      expect((await post(siteAction, `/admin/sites/${site.id}`, f, app.admin.cookie, { id: site.id })).status).toBe(404);
    }
    const cellForms: Record<string, string>[] = [{ intent: "save", siteId: site.id, code: "Y-1", name: "改名" }, { intent: "delete" }];
    for (const f of cellForms) {
      expect((await post(cellAction, `/admin/cells/${cell.id}`, f, app.admin.cookie, { id: cell.id })).status).toBe(404);
    }
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
    expect((await app.t.db.select().from(gridCells).where(eq(gridCells.id, cell.id)))[0]).toEqual(cell);
  });

  it("does not move a cell onto another organisation's site", async () => {
    const mine = await makeGridCell(app.t.db, { orgId: app.admin.orgId });
    const theirSite = await makeSite(app.t.db, { orgId: app.other.orgId });
    const before = await rowCounts(app.t.db);
    const response = await post(cellAction, `/admin/cells/${mine.id}`, { intent: "save", siteId: theirSite.id, code: mine.code, name: mine.name }, app.admin.cookie, {
      id: mine.id,
    });
    expect(response.status).toBe(404);
    expect(changed(before, await rowCounts(app.t.db))).toEqual({});
  });
});
