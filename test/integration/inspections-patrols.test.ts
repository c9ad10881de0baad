/**
 * The patrol month, a leader's sheet and the supervisor's "needs attention
 * now", on a small hand-built November 2026 (Nov 1 is a Sunday, Nov 30 a
 * Monday: the first and last weeks are one day each), and the patrol target.
 */
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setPatrolTarget } from "../../db/queries/orgs";
import { patrolLeaderSheet, patrolMonth, supervisorAttention } from "../../db/queries/inspections/patrols";
import { auditLog, organisations } from "../../db/schema";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeContract, makeFinding, makeGridCell, makeInspection, makeOrg, makeSite, makeUser, makeVetoEvent } from "../helpers/factories";

let t: TestDb;
let orgId: string;
let leader: { id: string };
let other: { id: string };
let cells: Record<"a" | "b" | "c", { id: string }>;
let contract: { id: string };
let site: { id: string };

const patrol = (cellId: string, on: string, by = leader.id) =>
  makeInspection(t.db, { orgId, kind: "patrol", contractId: null, siteId: site.id, gridCellId: cellId, inspectorUserId: by, inspectedOn: on });

async function finding(cellId: string, foundOn: string, o: Record<string, unknown> = {}) {
  const inspection = await patrol(cellId, foundOn);
  return makeFinding(t.db, {
    orgId,
    inspectionId: inspection.id,
    contractId: contract.id,
    siteId: site.id,
    gridCellId: cellId,
    createdBy: leader.id,
    foundOn,
    dueOn: foundOn,
    period: "2026-Q4",
    ...o,
  });
}

beforeEach(async () => {
  t = await createTestDb();
  orgId = (await makeOrg(t.db)).id;
  leader = await makeUser(t.db, { name: "网格长甲" });
  other = await makeUser(t.db, { name: "监管乙" });
  site = await makeSite(t.db, { orgId, name: "一号楼" });
  contract = await makeContract(t.db, { orgId });
  cells = {
    a: await makeGridCell(t.db, { orgId, siteId: site.id, code: "A-01", name: "东区", patrolLeaderUserId: leader.id }),
    b: await makeGridCell(t.db, { orgId, siteId: site.id, code: "A-02", name: "西区", patrolLeaderUserId: leader.id }),
    c: await makeGridCell(t.db, { orgId, siteId: site.id, code: "B-01", name: "北区", patrolLeaderUserId: other.id }),
  };
});
afterEach(async () => t.cleanup());

describe("patrolMonth", () => {
  it("counts patrols against the weekly target and grids findings by week across the month's edges", async () => {
    // A: three patrols (one of them with two findings on Nov 1, one with a finding on Nov 30) — short of weekly (4).
    await finding(cells.a.id, "2026-11-01");
    await makeFinding(t.db, {
      orgId,
      inspectionId: (await patrol(cells.a.id, "2026-11-09")).id,
      contractId: contract.id,
      siteId: site.id,
      gridCellId: cells.a.id,
      foundOn: "2026-11-01",
      dueOn: "2026-11-02",
      period: "2026-Q4",
      createdBy: leader.id,
    });
    await finding(cells.a.id, "2026-11-30");
    // Outside the month (Oct 31, Dec 1) and a withdrawn one: not counted.
    await finding(cells.a.id, "2026-10-31");
    await finding(cells.a.id, "2026-12-01");
    await finding(cells.b.id, "2026-11-10", { status: "withdrawn", withdrawnReason: "误报" });
    // B: four patrols (one of them the withdrawn finding's), meets weekly. C: none; a spot check does not count as a patrol.
    for (const day of ["2026-11-02", "2026-11-16", "2026-11-23"]) await patrol(cells.b.id, day);
    await makeInspection(t.db, { orgId, kind: "spot", contractId: contract.id, siteId: site.id, gridCellId: cells.c.id, inspectedOn: "2026-11-05" });

    const month = await patrolMonth(t.db, { orgId, month: "2026-11", today: "2026-11-30" });
    expect(month).not.toBeNull();
    expect(month!.target).toBe("weekly");
    expect(month!.required).toBe(4);
    expect(month!.weeks).toHaveLength(6);
    const [a, b, c] = month!.rows;
    expect(a).toMatchObject({ code: "A-01", siteName: "一号楼", leaderName: "网格长甲", patrols: 3, met: false, lastPatrolOn: "2026-11-30", findings: 3 });
    expect(a!.findingsByWeek).toEqual([2, 0, 0, 0, 0, 1]);
    expect(b).toMatchObject({ code: "A-02", patrols: 4, met: true, findings: 0 });
    expect(c).toMatchObject({ code: "B-01", patrols: 0, met: false, lastPatrolOn: null });
    expect(month!.notPatrolled.map((r) => r.code)).toEqual(["B-01"]);
    expect(month!.maxWeekFindings).toBe(2);
  });

  it("follows the organisation's target", async () => {
    await patrol(cells.a.id, "2026-11-03");
    await setPatrolTarget(t.db, { orgId, actorUserId: leader.id }, { target: "monthly" });
    const month = await patrolMonth(t.db, { orgId, month: "2026-11", today: "2026-11-30" });
    expect(month!.required).toBe(1);
    expect(month!.rows.find((r) => r.code === "A-01")!.met).toBe(true);
  });

  it("another organisation sees none of these cells", async () => {
    await patrol(cells.a.id, "2026-11-03");
    const theirs = await makeOrg(t.db);
    const month = await patrolMonth(t.db, { orgId: theirs.id, month: "2026-11", today: "2026-11-30" });
    expect(month!.rows).toEqual([]);
  });
});

