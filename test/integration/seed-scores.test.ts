/**
 * The demo's quarterly scores (seed/demo-scores.ts, issue 11 "Extend the
 * demo"): on the browser tests' day every quarter before the last ended one
 * is finalised with a snapshot that recomputes to its stored output, exactly
 * one is revision 2 with its reason (the duplicate withdrawn between the two,
 * the first `asOf` kept), the last ended quarter is a draft and the current
 * one open — and which quarters those are follows the seed's day. Every
 * sign-off comes after its quarter's appeal window (no override reason), and
 * the two demo appeals (one upheld, one dismissed) are filed and decided
 * inside their windows before their quarters are finalised, the upheld one's
 * lowered severity scored in the snapshot.
 */
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as s from "../../db/schema";
import { getQuarterScore } from "../../db/queries/scores/quarter";
import { addDays, periodEnd, periodOfDate } from "../../scoring/dates";
import { scoreQuarter } from "../../scoring/index";
import { hashPassword } from "../../server/password";
import { seedDemo, type SeedDemoResult } from "../../seed/demo";
import { DEMO_PASSWORD, demoQuarters } from "../../seed/demo-data";
import { DEMO_REOPEN_REASON, DEMO_WITHDRAW_REASON, planDemoScores } from "../../seed/demo-scores";
import { DEMO_DISMISSED_DECISION_REASON, DEMO_UPHELD_DECISION_REASON, demoWindowClosesOn, planDemoAppeals } from "../../seed/demo-appeals";
import { appealWindowOf } from "../../db/queries/calendar";
import { createTestDb, type TestDb } from "../helpers/db";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The browser tests' day (test/e2e/app.ts E2E_TODAY): 2026-Q3 must be the draft then. */
const TODAY = "2026-11-18";
const SEED_TIMEOUT_MS = 120_000;

