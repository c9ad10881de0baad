/**
 * The directory data-access functions (db/queries/members, contractors,
 * sites, contracts) on their own: refusals carry the reason, nothing is
 * cascaded away, and every accepted write leaves exactly one audit entry.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WriteContext } from "../../db/queries/context";
import * as contractorsQ from "../../db/queries/contractors";
import * as contractsQ from "../../db/queries/contracts";
import * as membersQ from "../../db/queries/members";
import * as sitesQ from "../../db/queries/sites";
import { auditLog, contractors, contracts, contractSites, memberships, users } from "../../db/schema";
import { createTestDb, type TestDb } from "../helpers/db";
import {
  makeContract,
  makeContractQuarter,
  makeContractor,
  makeGridCell,
  makeInspection,
  makeMembership,
  makeOrg,
  makeSite,
  makeUser,
  samplePaymentRule,
  sampleCreditCode,
} from "../helpers/factories";

let t: TestDb;
let ctx: WriteContext;
let other: WriteContext;

const auditCount = async () => (await t.db.select({ n: count() }).from(auditLog))[0]!.n;

beforeAll(async () => {
  t = await createTestDb();
  const org = await makeOrg(t.db);
  const admin = await makeUser(t.db);
  await makeMembership(t.db, { orgId: org.id, userId: admin.id, role: "admin" });
  ctx = { orgId: org.id, actorUserId: admin.id, ip: "127.0.0.1" };
  const orgB = await makeOrg(t.db);
  const adminB = await makeUser(t.db);
  await makeMembership(t.db, { orgId: orgB.id, userId: adminB.id, role: "admin" });
  other = { orgId: orgB.id, actorUserId: adminB.id };
});
afterAll(async () => t?.cleanup());

const contractInput = (contractorId: string, siteIds: string[]): contractsQ.ContractInput => ({
  contractorId,
  serviceType: "property",
  title: "一号楼物业服务合同",
  startOn: "2026-01-01",
  endOn: "2027-12-31",
  annualValueFen: 120_000_000,
  paymentRule: samplePaymentRule,
  siteIds,
});

describe("members", () => {
  it("creates a new account with its membership, refuses a known e-mail, and never audits the hash", async () => {
    const before = await auditCount();
    const created = await membersQ.createMemberAccount(t.db, ctx, { email: " New.Person@Example.CN ", name: "新同事", role: "supervisor", passwordHash: "$argon2id$fake" });
    expect(created).toMatchObject({ ok: true });
    // An existing account is never pulled into another organisation (issue 9.2): invitations do that.
    const elsewhere = await membersQ.createMemberAccount(t.db, other, { email: "new.person@example.cn", name: "x", role: "staff", passwordHash: "h" });
    expect(elsewhere).toEqual({ ok: false, error: "email_taken" });
    expect(await auditCount()).toBe(before + 1);
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.action, "membership.create"));
    expect(JSON.stringify(entries)).not.toContain("argon2");
  });

  it("refuses to demote or remove the last admin, and allows it once there is another", async () => {
    const admin = ctx.actorUserId!;
    expect(await membersQ.setMemberRole(t.db, ctx, { userId: admin, role: "staff" })).toEqual({ ok: false, error: "last_admin" });
    expect(await membersQ.removeMember(t.db, ctx, { userId: admin })).toEqual({ ok: false, error: "last_admin" });
    const second = await membersQ.createMemberAccount(t.db, ctx, { email: "second.admin@example.cn", name: "第二管理员", role: "admin", passwordHash: "h" });
    if (!second.ok) throw new Error("not added");
    expect(await membersQ.setMemberRole(t.db, ctx, { userId: second.userId, role: "staff" })).toEqual({ ok: true });
    expect(await membersQ.setMemberRole(t.db, ctx, { userId: second.userId, role: "admin" })).toEqual({ ok: true });
    expect(await membersQ.removeMember(t.db, ctx, { userId: second.userId })).toEqual({ ok: true });
    // The account stays; only the membership went.
    expect(await t.db.select({ id: users.id }).from(users).where(eq(users.id, second.userId))).toHaveLength(1);
  });

  it("refuses to remove a patrol leader of grid cells", async () => {
    const leader = await makeUser(t.db);
    await makeMembership(t.db, { orgId: ctx.orgId, userId: leader.id, role: "supervisor" });
    await makeGridCell(t.db, { orgId: ctx.orgId, patrolLeaderUserId: leader.id });
    expect(await membersQ.removeMember(t.db, ctx, { userId: leader.id })).toEqual({ ok: false, error: "in_use", usedBy: { gridCells: 1 } });
  });

  it("does not find another organisation's member", async () => {
    expect(await membersQ.setMemberRole(t.db, ctx, { userId: other.actorUserId!, role: "staff" })).toEqual({ ok: false, error: "not_found" });
    expect(await membersQ.removeMember(t.db, ctx, { userId: other.actorUserId! })).toEqual({ ok: false, error: "not_found" });
    const page = await membersQ.listMembers(t.db, { orgId: ctx.orgId, q: "" });
    expect(page.rows.map((r) => r.userId)).not.toContain(other.actorUserId);
    expect(page.total).toBe(page.rows.length);
  });
});

describe("contractors", () => {
  it("refuses an invalid or duplicate credit code without writing", async () => {
    const before = await auditCount();
    const good = sampleCreditCode();
    const wrongCheck = good.slice(0, 17) + (good.endsWith("0") ? "1" : "0");
    expect(await contractorsQ.createContractor(t.db, ctx, { name: "甲公司", creditCode: wrongCheck })).toEqual({
      ok: false,
      error: "invalid_credit_code",
    });
    expect(await contractorsQ.createContractor(t.db, ctx, { name: "甲公司", creditCode: good })).toMatchObject({ ok: true });
    expect(await contractorsQ.createContractor(t.db, ctx, { name: "乙公司", creditCode: good })).toEqual({ ok: false, error: "duplicate_credit_code" });
    // The same company may serve another organisation.
    expect(await contractorsQ.createContractor(t.db, other, { name: "甲公司", creditCode: good })).toMatchObject({ ok: true });
    expect(await auditCount()).toBe(before + 2);
  });

  it("searches with LIKE wildcards taken literally and paginates", async () => {
    for (let i = 0; i < 3; i++) await makeContractor(t.db, { orgId: ctx.orgId, name: `百分之50%保洁公司${i}` });
    await makeContractor(t.db, { orgId: ctx.orgId, name: "百分之50X保洁公司" });
    const page = await contractorsQ.listContractors(t.db, { orgId: ctx.orgId, q: "50%", pageSize: 2, page: 2 });
    expect(page.total).toBe(3);
    expect(page.rows).toHaveLength(1);
  });

  it("refuses to delete a contractor with contracts, and archives it instead", async () => {
    const c = await makeContractor(t.db, { orgId: ctx.orgId });
    await makeContract(t.db, { orgId: ctx.orgId, contractorId: c.id });
    expect(await contractorsQ.deleteContractor(t.db, ctx, { id: c.id })).toEqual({ ok: false, error: "in_use", usedBy: { contracts: 1 } });
    expect(await contractorsQ.archiveContractor(t.db, ctx, { id: c.id })).toEqual({ ok: true });
    const listed = await contractorsQ.listContractors(t.db, { orgId: ctx.orgId, q: c.name });
    expect(listed.total).toBe(0);
    expect((await contractorsQ.listContractors(t.db, { orgId: ctx.orgId, q: c.name, archived: "archived" })).total).toBe(1);
    expect(await contractorsQ.restoreContractor(t.db, ctx, { id: c.id })).toEqual({ ok: true });
  });

  it("deletes an unused contractor with an audit entry, and not another organisation's", async () => {
    const mine = await makeContractor(t.db, { orgId: ctx.orgId });
    const theirs = await makeContractor(t.db, { orgId: other.orgId });
    expect(await contractorsQ.deleteContractor(t.db, ctx, { id: theirs.id })).toEqual({ ok: false, error: "not_found" });
    expect(await contractorsQ.getContractor(t.db, { orgId: ctx.orgId, id: theirs.id })).toBeNull();
    expect(await contractorsQ.deleteContractor(t.db, ctx, { id: mine.id })).toEqual({ ok: true });
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.entityId, mine.id));
    expect(entry).toMatchObject({ action: "contractor.delete", after: null, ip: "127.0.0.1" });
  });
});

describe("sites and grid cells", () => {
  it("refuses to delete a site with cells or contracts, and a cell with inspections", async () => {
    const site = await makeSite(t.db, { orgId: ctx.orgId });
    const cell = await makeGridCell(t.db, { orgId: ctx.orgId, siteId: site.id });
    const contract = await makeContract(t.db, { orgId: ctx.orgId });
    await makeInspection(t.db, { orgId: ctx.orgId, contractId: contract.id, siteId: site.id, gridCellId: cell.id });
    expect(await sitesQ.deleteSite(t.db, ctx, { id: site.id })).toEqual({
      ok: false,
      error: "in_use",
      usedBy: { contracts: 0, gridCells: 1, inspections: 1 },
    });
    expect(await sitesQ.deleteGridCell(t.db, ctx, { id: cell.id })).toEqual({ ok: false, error: "in_use", usedBy: { inspections: 1 } });
  });

  it("checks the site and the patrol leader belong to the organisation, and the code is new", async () => {
    const site = await makeSite(t.db, { orgId: ctx.orgId });
    const theirSite = await makeSite(t.db, { orgId: other.orgId });
    const before = await auditCount();
    expect(await sitesQ.createGridCell(t.db, ctx, { siteId: theirSite.id, code: "Z-01", name: "x" })).toEqual({
      ok: false,
      error: "not_found",
      field: "siteId",
    });
    expect(await sitesQ.createGridCell(t.db, ctx, { siteId: site.id, code: "Z-01", name: "x", patrolLeaderUserId: other.actorUserId })).toEqual({
      ok: false,
      error: "not_found",
      field: "patrolLeaderUserId",
    });
    expect(await auditCount()).toBe(before);
    expect(await sitesQ.createGridCell(t.db, ctx, { siteId: site.id, code: "Z-01", name: "一层东", patrolLeaderUserId: ctx.actorUserId })).toMatchObject({ ok: true });
    expect(await sitesQ.createGridCell(t.db, ctx, { siteId: site.id, code: "Z-01", name: "一层西" })).toEqual({ ok: false, error: "duplicate_code" });
    const cells = await sitesQ.listGridCells(t.db, { orgId: ctx.orgId, siteId: site.id });
    expect(cells.rows).toMatchObject([{ code: "Z-01", siteName: site.name, inspectionCount: 0 }]);
    expect(cells.rows[0]!.patrolLeaderName).not.toBeNull();
  });
});

describe("contracts", () => {
  it("writes the contract, its sites and one audit entry together", async () => {
    const c = await makeContractor(t.db, { orgId: ctx.orgId });
    const s1 = await makeSite(t.db, { orgId: ctx.orgId });
    const s2 = await makeSite(t.db, { orgId: ctx.orgId });
    const before = await auditCount();
    const result = await contractsQ.createContract(t.db, ctx, contractInput(c.id, [s1.id, s2.id, s1.id]));
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(await t.db.select().from(contractSites).where(eq(contractSites.contractId, result.id))).toHaveLength(2);
    expect(await auditCount()).toBe(before + 1);
    const detail = await contractsQ.getContract(t.db, { orgId: ctx.orgId, id: result.id });
    expect(detail?.siteIds.sort()).toEqual([s1.id, s2.id].sort());
    expect(detail?.paymentRule).toEqual(samplePaymentRule);

    const updated = await contractsQ.updateContract(t.db, ctx, { ...contractInput(c.id, [s2.id]), id: result.id, title: "改名后的合同" });
    expect(updated).toEqual({ ok: true });
    expect((await contractsQ.getContract(t.db, { orgId: ctx.orgId, id: result.id }))?.siteIds).toEqual([s2.id]);
    const found = await contractsQ.listContracts(t.db, { orgId: ctx.orgId, q: "改名后" });
    expect(found.rows.map((r) => r.id)).toEqual([result.id]);
    expect(found.rows[0]).toMatchObject({ contractorName: c.name, siteCount: 1 });
  });

  it("refuses other organisations' contractor and sites, archived ones, a bad term and a rule without a 0 step", async () => {
    const mine = await makeContractor(t.db, { orgId: ctx.orgId });
    const theirs = await makeContractor(t.db, { orgId: other.orgId });
    const theirSite = await makeSite(t.db, { orgId: other.orgId });
    const archived = await makeContractor(t.db, { orgId: ctx.orgId, archivedAt: "2026-01-01T00:00:00.000Z" });
    const counts = async () => [(await t.db.select({ n: count() }).from(contracts))[0]!.n, await auditCount()];
    const before = await counts();
    expect(await contractsQ.createContract(t.db, ctx, contractInput(theirs.id, []))).toEqual({ ok: false, error: "not_found", field: "contractorId" });
    expect(await contractsQ.createContract(t.db, ctx, contractInput(mine.id, [theirSite.id]))).toEqual({ ok: false, error: "not_found", field: "siteIds" });
    expect(await contractsQ.createContract(t.db, ctx, contractInput(archived.id, []))).toEqual({ ok: false, error: "archived", field: "contractorId" });
    expect(await contractsQ.createContract(t.db, ctx, { ...contractInput(mine.id, []), endOn: "2025-12-31" })).toEqual({ ok: false, error: "invalid_term" });
    expect(
      await contractsQ.createContract(t.db, ctx, {
        ...contractInput(mine.id, []),
        paymentRule: { kind: "steps", steps: [{ minTotal: 60, percent: 100 }] },
      }),
    ).toEqual({ ok: false, error: "invalid_payment_rule" });
    for (const quarterlyFeeFen of [-1, 0.5, Number.NaN, 2 ** 53]) {
      expect(await contractsQ.createContract(t.db, ctx, { ...contractInput(mine.id, []), quarterlyFeeFen }), String(quarterlyFeeFen)).toEqual({
        ok: false,
        error: "invalid_quarterly_fee",
      });
    }
    expect(await counts()).toEqual(before);
  });

  it("stores the contract's own quarterly fee in fen, null when left out, and replaces it on update", async () => {
    const c = await makeContractor(t.db, { orgId: ctx.orgId });
    const created = await contractsQ.createContract(t.db, ctx, { ...contractInput(c.id, []), quarterlyFeeFen: 30_000_007 });
    if (!created.ok) throw new Error(JSON.stringify(created));
    expect((await contractsQ.getContract(t.db, { orgId: ctx.orgId, id: created.id }))?.quarterlyFeeFen).toBe(30_000_007);
    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(entry?.after).toMatchObject({ quarterlyFeeFen: 30_000_007 });
    expect(await contractsQ.updateContract(t.db, ctx, { ...contractInput(c.id, []), id: created.id, quarterlyFeeFen: 0 })).toEqual({ ok: true });
    expect((await contractsQ.getContract(t.db, { orgId: ctx.orgId, id: created.id }))?.quarterlyFeeFen).toBe(0);
    expect(await contractsQ.updateContract(t.db, ctx, { ...contractInput(c.id, []), id: created.id })).toEqual({ ok: true });
    expect((await contractsQ.getContract(t.db, { orgId: ctx.orgId, id: created.id }))?.quarterlyFeeFen).toBeNull();
  });

  it("refuses to delete a contract with quarters, and locks its service type", async () => {
    const contract = await makeContract(t.db, { orgId: ctx.orgId });
    await makeContractQuarter(t.db, { orgId: ctx.orgId, contractId: contract.id });
    const result = await contractsQ.deleteContract(t.db, ctx, { id: contract.id });
    expect(result).toMatchObject({ ok: false, error: "in_use", usedBy: { quarters: 1, scores: 0 } });
    const locked = await contractsQ.updateContract(t.db, ctx, {
      ...contractInput(contract.contractorId, []),
      id: contract.id,
      serviceType: "catering",
    });
    expect(locked).toMatchObject({ ok: false, error: "locked", field: "serviceType" });
  });

  it("deletes a contract without history together with its site links", async () => {
    const site = await makeSite(t.db, { orgId: ctx.orgId });
    const c = await makeContractor(t.db, { orgId: ctx.orgId });
    const created = await contractsQ.createContract(t.db, ctx, { ...contractInput(c.id, [site.id]), code: "HT-2026-001" });
    if (!created.ok) throw new Error("not created");
    expect(await contractsQ.deleteContract(t.db, other, { id: created.id })).toEqual({ ok: false, error: "not_found" });
    expect(await contractsQ.deleteContract(t.db, ctx, { id: created.id })).toEqual({ ok: true });
    expect(await t.db.select().from(contractSites).where(eq(contractSites.contractId, created.id))).toEqual([]);
    expect(await t.db.select().from(contractors).where(eq(contractors.id, c.id))).toHaveLength(1);
    expect(await t.db.select().from(memberships).where(eq(memberships.orgId, ctx.orgId))).not.toHaveLength(0);
  });
});