describe("patrolLeaderSheet", () => {
  it("lists the leader's cells with patrols, findings raised, closed and open", async () => {
    await finding(cells.a.id, "2026-11-03", { status: "verified", rectifiedOn: "2026-11-03", verifiedOn: "2026-11-04", verifiedBy: other.id });
    await finding(cells.a.id, "2026-11-04");
    await finding(cells.a.id, "2026-11-05", { status: "rectified", rectifiedOn: "2026-11-05" });
    await finding(cells.a.id, "2026-11-06", { status: "withdrawn", withdrawnReason: "误报" });
    await patrol(cells.b.id, "2026-11-07");
    await patrol(cells.b.id, "2026-11-08", other.id); // someone else's patrol of the leader's cell is not theirs
    await patrol(cells.c.id, "2026-11-08", other.id);

    const sheet = await patrolLeaderSheet(t.db, { orgId, userId: leader.id, month: "2026-11" });
    expect(sheet!.leader).toEqual({ userId: leader.id, name: "网格长甲" });
    expect(sheet!.rows.map((r) => r.code)).toEqual(["A-01", "A-02"]);
    expect(sheet!.rows[0]).toMatchObject({ patrols: 4, raised: 3, closed: 1, open: 2, met: true });
    expect(sheet!.rows[1]).toMatchObject({ patrols: 1, raised: 0, closed: 0, open: 0, met: false });
    expect(sheet!.totals).toEqual({ patrols: 5, raised: 3, closed: 1, open: 2, cellsMet: 1 });
  });

  it("is null for someone who leads no cell, or in another organisation", async () => {
    expect(await patrolLeaderSheet(t.db, { orgId, userId: (await makeUser(t.db)).id, month: "2026-11" })).toBeNull();
    expect(await patrolLeaderSheet(t.db, { orgId: (await makeOrg(t.db)).id, userId: leader.id, month: "2026-11" })).toBeNull();
  });
});

describe("supervisorAttention", () => {
  it("counts overdue, awaiting verification, pending vetoes the user may confirm and cells not patrolled this month", async () => {
    const today = "2026-11-20";
    await finding(cells.a.id, "2026-11-10", { dueOn: "2026-11-19" }); // overdue
    await finding(cells.a.id, "2026-11-11", { dueOn: "2026-11-12" }); // overdue, later deadline
    await finding(cells.a.id, "2026-11-15", { dueOn: today }); // due today: still in time
    await finding(cells.b.id, "2026-11-16", { status: "rectified", rectifiedOn: "2026-11-17" });
    await finding(cells.b.id, "2026-11-01", { status: "verified", rectifiedOn: "2026-11-01", verifiedOn: "2026-11-02", verifiedBy: other.id });
    await makeVetoEvent(t.db, { orgId, contractId: contract.id, recordedBy: other.id, occurredOn: "2026-11-18", period: "2026-Q4" });
    await makeVetoEvent(t.db, { orgId, contractId: contract.id, recordedBy: leader.id, occurredOn: "2026-11-18", period: "2026-Q4" });
    await makeVetoEvent(t.db, { orgId, contractId: contract.id, recordedBy: other.id, status: "confirmed", confirmedBy: leader.id, period: "2026-Q4", occurredOn: "2026-11-02" });
    // C was patrolled last month only.
    await patrol(cells.c.id, "2026-10-30");

    const a = await supervisorAttention(t.db, { orgId, userId: leader.id, today });
    expect(a.overdue.count).toBe(2);
    expect(a.overdue.first.map((f) => f.dueOn)).toEqual(["2026-11-12", "2026-11-19"]);
    expect(a.overdue.first[0]).toMatchObject({ cellCode: "A-01", siteName: "一号楼" });
    expect(a.awaitingVerification.count).toBe(1);
    expect(a.pendingVetoes.count).toBe(1);
    expect(a.notPatrolled).toEqual({ count: 1, first: [{ cellId: cells.c.id, code: "B-01", name: "北区" }] });
    // The other supervisor may confirm the leader's veto, not their own.
    expect((await supervisorAttention(t.db, { orgId, userId: other.id, today })).pendingVetoes.count).toBe(1);
  });

  it("is all zeros for another organisation", async () => {
    await finding(cells.a.id, "2026-11-10", { dueOn: "2026-11-11" });
    const a = await supervisorAttention(t.db, { orgId: (await makeOrg(t.db)).id, userId: leader.id, today: "2026-11-20" });
    expect([a.overdue.count, a.awaitingVerification.count, a.pendingVetoes.count, a.notPatrolled.count]).toEqual([0, 0, 0, 0]);
  });
});

describe("setPatrolTarget", () => {
  it("changes the target with its audit row; the same target writes nothing", async () => {
    expect(await setPatrolTarget(t.db, { orgId, actorUserId: leader.id }, { target: "daily" })).toEqual({ ok: true });
    const [org] = await t.db.select().from(organisations).where(eq(organisations.id, orgId));
    expect(org!.patrolTarget).toBe("daily");
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "organisation.patrol_target"));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.before).toEqual({ patrolTarget: "weekly" });
    await setPatrolTarget(t.db, { orgId, actorUserId: leader.id }, { target: "daily" });
    expect(await t.db.select().from(auditLog).where(eq(auditLog.action, "organisation.patrol_target"))).toHaveLength(1);
  });
  it("refuses an unknown target", async () => {
    expect(await setPatrolTarget(t.db, { orgId, actorUserId: leader.id }, { target: "hourly" as never })).toEqual({ ok: false, error: "invalid" });
  });
});