describe("the demo's quarterly scores (plan, any day)", () => {
  it("on the browser tests' day: up to 2026-Q2 finalised, 2026-Q3 draft, 2026-Q4 open", () => {
    const plan = planDemoScores(TODAY);
    const fates = (fate: string) => [...new Set(plan.quarters.filter((q) => q.fate === fate).map((q) => q.period))];
    expect(fates("finalised")).toEqual(["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]);
    expect(fates("draft")).toEqual(["2026-Q3"]);
    expect(fates("open")).toEqual(["2026-Q4"]);
  });

  it("follows the seed's day: every quarter before the last ended one finalised, days after its end and before today", () => {
    for (let i = 0; i < 800; i += 7) {
      const today = addDays("2025-12-01", i);
      const quarters = demoQuarters(today);
      const plan = planDemoScores(today);
      const current = periodOfDate(today);
      expect(quarters.at(-1), today).toBe(current);
      for (const q of plan.quarters) {
        const where = `${today} ${q.contractKey} ${q.period}`;
        const index = quarters.indexOf(q.period);
        expect(q.fate, where).toBe(index === quarters.length - 1 ? "open" : index === quarters.length - 2 ? "draft" : "finalised");
        if (q.fate === "finalised") {
          expect(q.finaliseOn! > periodEnd(q.period) && q.finaliseOn! < today, where).toBe(true);
          // After the appeal window: the sign-off needs no override reason for it.
          expect(q.finaliseOn! > demoWindowClosesOn(q.period), where).toBe(true);
          // Signed off in the weeks after the quarter, not in the middle of the next one's reporting.
          expect(q.finaliseOn! <= addDays(periodEnd(q.period), 21), where).toBe(true);
        } else expect(q.finaliseOn, where).toBeNull();
      }
      const c = plan.correction;
      const first = plan.quarters.find((q) => q.contractKey === c.contractKey && q.period === c.period)!;
      expect(first.fate, today).toBe("finalised");
      expect(first.finaliseOn! < c.reopenOn && c.reopenOn < c.refinaliseOn && c.refinaliseOn < today, today).toBe(true);
      // The appeals: inside their windows, decided before their quarters are signed off, never on the corrected contract-quarter.
      const appeals = planDemoAppeals(quarters);
      expect(appeals.map((a) => a.decision), today).toEqual(["uphold", "dismiss"]);
      for (const a of appeals) {
        const signOff = plan.quarters.find((q) => q.contractKey === a.contractKey && q.period === a.period)!;
        expect(signOff.fate, today).toBe("finalised");
        expect(a.fileOn > periodEnd(a.period) && a.fileOn < a.decideOn && a.decideOn <= demoWindowClosesOn(a.period) && a.decideOn < signOff.finaliseOn!, `${today} ${a.contractKey}`).toBe(true);
        expect([a.contractKey, a.period], today).not.toEqual([c.contractKey, c.period]);
      }
    }
  });

  it("is the same plan for the same day", () => {
    expect(planDemoScores(TODAY)).toEqual(planDemoScores(TODAY));
  });
});

describe("the demo's quarterly scores (seeded)", { timeout: SEED_TIMEOUT_MS }, () => {
  let t: TestDb;
  let uploads: string;
  let demo: Extract<SeedDemoResult, { created: true }>;
  let snapshots: (typeof s.quarterScores.$inferSelect)[];
  const quarters = demoQuarters(TODAY);
  const finalisedPeriods = quarters.slice(0, -2);
  const [draftPeriod, currentPeriod] = quarters.slice(-2) as [string, string];

  beforeAll(async () => {
    t = await createTestDb();
    uploads = mkdtempSync(path.join(tmpdir(), "kaoping-seed-scores-"));
    const result = await seedDemo(t.db, { today: TODAY, passwordHash: await hashPassword(DEMO_PASSWORD), uploadsDir: uploads });
    if (!result.created) throw new Error("demo not created");
    demo = result;
    snapshots = await t.db.select().from(s.quarterScores);
  });
  afterAll(async () => {
    await t?.cleanup();
    rmSync(uploads, { recursive: true, force: true });
  });

  const contractIds = () => Object.values(demo.ids.contracts);

  it("finalises every quarter before the last ended one, for every contract, with a snapshot that recomputes to its output", async () => {
    expect(demo.scores).toMatchObject({ finalised: 30, snapshots: 31, drafts: 5 });
    for (const contractId of contractIds()) {
      for (const period of finalisedPeriods) {
        const view = await getQuarterScore(t.db, { orgId: demo.orgId, contractId, period, today: TODAY });
        expect(view, `${contractId} ${period}`).toMatchObject({ state: "finalised", source: "snapshot" });
        const mine = snapshots.filter((x) => x.contractId === contractId && x.period === period);
        expect(mine.length, `${contractId} ${period}`).toBeGreaterThanOrEqual(1);
        for (const snap of mine) {
          expect(scoreQuarter(snap.rubric, snap.input), `${period} revision ${snap.revision}`).toEqual(snap.output);
          expect(snap.asOf > periodEnd(period) && snap.asOf < TODAY).toBe(true);
          expect(snap.input.asOf).toBe(snap.asOf);
          expect([snap.total, snap.grade]).toEqual([snap.output.total, snap.output.grade]);
        }
      }
    }
    expect(snapshots.every((x) => finalisedPeriods.includes(x.period))).toBe(true);
    const rows = await t.db.select().from(s.contractQuarters).where(eq(s.contractQuarters.orgId, demo.orgId));
    expect(rows.filter((r) => r.status === "finalised").map((r) => r.period).sort()).toEqual(
      finalisedPeriods.flatMap((p) => contractIds().map(() => p)).sort(),
    );
  });

  it("has exactly one revision 2, its reason the reopening's, the duplicate withdrawn in between, revision 1's asOf kept", async () => {
    const second = snapshots.filter((x) => x.revision === 2);
    expect(second).toHaveLength(1);
    expect(snapshots.some((x) => x.revision > 2)).toBe(false);
    const rev2 = second[0]!;
    const rev1 = snapshots.find((x) => x.contractId === rev2.contractId && x.period === rev2.period && x.revision === 1)!;
    expect(rev2.reason).toBe(DEMO_REOPEN_REASON);
    expect(rev1.reason).toBeNull();
    expect(rev2.asOf).toBe(rev1.asOf);
    expect(rev2.total).toBeGreaterThan(rev1.total);
    expect(rev2.createdAt > rev1.createdAt).toBe(true);

    // The withdrawn duplicate cost a deduction in revision 1 and none in revision 2.
    const withdrawnId = demo.scores.correction.withdrawnFindingId;
    const [dup] = await t.db.select().from(s.findings).where(eq(s.findings.id, withdrawnId));
    expect(dup).toMatchObject({ status: "withdrawn", withdrawnReason: DEMO_WITHDRAW_REASON, period: rev2.period, contractId: rev2.contractId });
    const deducted = (o: typeof rev1.output) => o.dimensions.flatMap((d) => d.deductions.map((x) => x.findingId));
    expect(deducted(rev1.output)).toContain(withdrawnId);
    expect(deducted(rev2.output)).not.toContain(withdrawnId);
    expect(rev1.input.findings.map((f) => f.id)).toContain(withdrawnId);
    expect(rev2.input.findings.map((f) => f.id)).not.toContain(withdrawnId);

    const [row] = await t.db
      .select()
      .from(s.contractQuarters)
      .where(and(eq(s.contractQuarters.contractId, rev2.contractId), eq(s.contractQuarters.period, rev2.period)));
    expect(row).toMatchObject({ status: "finalised", revision: 2, reopenReason: DEMO_REOPEN_REASON });

    // Audited in order: finalise, reopen, withdraw, finalise again — by the demo supervisor.
    const log = (await t.db.select().from(s.auditLog).orderBy(s.auditLog.id)).filter(
      (e) => e.entityId === `${rev2.contractId}:${rev2.period}` || e.entityId === withdrawnId,
    );
    expect(log.map((e) => e.action)).toEqual(["finding.create", "quarter.finalise", "quarter.reopen", "finding.withdraw", "quarter.finalise"]);
    expect(log.slice(1).every((e) => e.actorUserId === demo.ids.users.supervisor)).toBe(true);

    const view = await getQuarterScore(t.db, { orgId: demo.orgId, contractId: rev2.contractId, period: rev2.period, today: TODAY });
    expect(view?.revisions.map((r) => [r.revision, r.reason])).toEqual([
      [1, null],
      [2, DEMO_REOPEN_REASON],
    ]);
    expect(view?.revisions[1]?.changes?.totalAfter).toBe(rev2.total);
  });

  it("signs every quarter off after its appeal window, without an override reason", async () => {
    expect(demo.scores.overridden).toEqual([]);
    const signOffs = await t.db.select().from(s.auditLog).where(and(eq(s.auditLog.orgId, demo.orgId), eq(s.auditLog.action, "quarter.finalise")));
    expect(signOffs).toHaveLength(31);
    for (const e of signOffs) {
      const after = e.after as { overrideReason: string | null; blocks: { appealWindowOpen: boolean; pendingAppeals: number } };
      expect(after.overrideReason, e.entityId).toBeNull();
      expect(after.blocks, e.entityId).toMatchObject({ appealWindowOpen: false, pendingAppeals: 0 });
    }
  });

  it("has exactly two appeals, by the contractors' people inside the window: one upheld (severity lowered, scored so), one dismissed", async () => {
    const rows = await t.db.select().from(s.appeals).where(eq(s.appeals.orgId, demo.orgId));
    expect(rows).toHaveLength(2);
    expect(demo.scores.appeals.map((a) => [a.decision, a.contractKey, a.period])).toEqual([
      ["uphold", "property", "2026-Q2"],
      ["dismiss", "greening", "2026-Q1"],
    ]);
    for (const seeded of demo.scores.appeals) {
      const row = rows.find((r) => r.id === seeded.appealId)!;
      const contract = demo.data.contracts.find((c) => c.key === seeded.contractKey)!;
      const window = (await appealWindowOf(t.db, { orgId: demo.orgId, period: seeded.period }))!;
      expect(row).toMatchObject({
        contractId: demo.ids.contracts[seeded.contractKey],
        contractorId: demo.ids.contractors[contract.contractorKey],
        period: seeded.period,
        filedBy: demo.ids.contractorPeople[contract.contractorKey],
        decidedBy: demo.ids.users.supervisor,
        findingId: seeded.findingId,
      });
      expect(row.filedOn >= window.countsFrom && row.filedOn < row.decidedOn! && row.decidedOn! <= window.closesOn).toBe(true);
      // Decided before the quarter's (only) sign-off, which came after the window.
      const snap = snapshots.find((x) => x.contractId === row.contractId && x.period === row.period)!;
      expect(snapshots.filter((x) => x.contractId === row.contractId && x.period === row.period)).toHaveLength(1);
      expect(snap.asOf > window.closesOn).toBe(true);
    }
    const [upheld, dismissed] = demo.scores.appeals as [(typeof demo.scores.appeals)[number], (typeof demo.scores.appeals)[number]];
    const upheldRow = rows.find((r) => r.id === upheld.appealId)!;
    expect(upheldRow).toMatchObject({ status: "upheld", target: "finding", outcome: "severity_lowered", severityFrom: "major", severityTo: "minor", decisionReason: DEMO_UPHELD_DECISION_REASON });
    const dismissedRow = rows.find((r) => r.id === dismissed.appealId)!;
    expect(dismissedRow).toMatchObject({ status: "dismissed", outcome: null, decisionReason: DEMO_DISMISSED_DECISION_REASON });
    expect(dismissedRow.target).toBe("repeat"); // the greening contractor's repeats of 2026-Q1

    // The finding is minor now, and the snapshot scored it minor: the major one would have cost more.
    const [finding] = await t.db.select().from(s.findings).where(eq(s.findings.id, upheld.findingId));
    expect(finding).toMatchObject({ severity: "minor", status: expect.not.stringMatching(/^withdrawn$/) });
    const snap = snapshots.find((x) => x.contractId === upheldRow.contractId && x.period === upheldRow.period)!;
    expect(snap.input.findings.find((f) => f.id === upheld.findingId)?.severity).toBe("minor");
    const costOf = (o: typeof snap.output) => o.dimensions.flatMap((d) => d.deductions).find((x) => x.findingId === upheld.findingId)?.cost ?? 0;
    const asMajor = scoreQuarter(snap.rubric, { ...snap.input, findings: snap.input.findings.map((f) => (f.id === upheld.findingId ? { ...f, severity: "major" as const } : f)) });
    expect(costOf(snap.output)).toBeGreaterThan(0);
    expect(costOf(asMajor)).toBeGreaterThan(costOf(snap.output));
    expect(asMajor.total).toBeLessThanOrEqual(snap.output.total);

    // The dismissed repeat still counts as one in its snapshot.
    const [repeat] = await t.db.select().from(s.findings).where(eq(s.findings.id, dismissed.findingId));
    expect(repeat?.repeatOfId).not.toBeNull();
    expect(repeat?.repeatClearedReason).toBeNull();
    const dsnap = snapshots.find((x) => x.contractId === dismissedRow.contractId && x.period === dismissedRow.period)!;
    expect(dsnap.input.findings.find((f) => f.id === dismissed.findingId)?.repeatOf).toBe(repeat!.repeatOfId);

    // Audited: filed by the contractor's person, decided by the supervisor; the finding's events say so.
    const log = await t.db.select().from(s.auditLog).where(and(eq(s.auditLog.entity, "appeal"), inArray(s.auditLog.entityId, rows.map((r) => r.id))));
    expect(log.map((e) => e.action).sort()).toEqual(["appeal.decide", "appeal.decide", "appeal.file", "appeal.file"]);
    const events = await t.db.select().from(s.findingEvents).where(inArray(s.findingEvents.findingId, [upheld.findingId, dismissed.findingId]));
    expect(events.filter((e) => e.findingId === upheld.findingId).map((e) => e.kind)).toEqual(expect.arrayContaining(["appeal_filed", "severity_lowered", "appeal_upheld"]));
    expect(events.filter((e) => e.findingId === dismissed.findingId).map((e) => e.kind)).toEqual(expect.arrayContaining(["appeal_filed", "appeal_dismissed"]));
  });

  it("leaves the last ended quarter a draft awaiting sign-off and the current quarter open, both live", async () => {
    for (const contractId of contractIds()) {
      const draft = await getQuarterScore(t.db, { orgId: demo.orgId, contractId, period: draftPeriod, today: TODAY });
      expect(draft, contractId).toMatchObject({ state: "draft", source: "live", revisions: [] });
      const current = await getQuarterScore(t.db, { orgId: demo.orgId, contractId, period: currentPeriod, today: TODAY });
      expect(current, contractId).toMatchObject({ state: "open", source: "live", revisions: [] });
    }
    expect([draftPeriod, currentPeriod]).toEqual(["2026-Q3", "2026-Q4"]);
  });
});
