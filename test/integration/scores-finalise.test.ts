/**
 * Finalising and reopening a quarter (issue 11): the blocks (a pending veto, a
 * fix awaiting verification) and the provisional quarter's justification,
 * each stored with the snapshot; reopening with a reason; revision n+1
 * computed with revision 1's asOf; every revision kept and audited; two
 * concurrent finalisations write one revision.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { confirmVeto, recordVeto } from "../../db/queries/inspections/events";
import { withdrawFinding } from "../../db/queries/inspections/lifecycle";
import { finaliseQuarter, reopenQuarter } from "../../db/queries/scores/finalise";
import { MAX_SCORE_TEXT } from "../../domain/quarter-lock";
import { getQuarterScore } from "../../db/queries/scores/quarter";
import { createCampaign, submitResponse } from "../../db/queries/surveys";
import { quarterScores } from "../../db/schema";
import { createTestDb, type TestDb } from "../helpers/db";
import { addFinding, auditEntries, fixFinding, ITEM, makeScoresWorld, type ScoresWorld } from "../helpers/scores";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const P = "2026-Q3";
const JUSTIFY = "问卷回收不足，按检查结果定级";
/** The day after 2026-Q3's appeal window (5 working days from 1 October, National Day counted: it closes 13 October). */
const AFTER_WINDOW = "2026-10-14";
/** For a finalisation inside the window in a test about something else. */
const IN_WINDOW = "申诉期内先行定级";
const noAppealBlocks = { pendingAppeals: 0, appealWindowClosesOn: "2026-10-13", appealWindowOpen: false };

const snapshots = (w: ScoresWorld) =>
  t.db
    .select()
    .from(quarterScores)
    .where(and(eq(quarterScores.orgId, w.orgId), eq(quarterScores.contractId, w.contractId)))
    .orderBy(quarterScores.revision);

async function quarterStatus(w: ScoresWorld): Promise<string | null> {
  const [row] = await t.db.all<{ status: string }>(sql`SELECT status FROM contract_quarters WHERE contract_id = ${w.contractId} AND period = ${P}`);
  return row?.status ?? null;
}

const finalise = (w: ScoresWorld, o: { today?: string; overrideReason?: string | null; provisionalJustification?: string | null } = {}) =>
  finaliseQuarter(t.db, w.ctx, { contractId: w.contractId, period: P, today: o.today ?? AFTER_WINDOW, overrideReason: o.overrideReason, provisionalJustification: o.provisionalJustification });

async function pendingVeto(w: ScoresWorld): Promise<string> {
  const r = await recordVeto(t.db, w.ctx, { contractId: w.contractId, itemId: ITEM.veto, note: "电梯困人", occurredOn: "2026-09-10", photos: [], today: "2026-09-29" });
  if (!r.ok) throw new Error(r.error);
  return r.id;
}

it("a pending veto blocks finalisation (with the counts) unless an override reason is written, which the snapshot keeps", async () => {
  const w = await makeScoresWorld(t.db);
  const vetoId = await pendingVeto(w);
  expect(await finalise(w, { provisionalJustification: JUSTIFY })).toEqual({ ok: false, error: "blocked", blocks: { pendingVetoes: 1, awaitingVerification: 0, ...noAppealBlocks } });
  expect(await finalise(w, { provisionalJustification: JUSTIFY, overrideReason: "   " })).toMatchObject({ ok: false, error: "blocked" });
  expect(await snapshots(w)).toEqual([]);
  expect(await quarterStatus(w)).toBe("open");

  const r = await finalise(w, { provisionalJustification: JUSTIFY, overrideReason: "事故责任尚在认定，先行定级" });
  expect(r).toMatchObject({ ok: true, revision: 1 });
  const [snap] = await snapshots(w);
  expect(snap).toMatchObject({ overrideReason: "事故责任尚在认定，先行定级", provisionalJustification: JUSTIFY, revision: 1 });
  // The pending veto does not count in the snapshot.
  expect(snap!.output.vetoed).toBe(false);
  expect(snap!.input.vetoes).toEqual([]);
  const audit = (await auditEntries(t.db, w.orgId)).find((a) => a.action === "quarter.finalise");
  expect(audit?.after).toMatchObject({ overrideReason: "事故责任尚在认定，先行定级", provisionalJustification: JUSTIFY, blocks: { pendingVetoes: 1, awaitingVerification: 0 } });
  expect(vetoId).toBeTruthy();
});

