/**
 * The supervision dashboard and a contract's score history
 * (db/queries/scores/dashboard.ts): finalised quarters read from their
 * snapshot, live ones through the one input builder, findings and pending
 * vetoes counted on a day, change against last quarter, filters, tenancy.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rectifyFinding, verifyFinding } from "../../db/queries/inspections/lifecycle";
import { contractScoreHistory, supervisionDashboard } from "../../db/queries/scores/dashboard";
import { feeOf } from "../../db/queries/scores/fee";
import { finaliseQuarter, reopenQuarter } from "../../db/queries/scores/finalise";
import { buildQuarterInput } from "../../db/queries/scores/input";
import { getQuarterScore, scoreContract } from "../../db/queries/scores/quarter";
import { scoreQuarter } from "../../scoring/index";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeContract, makeContractor, makeFinding, makeMembership, makeOrg, makeUser, makeVetoEvent } from "../helpers/factories";

const ITEM = "property.quality.cleaning-common-areas";
const PHOTO = { storageKey: "k", thumbKey: "t", mimeType: "image/jpeg", bytes: 1, width: 1, height: 1, sha256: "a".repeat(64) };

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

/**
 * One organisation: property contract A (2026–2027, Q2 finalised with an
 * overdue finding), property contract C (same term, nothing finalised),
 * catering contract B (from 2026-07-01); and another organisation's contract.
 */
async function seed() {
  const org = await makeOrg(t.db);
  const sup = await makeUser(t.db);
  const checker = await makeUser(t.db);
  await makeMembership(t.db, { orgId: org.id, userId: sup.id, role: "supervisor" });
  await makeMembership(t.db, { orgId: org.id, userId: checker.id, role: "supervisor" });
  const ctx = { orgId: org.id, actorUserId: sup.id };
  const a = await makeContract(t.db, { orgId: org.id, contractorId: (await makeContractor(t.db, { orgId: org.id, name: "甲物业" })).id, serviceType: "property", startOn: "2026-01-01", endOn: "2027-12-31" });
  const c = await makeContract(t.db, { orgId: org.id, contractorId: (await makeContractor(t.db, { orgId: org.id, name: "丙物业" })).id, serviceType: "property", startOn: "2026-01-01", endOn: "2027-12-31" });
  const b = await makeContract(t.db, { orgId: org.id, contractorId: (await makeContractor(t.db, { orgId: org.id, name: "乙餐饮" })).id, serviceType: "catering", startOn: "2026-07-01", endOn: "2027-06-30" });
  const other = await makeOrg(t.db);
  const foreign = await makeContract(t.db, { orgId: other.id, serviceType: "property", startOn: "2026-01-01", endOn: "2027-12-31" });
  await makeFinding(t.db, { orgId: other.id, contractId: foreign.id, itemId: ITEM, period: "2026-Q3", foundOn: "2026-09-01", dueOn: "2026-09-03" });

  // A's Q2: a finding left overdue, then the quarter finalised on 2026-07-05.
  const q2Finding = await makeFinding(t.db, { orgId: org.id, contractId: a.id, itemId: ITEM, severity: "major", period: "2026-Q2", foundOn: "2026-06-20", dueOn: "2026-06-23" });
  const fin = await finaliseQuarter(t.db, ctx, { contractId: a.id, period: "2026-Q2", today: "2026-07-05", overrideReason: "申诉期内先行定级", provisionalJustification: "无问卷" });
  expect(fin).toMatchObject({ ok: true, revision: 1 });
  return { org, sup, checker, ctx, a, b, c, foreign, q2Finding };
}

/** The score the one input builder gives, as the score page computes it. */
async function liveScore(orgId: string, contractId: string, period: string, asOf: string) {
  const built = await buildQuarterInput(t.db, { orgId, contractId, period, asOf });
  return scoreQuarter(built!.rubric, built!.input);
}

