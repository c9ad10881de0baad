/**
 * The fee through finalisation (issue 11, Fees): the snapshot stores the
 * quarter's fee (a quarter of the annual value, the remainder in Q4; the
 * contract's own quarterly fee; a partial first or last quarter by days) run
 * through the contract's payment rule, with the veto cap. Every amount below
 * is worked out by hand in its comment.
 *
 * The rubric (test/helpers/scores.ts): quality 70 (cleanliness 1/3/8, safety
 * 2/5/10), satisfaction 30 — 0 here, as no quarter has a survey — so a total
 * is 70 less the findings' costs (late ×1.5, overdue ×2).
 */
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { confirmVeto, recordVeto } from "../../db/queries/inspections/events";
import { finaliseQuarter } from "../../db/queries/scores/finalise";
import { getQuarterScore } from "../../db/queries/scores/quarter";
import { quarterScores, type StoredQuarterFee } from "../../db/schema";
import type { PaymentRule } from "../../scoring/types";
import { createTestDb, type TestDb } from "../helpers/db";
import { samplePaymentRule } from "../helpers/factories";
import { addFinding, fixFinding, ITEM, makeScoresWorld, type ScoresWorld } from "../helpers/scores";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const JUSTIFY = "无问卷";
/** samplePaymentRule: ≥ 90 → 100 %, ≥ 80 → 97 %, ≥ 60 → 90 %, else 80 %; a vetoed quarter at most 70 %. */
const STEPS = samplePaymentRule;
const LINEAR: PaymentRule = { kind: "linear_below", threshold: 90, base: 10 };

async function finaliseAndFee(w: ScoresWorld, period: string, today: string): Promise<{ total: number; fee: StoredQuarterFee }> {
  const r = await finaliseQuarter(t.db, w.ctx, { contractId: w.contractId, period, today, overrideReason: "申诉期内先行定级", provisionalJustification: JUSTIFY });
  if (!r.ok) throw new Error(`finalise refused: ${r.error}`);
  const [row] = await t.db
    .select()
    .from(quarterScores)
    .where(and(eq(quarterScores.contractId, w.contractId), eq(quarterScores.period, period), eq(quarterScores.revision, r.revision)));
  // The page shows the stored fee, the same figures.
  const view = await getQuarterScore(t.db, { orgId: w.orgId, contractId: w.contractId, period, today });
  expect(view?.fee).toEqual(row!.fee);
  return { total: r.total, fee: row!.fee };
}

async function confirmedVeto(w: ScoresWorld, occurredOn: string) {
  const v = await recordVeto(t.db, w.ctx, { contractId: w.contractId, itemId: ITEM.veto, note: "重大事故", occurredOn, photos: [], today: occurredOn });
  if (!v.ok) throw new Error(v.error);
  expect((await confirmVeto(t.db, w.ctx2, { vetoId: v.id, role: "supervisor", today: occurredOn })).ok).toBe(true);
}

it("steps rule, a quarter of the annual value: Q3 floor(1 000 003 ÷ 4); Q4 carries the remainder", async () => {
  const w = await makeScoresWorld(t.db, { annualValueFen: 1_000_003, paymentRule: STEPS });
  // Critical cleanliness 8, overdue at asOf ×2 = 16 → total 54 → the 0 step: 80 %.
  await addFinding(t.db, w, { severity: "critical", foundOn: "2026-09-01", dueOn: "2026-09-03" });
  // 250 000 × 80 % = 200 000.
  expect(await finaliseAndFee(w, "2026-Q3", "2026-10-05")).toEqual({
    total: 54,
    fee: { quarterFeeFen: 250_000, basis: "annual_quarter", termDays: 92, quarterDays: 92, rule: STEPS, percent: 80, payableFen: 200_000, deductedFen: 50_000 },
  });
  // Q4: 250 000 + 3 = 250 003; total 70 → 90 %: 225 002.7 → 225 003 (half-up), deducted 25 000.
  expect(await finaliseAndFee(w, "2026-Q4", "2027-01-04")).toEqual({
    total: 70,
    fee: { quarterFeeFen: 250_003, basis: "annual_quarter", termDays: 92, quarterDays: 92, rule: STEPS, percent: 90, payableFen: 225_003, deductedFen: 25_000 },
  });
});