it("a fix awaiting verification blocks finalisation; both blocks are counted together; a confirmed veto and a verified fix do not block", async () => {
  const w = await makeScoresWorld(t.db);
  const f = await addFinding(t.db, w, { foundOn: "2026-09-01", dueOn: "2026-09-05" });
  await fixFinding(t.db, w, f, "2026-09-04");
  expect(await finalise(w, { provisionalJustification: JUSTIFY })).toEqual({ ok: false, error: "blocked", blocks: { pendingVetoes: 0, awaitingVerification: 1, ...noAppealBlocks } });
  const vetoId = await pendingVeto(w);
  expect(await finalise(w, { provisionalJustification: JUSTIFY })).toEqual({ ok: false, error: "blocked", blocks: { pendingVetoes: 1, awaitingVerification: 1, ...noAppealBlocks } });
  expect(await snapshots(w)).toEqual([]);

  // Resolve both: the block is gone, no override needed.
  expect((await confirmVeto(t.db, w.ctx2, { vetoId, role: "supervisor", today: "2026-10-02" })).ok).toBe(true);
  const { verifyFinding } = await import("../../db/queries/inspections/lifecycle");
  expect((await verifyFinding(t.db, w.ctx2, { findingId: f, today: "2026-10-02" })).ok).toBe(true);
  expect(await finalise(w, { provisionalJustification: JUSTIFY })).toMatchObject({ ok: true, revision: 1 });
  const [snap] = await snapshots(w);
  expect(snap!.overrideReason).toBeNull();
  expect(snap!.output.vetoed).toBe(true);
});

it("a provisional quarter needs a written justification (stored); refused, it writes nothing and leaves the campaign open", async () => {
  const w = await makeScoresWorld(t.db);
  const c = await createCampaign(t.db, w.ctx, { contractId: w.contractId, period: P, opensOn: "2026-09-01", closesOn: "2026-09-30", allowOpenLink: true, inviteCount: 0 });
  if (!c.ok) throw new Error(c.error);
  for (let i = 0; i < 5; i++) await submitResponse(t.db, { campaign: { token: c.openToken }, answers: { overall: 5, attitude: 5 }, today: "2026-09-10" });
  const campaignStatus = async () => (await t.db.all<{ status: string }>(sql`SELECT status FROM survey_campaigns WHERE id = ${c.campaignId}`))[0]!.status;

  expect(await finalise(w)).toEqual({ ok: false, error: "needs_justification" });
  expect(await finalise(w, { provisionalJustification: "" })).toEqual({ ok: false, error: "needs_justification" });
  expect(await finalise(w, { provisionalJustification: "x".repeat(MAX_SCORE_TEXT + 1) })).toEqual({ ok: false, error: "invalid" });
  expect(await snapshots(w)).toEqual([]);
  expect(await campaignStatus()).toBe("open");

  expect(await finalise(w, { provisionalJustification: `  ${JUSTIFY}  ` })).toMatchObject({ ok: true, revision: 1 });
  const [snap] = await snapshots(w);
  expect(snap).toMatchObject({ provisionalJustification: JUSTIFY, overrideReason: null });
  expect(snap!.output).toMatchObject({ provisional: true, satisfaction: { respondents: 5, sufficient: false } });
  expect(await campaignStatus()).toBe("closed");
});

it("a quarter with enough respondents finalises without a justification, and the campaign's close releases the last answers into the snapshot", async () => {
  const w = await makeScoresWorld(t.db);
  const c = await createCampaign(t.db, w.ctx, { contractId: w.contractId, period: P, opensOn: "2026-09-01", closesOn: "2026-09-30", allowOpenLink: true, inviteCount: 0 });
  if (!c.ok) throw new Error(c.error);
  // 12 respondents: released at 5 and 10; the last 2 only at close (finalisation).
  for (let i = 0; i < 12; i++) await submitResponse(t.db, { campaign: { token: c.openToken }, answers: { overall: 5, attitude: 4 }, today: "2026-09-10" });
  expect(await finalise(w)).toMatchObject({ ok: true, revision: 1 });
  const [snap] = await snapshots(w);
  expect(snap!.provisionalJustification).toBeNull();
  expect(snap!.input.survey).toEqual({ respondents: 12, questions: { attitude: [0, 0, 0, 12, 0], overall: [0, 0, 0, 0, 12] } });
  // All satisfied: satisfaction 30 of 30, quality 70 of 70.
  expect(snap!.output).toMatchObject({ provisional: false, total: 100, grade: "excellent" });
});