describe("supervisionDashboard", () => {
  it("shows a finalised quarter's snapshot, even after a fix verified later would score it higher", async () => {
    const s = await seed();
    // The fix is recorded (and verified) after finalisation, dated before the deadline.
    expect((await rectifyFinding(t.db, s.ctx, { findingId: s.q2Finding.id, fixedOn: "2026-06-22", note: "已清理", photos: [PHOTO], today: "2026-07-10" })).ok).toBe(true);
    expect((await verifyFinding(t.db, { orgId: s.org.id, actorUserId: s.checker.id }, { findingId: s.q2Finding.id, today: "2026-07-10" })).ok).toBe(true);

    const view = await getQuarterScore(t.db, { orgId: s.org.id, contractId: s.a.id, period: "2026-Q2", today: "2026-07-11" });
    const d = await supervisionDashboard(t.db, { orgId: s.org.id, period: "2026-Q2", today: "2026-07-11" });
    const row = d.rows.find((r) => r.contractId === s.a.id)!;
    expect(row).toMatchObject({ state: "finalised", source: "snapshot", revision: 1, total: view!.score.total, grade: view!.score.grade, provisional: true });
    expect(row.deductedFen).toBe(view!.fee.deductedFen);
    expect(row.satisfaction).toEqual({ rate: view!.score.satisfaction.rate, target: view!.rubric.satisfaction.targetRate, respondents: 0 });
    // A recomputation today would differ: the dashboard did not recompute.
    const recomputed = await liveScore(s.org.id, s.a.id, "2026-Q2", "2026-07-11");
    expect(recomputed.total).toBeGreaterThan(row.total);
  });

  it("scores a quarter that is not finalised live, through the input builder, with its fee", async () => {
    const s = await seed();
    await makeFinding(t.db, { orgId: s.org.id, contractId: s.c.id, itemId: ITEM, severity: "major", period: "2026-Q3", foundOn: "2026-09-01", dueOn: "2026-09-04" });
    await makeFinding(t.db, { orgId: s.org.id, contractId: s.c.id, itemId: ITEM, severity: "critical", period: "2026-Q3", foundOn: "2026-09-10", dueOn: "2026-09-11" });
    const d = await supervisionDashboard(t.db, { orgId: s.org.id, period: "2026-Q3", today: "2026-10-08" });
    const row = d.rows.find((r) => r.contractId === s.c.id)!;
    const score = await liveScore(s.org.id, s.c.id, "2026-Q3", "2026-10-08");
    const contract = await scoreContract(t.db, s.org.id, s.c.id);
    expect(score.total).toBeLessThan(100);
    expect(row).toMatchObject({ state: "draft", source: "live", revision: 0, total: score.total, grade: score.grade, vetoed: score.vetoed, provisional: score.provisional });
    expect(row.deductedFen).toBe(feeOf(contract!, "2026-Q3", score).deductedFen);
  });

  it("scores a reopened quarter as of its first finalisation's day", async () => {
    const s = await seed();
    expect((await rectifyFinding(t.db, s.ctx, { findingId: s.q2Finding.id, fixedOn: "2026-06-22", note: "已清理", photos: [PHOTO], today: "2026-07-10" })).ok).toBe(true);
    await verifyFinding(t.db, { orgId: s.org.id, actorUserId: s.checker.id }, { findingId: s.q2Finding.id, today: "2026-07-10" });
    expect(await reopenQuarter(t.db, s.ctx, { contractId: s.a.id, period: "2026-Q2", reason: "更正" })).toEqual({ ok: true });
    const d = await supervisionDashboard(t.db, { orgId: s.org.id, period: "2026-Q2", today: "2026-07-11" });
    const row = d.rows.find((r) => r.contractId === s.a.id)!;
    expect(row).toMatchObject({ state: "reopened", source: "live", total: (await liveScore(s.org.id, s.a.id, "2026-Q2", "2026-07-05")).total });
  });

  it("counts open and overdue findings of the quarter on the given day, and pending vetoes", async () => {
    const s = await seed();
    const at = (dueOn: string, status: "open" | "rectified" | "withdrawn" = "open", period = "2026-Q3") =>
      makeFinding(t.db, { orgId: s.org.id, contractId: s.c.id, itemId: ITEM, period, foundOn: "2026-09-20", dueOn, status, rectifiedOn: status === "rectified" ? "2026-09-21" : null });
    await at("2026-09-23"); // overdue on the 30th
    await at("2026-09-30"); // due that very day: still in time
    await at("2026-10-05");
    await at("2026-09-22", "rectified"); // awaiting verification: neither
    await at("2026-09-22", "withdrawn");
    await makeVetoEvent(t.db, { orgId: s.org.id, contractId: s.c.id, recordedBy: s.sup.id, period: "2026-Q3", occurredOn: "2026-09-12" });
    await makeVetoEvent(t.db, { orgId: s.org.id, contractId: s.c.id, recordedBy: s.sup.id, period: "2026-Q3", occurredOn: "2026-09-13", status: "withdrawn", withdrawnReason: "误报", withdrawnBy: s.sup.id, withdrawnAt: "2026-09-14T00:00:00Z" });

    const on30 = await supervisionDashboard(t.db, { orgId: s.org.id, period: "2026-Q3", today: "2026-09-30" });
    const c30 = on30.rows.find((r) => r.contractId === s.c.id)!;
    expect(c30.findings).toEqual({ open: 2, overdue: 1 });
    expect(c30.pendingVetoes).toBe(1);
    expect(c30.vetoed).toBe(false); // pending vetoes do not count yet
    const on31 = await supervisionDashboard(t.db, { orgId: s.org.id, period: "2026-Q3", today: "2026-10-01" });
    expect(on31.rows.find((r) => r.contractId === s.c.id)!.findings).toEqual({ open: 1, overdue: 2 });
    // The other contracts and the other organisation's overdue finding are not counted here.
    expect(on31.rows.find((r) => r.contractId === s.a.id)!.findings).toEqual({ open: 0, overdue: 0 });
    expect(on31.rows.find((r) => r.contractId === s.a.id)!.pendingVetoes).toBe(0);
  });

  it("gives the change against last quarter (snapshot or live), none before the term", async () => {
    const s = await seed();
    await makeFinding(t.db, { orgId: s.org.id, contractId: s.a.id, itemId: ITEM, severity: "critical", period: "2026-Q3", foundOn: "2026-09-01", dueOn: "2026-09-02" });
    const d = await supervisionDashboard(t.db, { orgId: s.org.id, period: "2026-Q3", today: "2026-10-08" });
    const q2 = await getQuarterScore(t.db, { orgId: s.org.id, contractId: s.a.id, period: "2026-Q2", today: "2026-10-08" });
    const a = d.rows.find((r) => r.contractId === s.a.id)!;
    expect(a.previousTotal).toBe(q2!.score.total);
    expect(a.change).toBe(Math.round((a.total - q2!.score.total) * 10) / 10);
    expect(a.change).not.toBe(0);
    const c = d.rows.find((r) => r.contractId === s.c.id)!;
    expect(c.previousTotal).toBe((await liveScore(s.org.id, s.c.id, "2026-Q2", "2026-10-08")).total);
    expect(d.rows.find((r) => r.contractId === s.b.id)!).toMatchObject({ previousTotal: null, change: null });
  });

  it("filters by service type and by state, lists the periods newest first and never another organisation's contracts", async () => {
    const s = await seed();
    const all = await supervisionDashboard(t.db, { orgId: s.org.id, period: "2026-Q2", today: "2026-10-08" });
    expect(all.periods).toEqual(["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1"]);
    expect(all.rows.map((r) => r.contractId).sort()).toEqual([s.a.id, s.c.id].sort()); // B starts in Q3
    const finalised = await supervisionDashboard(t.db, { orgId: s.org.id, period: "2026-Q2", today: "2026-10-08", state: "finalised" });
    expect(finalised.rows.map((r) => r.contractId)).toEqual([s.a.id]);
    const drafts = await supervisionDashboard(t.db, { orgId: s.org.id, period: "2026-Q2", today: "2026-10-08", state: "draft" });
    expect(drafts.rows.map((r) => r.contractId)).toEqual([s.c.id]);
    const catering = await supervisionDashboard(t.db, { orgId: s.org.id, period: "2026-Q3", today: "2026-10-08", serviceType: "catering" });
    expect(catering.rows.map((r) => r.contractId)).toEqual([s.b.id]);
    const q3 = await supervisionDashboard(t.db, { orgId: s.org.id, period: "2026-Q3", today: "2026-10-08" });
    expect(q3.rows.map((r) => r.contractId)).not.toContain(s.foreign.id);
    expect(q3.rows).toHaveLength(3);
    // After today's quarter, or before any term: no rows, not in the picker.
    expect((await supervisionDashboard(t.db, { orgId: s.org.id, period: "2027-Q1", today: "2026-10-08" })).rows).toEqual([]);
    expect((await supervisionDashboard(t.db, { orgId: s.org.id, period: "2025-Q4", today: "2026-10-08" })).rows).toEqual([]);
  });
});