it("linear_below rule on the contract's own quarterly fee", async () => {
  const w = await makeScoresWorld(t.db, { quarterlyFeeFen: 12_345_600, paymentRule: LINEAR });
  // Minor cleanliness 1, fixed late ×1.5 = 1.5 → total 68.5 → below 90: 10 + 68.5 = 78.5 %.
  const f = await addFinding(t.db, w, { severity: "minor", foundOn: "2026-08-01", dueOn: "2026-08-03" });
  await fixFinding(t.db, w, f, "2026-08-06", "2026-08-07");
  // 12 345 600 × 78.5 % = 9 691 296 exactly; deducted 2 654 304.
  expect(await finaliseAndFee(w, "2026-Q3", "2026-10-05")).toEqual({
    total: 68.5,
    fee: { quarterFeeFen: 12_345_600, basis: "quarterly_fee", termDays: 92, quarterDays: 92, rule: LINEAR, percent: 78.5, payableFen: 9_691_296, deductedFen: 2_654_304 },
  });
});

it("a partial first quarter of a term pays its share by days", async () => {
  const w = await makeScoresWorld(t.db, { startOn: "2026-08-10", endOn: "2027-08-09", annualValueFen: 1_200_000_00, paymentRule: STEPS });
  // Q3 has 92 days; the term covers 10–31 August (22) and September (30): 52.
  // 30 000 000 × 52 ÷ 92 = 16 956 521.74 → 16 956 522; total 70 → 90 %: 15 260 869.8 → 15 260 870.
  expect(await finaliseAndFee(w, "2026-Q3", "2026-10-05")).toEqual({
    total: 70,
    fee: { quarterFeeFen: 16_956_522, basis: "partial_days", termDays: 52, quarterDays: 92, rule: STEPS, percent: 90, payableFen: 15_260_870, deductedFen: 1_695_652 },
  });
});

it("a partial last quarter of a term pays its share by days", async () => {
  const w = await makeScoresWorld(t.db, { startOn: "2025-11-21", endOn: "2026-11-20", annualValueFen: 1_200_000_00, paymentRule: STEPS });
  // Major safety 5, fixed in time → total 65 → 90 %.
  const f = await addFinding(t.db, w, { itemId: ITEM.safety, foundOn: "2026-11-02", dueOn: "2026-11-05" });
  await fixFinding(t.db, w, f, "2026-11-04", "2026-11-05");
  // Q4 has 92 days; the term covers October (31) and 1–20 November (20): 51.
  // 30 000 000 × 51 ÷ 92 = 16 630 434.78 → 16 630 435; × 90 % = 14 967 391.5 → 14 967 392 (half-up).
  expect(await finaliseAndFee(w, "2026-Q4", "2027-01-04")).toEqual({
    total: 65,
    fee: { quarterFeeFen: 16_630_435, basis: "partial_days", termDays: 51, quarterDays: 92, rule: STEPS, percent: 90, payableFen: 14_967_392, deductedFen: 1_663_043 },
  });
});

it("a vetoed quarter pays at most vetoPercent; without a vetoPercent it pays by its total", async () => {
  const capped = await makeScoresWorld(t.db, { paymentRule: STEPS });
  await confirmedVeto(capped, "2026-09-10");
  // Total 70 (points kept) would pay 90 %; the veto caps it at 70 %: 21 000 000 of 30 000 000.
  expect(await finaliseAndFee(capped, "2026-Q3", "2026-10-05")).toEqual({
    total: 70,
    fee: { quarterFeeFen: 30_000_000, basis: "annual_quarter", termDays: 92, quarterDays: 92, rule: STEPS, percent: 70, payableFen: 21_000_000, deductedFen: 9_000_000 },
  });
  const uncapped = await makeScoresWorld(t.db, { paymentRule: LINEAR });
  await confirmedVeto(uncapped, "2026-09-10");
  // linear_below without vetoPercent: 10 + 70 = 80 % → 24 000 000.
  expect(await finaliseAndFee(uncapped, "2026-Q3", "2026-10-05")).toEqual({
    total: 70,
    fee: { quarterFeeFen: 30_000_000, basis: "annual_quarter", termDays: 92, quarterDays: 92, rule: LINEAR, percent: 80, payableFen: 24_000_000, deductedFen: 6_000_000 },
  });
});