it("reopen needs a finalised quarter and a reason; revision 2 keeps revision 1's asOf, both stay, all audited with who", async () => {
  const w = await makeScoresWorld(t.db);
  // Overdue at asOf 2026-10-05: major cleanliness 3 × overdue 2 = 6.
  const overdue = await addFinding(t.db, w, { foundOn: "2026-09-20", dueOn: "2026-09-25" });
  // Still within its deadline at asOf: 3 × 1 = 3.
  const mistaken = await addFinding(t.db, w, { foundOn: "2026-09-26", dueOn: "2026-10-10" });

  expect(await reopenQuarter(t.db, w.ctx, { contractId: w.contractId, period: P, reason: "更正" })).toEqual({ ok: false, error: "not_finalised" });
  expect(await reopenQuarter(t.db, w.ctx, { contractId: "nope", period: P, reason: "更正" })).toEqual({ ok: false, error: "not_found" });

  expect(await finalise(w, { today: "2026-10-05", provisionalJustification: JUSTIFY, overrideReason: IN_WINDOW })).toMatchObject({ ok: true, revision: 1, total: 61, grade: "pass" });
  expect(await finalise(w, { today: "2026-10-06", provisionalJustification: JUSTIFY, overrideReason: IN_WINDOW })).toEqual({ ok: false, error: "already_finalised" });
  expect(await reopenQuarter(t.db, w.ctx2, { contractId: w.contractId, period: P, reason: "  " })).toEqual({ ok: false, error: "invalid" });
  expect(await reopenQuarter(t.db, w.ctx2, { contractId: w.contractId, period: P, reason: "x".repeat(MAX_SCORE_TEXT + 1) })).toEqual({ ok: false, error: "invalid" });
  expect(await quarterStatus(w)).toBe("finalised");

  const reason = "第二项为误记，撤销后重新定级";
  expect(await reopenQuarter(t.db, w.ctx2, { contractId: w.contractId, period: P, reason })).toEqual({ ok: true });
  expect(await reopenQuarter(t.db, w.ctx2, { contractId: w.contractId, period: P, reason })).toEqual({ ok: false, error: "not_finalised" });
  // During the reopening: the overdue finding's fix (late, had it counted: 4.5) is recorded and verified after asOf;
  // the mistaken finding is withdrawn.
  await fixFinding(t.db, w, overdue, "2026-09-27", "2026-10-07");
  expect((await withdrawFinding(t.db, w.ctx, { findingId: mistaken, reason: "误记", today: "2026-10-07" })).ok).toBe(true);
  const live = await getQuarterScore(t.db, { orgId: w.orgId, contractId: w.contractId, period: P, today: "2026-10-07" });
  expect(live).toMatchObject({ state: "reopened", source: "live", asOf: "2026-10-05", reopen: { reason } });

  expect(await finalise(w, { today: "2026-10-08", provisionalJustification: JUSTIFY, overrideReason: IN_WINDOW })).toMatchObject({ ok: true, revision: 2, total: 64, grade: "pass" });
  const rows = await snapshots(w);
  expect(rows.map((r) => [r.revision, r.asOf, r.total, r.reason])).toEqual([
    [1, "2026-10-05", 61, null],
    [2, "2026-10-05", 64, reason],
  ]);
  const quality = rows[1]!.output.dimensions.find((d) => d.id === "quality")!;
  expect(quality.deductions).toEqual([expect.objectContaining({ findingId: overdue, points: 6 })]);
  expect(quality.deductions[0]!.reason.en).toContain("overdue");
  expect(rows[1]!.input.findings).toEqual([expect.objectContaining({ id: overdue, rectifiedOn: null })]);

  const view = await getQuarterScore(t.db, { orgId: w.orgId, contractId: w.contractId, period: P, today: "2026-10-09" });
  expect(view).toMatchObject({ state: "finalised", source: "snapshot", asOf: "2026-10-05" });
  expect(view?.score.total).toBe(64);
  expect(view?.revisions.map((r) => [r.revision, r.reason, r.createdBy])).toEqual([
    [1, null, w.ctx.actorUserId],
    [2, reason, w.ctx.actorUserId],
  ]);
  expect(view?.revisions[1]?.changes).toMatchObject({
    totalBefore: 61,
    totalAfter: 64,
    gradeBefore: "pass",
    gradeAfter: "pass",
    deductions: [{ findingId: mistaken, before: 3, after: null }],
  });

  const audit = (await auditEntries(t.db, w.orgId)).filter((a) => a.action.startsWith("quarter."));
  expect(audit.map((a) => [a.action, a.actorUserId])).toEqual([
    ["quarter.finalise", w.ctx.actorUserId],
    ["quarter.reopen", w.ctx2.actorUserId],
    ["quarter.finalise", w.ctx.actorUserId],
  ]);
  expect(audit[1]!.after).toMatchObject({ status: "reopened", reason });
  expect(audit[2]!.after).toMatchObject({ revision: 2, asOf: "2026-10-05", total: 64, reason });
});

it("two concurrent finalisations write exactly one revision", async () => {
  const w = await makeScoresWorld(t.db);
  await addFinding(t.db, w, { foundOn: "2026-09-20", dueOn: "2026-09-25" });
  const results = await Promise.all([finalise(w, { provisionalJustification: JUSTIFY }), finalise(w, { provisionalJustification: JUSTIFY })]);
  const ok = results.filter((r) => r.ok);
  const refused = results.filter((r) => !r.ok);
  expect(ok).toHaveLength(1);
  expect(refused).toHaveLength(1);
  expect(["conflict", "already_finalised"]).toContain((refused[0] as { error: string }).error);
  expect((await snapshots(w)).map((r) => r.revision)).toEqual([1]);
  expect((await auditEntries(t.db, w.orgId)).filter((a) => a.action === "quarter.finalise")).toHaveLength(1);
  expect(await quarterStatus(w)).toBe("finalised");
});