describe("contractScoreHistory", () => {
  it("gives each quarter of the term up to today's, the latest dimensions and bands, and the peers of the same type", async () => {
    const s = await seed();
    const h = await contractScoreHistory(t.db, { orgId: s.org.id, contractId: s.a.id, today: "2026-10-08" });
    expect(h!.points.map((p) => [p.period, p.state])).toEqual([
      ["2026-Q1", "draft"],
      ["2026-Q2", "finalised"],
      ["2026-Q3", "draft"],
      ["2026-Q4", "open"],
    ]);
    const q2 = await getQuarterScore(t.db, { orgId: s.org.id, contractId: s.a.id, period: "2026-Q2", today: "2026-10-08" });
    expect(h!.points[1]).toMatchObject({ total: q2!.score.total, grade: q2!.score.grade, revision: 1, provisional: true });
    const built = await buildQuarterInput(t.db, { orgId: s.org.id, contractId: s.a.id, period: "2026-Q4", asOf: "2026-10-08" });
    expect(h!.gradeBands).toEqual(built!.rubric.gradeBands);
    expect(h!.breakdown!.period).toBe("2026-Q4");
    expect(h!.breakdown!.dimensions.map((d) => [d.id, d.label, d.max])).toEqual(built!.rubric.dimensions.map((d) => [d.id, d.label, d.max]));
    expect(h!.peers.map((p) => p.contractId).sort()).toEqual([s.a.id, s.c.id].sort());
  });

  it("reads a finalised latest quarter's dimensions from its snapshot; null for another organisation's contract", async () => {
    const s = await seed();
    // A contract that ended with Q2: its latest quarter is the finalised one.
    const ended = await makeContract(t.db, { orgId: s.org.id, serviceType: "property", startOn: "2026-04-01", endOn: "2026-06-30" });
    await makeFinding(t.db, { orgId: s.org.id, contractId: ended.id, itemId: ITEM, severity: "major", period: "2026-Q2", foundOn: "2026-06-20", dueOn: "2026-06-23" });
    await finaliseQuarter(t.db, s.ctx, { contractId: ended.id, period: "2026-Q2", today: "2026-07-05", overrideReason: "申诉期内先行定级", provisionalJustification: "无问卷" });
    const h = await contractScoreHistory(t.db, { orgId: s.org.id, contractId: ended.id, today: "2026-10-08" });
    const view = await getQuarterScore(t.db, { orgId: s.org.id, contractId: ended.id, period: "2026-Q2", today: "2026-10-08" });
    expect(h!.points.map((p) => p.period)).toEqual(["2026-Q2"]);
    expect(h!.breakdown!.dimensions.map((d) => d.points)).toEqual(view!.score.dimensions.map((d) => d.points));
    expect(h!.peers.map((p) => p.contractId).sort()).toEqual([s.a.id, s.c.id, ended.id].sort());
    expect(await contractScoreHistory(t.db, { orgId: s.org.id, contractId: s.foreign.id, today: "2026-10-08" })).toBeNull();
  });
});
