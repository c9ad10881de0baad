/**
 * The findings list and the inspection reads (db/queries/inspections/list.ts):
 * each filter, "overdue" on either side of midnight (today is passed in), the
 * row's derived fields, paging, and the query plans of the default and
 * overdue lists (they read an index in order instead of sorting every finding).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { findingListSql, getInspection, listFindings, listInspections } from "../../db/queries/inspections";
import { createTestDb, type TestDb } from "../helpers/db";
import {
  makeContract,
  makeContractSite,
  makeEvidenceFile,
  makeFinding,
  makeGridCell,
  makeInspection,
  makeMembership,
  makeOrg,
  makeSite,
  makeUser,
} from "../helpers/factories";

let t: TestDb;
let db: Db;
let orgId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestDb();
  db = t.db;
  const org = await makeOrg(db);
  orgId = org.id;
  const me = await makeUser(db, { name: "网格长甲" });
  const other = await makeUser(db, { name: "监管乙" });
  await makeMembership(db, { orgId, userId: me.id, role: "supervisor" });
  await makeMembership(db, { orgId, userId: other.id, role: "supervisor" });
  const site = await makeSite(db, { orgId, name: "一号楼" });
  const site2 = await makeSite(db, { orgId, name: "二号楼" });
  const cell = await makeGridCell(db, { orgId, siteId: site.id, code: "A-01" });
  const contract = await makeContract(db, { orgId, title: "物业合同" });
  const contract2 = await makeContract(db, { orgId, title: "绿化合同", serviceType: "greening" });
  await makeContractSite(db, { orgId, contractId: contract.id, siteId: site.id });
  await makeContractSite(db, { orgId, contractId: contract2.id, siteId: site2.id });
  const patrol = await makeInspection(db, { orgId, kind: "patrol", siteId: site.id, gridCellId: cell.id, inspectorUserId: me.id, inspectedOn: "2026-07-10" });
  const spot = await makeInspection(db, { orgId, kind: "spot", contractId: contract2.id, siteId: site2.id, inspectorUserId: other.id, inspectedOn: "2026-07-12" });
  const inPatrol = { inspectionId: patrol.id, contractId: contract.id, siteId: site.id, gridCellId: cell.id };
  const inSpot = { inspectionId: spot.id, contractId: contract2.id, siteId: site2.id, gridCellId: null };
  // Due on the 15th: open on the 15th, overdue from the 16th.
  const dueToday = await makeFinding(db, { orgId, ...inPatrol, foundOn: "2026-07-10", dueOn: "2026-07-15", severity: "major" });
  const first = await makeFinding(db, { orgId, ...inPatrol, foundOn: "2026-07-01", dueOn: "2026-07-03", status: "verified", rectifiedOn: "2026-07-05", verifiedOn: "2026-07-06", period: "2026-Q3" });
  const repeat = await makeFinding(db, { orgId, ...inPatrol, foundOn: "2026-07-10", dueOn: "2026-07-20", repeatOfId: first.id });
  const awaiting = await makeFinding(db, { orgId, ...inSpot, itemId: "greening.quality.survival-rate", foundOn: "2026-07-12", dueOn: "2026-07-19", status: "rectified", rectifiedOn: "2026-07-13", severity: "critical" });
  const withdrawn = await makeFinding(db, { orgId, ...inSpot, itemId: "greening.quality.survival-rate", foundOn: "2026-07-12", dueOn: "2026-07-19", status: "withdrawn", withdrawnReason: "误报" });
  const lastQuarter = await makeFinding(db, { orgId, ...inSpot, itemId: "greening.quality.survival-rate", foundOn: "2026-06-30", dueOn: "2026-07-01", period: "2026-Q2" });
  // The thumbnail is the first photo stored (the one the inspector took first).
  const firstPhoto = await makeEvidenceFile(db, { orgId, findingId: repeat.id });
  await makeEvidenceFile(db, { orgId, findingId: repeat.id });
  Object.assign(ids, {
    me: me.id, site: site.id, site2: site2.id, cell: cell.id, contract: contract.id, contract2: contract2.id, patrol: patrol.id, spot: spot.id,
    dueToday: dueToday.id, first: first.id, repeat: repeat.id, awaiting: awaiting.id, withdrawn: withdrawn.id, lastQuarter: lastQuarter.id, firstPhoto: firstPhoto.id,
  });
});
afterAll(async () => t?.cleanup());

const idsOf = async (q: Partial<Parameters<typeof listFindings>[1]> & { today: string }) =>
  (await listFindings(db, { orgId, ...q })).rows.map((r) => r.id);

describe("listFindings", () => {
  it("lists all findings newest first with their derived fields", async () => {
    const page = await listFindings(db, { orgId, today: "2026-07-16" });
    expect(page.rows.map((r) => r.foundOn)).toEqual([...page.rows.map((r) => r.foundOn)].sort().reverse());
    expect(page.rows).toHaveLength(6);
    const repeat = page.rows.find((r) => r.id === ids.repeat)!;
    expect(repeat).toMatchObject({ repeat: true, repeatOfId: ids.first, thumbnailId: ids.firstPhoto, cellCode: "A-01", siteName: "一号楼", contractTitle: "物业合同", status: "open" });
    expect(repeat.contractorName).toBeTruthy();
    const first = page.rows.find((r) => r.id === ids.first)!;
    expect(first).toMatchObject({ status: "closed", late: true, repeat: false, thumbnailId: null });
    expect(page.rows.find((r) => r.id === ids.awaiting)).toMatchObject({ status: "awaiting_verification", late: false, cellCode: null });
  });

  it("derives overdue from the day passed in: the deadline day is still open, the next is overdue", async () => {
    expect(await idsOf({ today: "2026-07-15", status: "overdue" })).toEqual([ids.lastQuarter]);
    expect(await idsOf({ today: "2026-07-15", status: "open" })).toEqual([ids.dueToday, ids.repeat]);
    expect(await idsOf({ today: "2026-07-16", status: "overdue" })).toEqual([ids.lastQuarter, ids.dueToday]);
    expect(await idsOf({ today: "2026-07-16", status: "open" })).toEqual([ids.repeat]);
    const row = (await listFindings(db, { orgId, today: "2026-07-16", status: "overdue" })).rows.find((r) => r.id === ids.dueToday);
    expect(row?.status).toBe("overdue");
  });

  it("filters by status awaiting verification, closed and withdrawn", async () => {
    expect(await idsOf({ today: "2026-07-16", status: "awaiting_verification" })).toEqual([ids.awaiting]);
    expect(await idsOf({ today: "2026-07-16", status: "closed" })).toEqual([ids.first]);
    expect(await idsOf({ today: "2026-07-16", status: "withdrawn" })).toEqual([ids.withdrawn]);
  });

  it("filters by contract, site, cell, severity and quarter", async () => {
    const today = "2026-07-16";
    expect((await idsOf({ today, contractId: ids.contract2 })).sort()).toEqual([ids.awaiting, ids.withdrawn, ids.lastQuarter].sort());
    expect((await idsOf({ today, siteId: ids.site })).sort()).toEqual([ids.dueToday, ids.first, ids.repeat].sort());
    expect((await idsOf({ today, gridCellId: ids.cell })).sort()).toEqual([ids.dueToday, ids.first, ids.repeat].sort());
    expect(await idsOf({ today, severity: "critical" })).toEqual([ids.awaiting]);
    expect(await idsOf({ today, period: "2026-Q2" })).toEqual([ids.lastQuarter]);
    expect(await idsOf({ today, period: "2026-Q3", contractId: ids.contract2, status: "withdrawn" })).toEqual([ids.withdrawn]);
    expect(await idsOf({ today, contractId: "unknown" })).toEqual([]);
  });

  it("pages with hasMore", async () => {
    const first = await listFindings(db, { orgId, today: "2026-07-16", pageSize: 4 });
    const second = await listFindings(db, { orgId, today: "2026-07-16", pageSize: 4, page: 2 });
    expect([first.rows.length, first.hasMore, second.rows.length, second.hasMore]).toEqual([4, true, 2, false]);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(6);
  });

  it("reads the default and overdue lists through their indexes, without sorting all findings", async () => {
    const plan = async (q: Parameters<typeof findingListSql>[1]) => {
      const { sql: text, params } = findingListSql(db, q).toSQL();
      const rows = await t.client.execute({ sql: `EXPLAIN QUERY PLAN ${text}`, args: params as never[] });
      return rows.rows.map((r) => String(r.detail)).join("\n");
    };
    const all = await plan({ orgId, today: "2026-07-16" });
    expect(all).toMatch(/SCAN findings USING INDEX findings_org_found_idx|SEARCH findings USING INDEX findings_org_found_idx/);
    expect(all).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    const overdue = await plan({ orgId, today: "2026-07-16", status: "overdue" });
    expect(overdue).toMatch(/SEARCH findings USING INDEX findings_org_status_due_idx/);
    expect(overdue).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });
});

describe("listInspections and getInspection", () => {
  it("lists recent inspections, or only one inspector's", async () => {
    const all = await listInspections(db, { orgId });
    expect(all.rows.map((r) => r.id)).toEqual([ids.spot, ids.patrol]);
    expect(all.rows.find((r) => r.id === ids.patrol)).toMatchObject({ kind: "patrol", cellCode: "A-01", findingCount: 3, inspectorName: "网格长甲", contractTitle: null });
    const mine = await listInspections(db, { orgId, inspectorUserId: ids.me });
    expect(mine.rows.map((r) => r.id)).toEqual([ids.patrol]);
  });

  it("reads one inspection with its findings, and nothing for an unknown id", async () => {
    const inspection = await getInspection(db, { orgId, id: ids.spot!, today: "2026-07-16" });
    expect(inspection).toMatchObject({ kind: "spot", contractTitle: "绿化合同", siteName: "二号楼", findingCount: 3 });
    expect(inspection!.findings.map((f) => f.id).sort()).toEqual([ids.awaiting, ids.withdrawn, ids.lastQuarter].sort());
    expect(await getInspection(db, { orgId, id: "unknown", today: "2026-07-16" })).toBeNull();
  });
});
