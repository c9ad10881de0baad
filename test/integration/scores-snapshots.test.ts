/**
 * Every stored snapshot recomputes to identical output from its stored input
 * and rubric (issue 11): several quarters of different shapes are finalised
 * (findings in every cost kind and past the dimension's floor, repeats,
 * bonuses, vetoes, a released survey, the built-in default rubric, a partial
 * quarter, a revision 2), then for every row of quarter_scores
 * `scoreQuarter(row.rubric, row.input)` equals `row.output` and `feeOf` gives
 * `row.fee`.
 */
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { confirmVeto, recordBonus, recordVeto } from "../../db/queries/inspections/events";
import { recordFinding } from "../../db/queries/inspections/record";
import { withdrawFinding } from "../../db/queries/inspections/lifecycle";
import { feeOf } from "../../db/queries/scores/fee";
import { finaliseQuarter, reopenQuarter } from "../../db/queries/scores/finalise";
import { createCampaign, submitResponse } from "../../db/queries/surveys";
import { contracts, quarterScores } from "../../db/schema";
import { scoreQuarter } from "../../scoring/index";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeContract, makeContractSite, makeSite } from "../helpers/factories";
import { addFinding, fixFinding, ITEM, makeScoresWorld, storedPhoto, type ScoresWorld } from "../helpers/scores";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const JUSTIFY = "问卷不足";

async function finalise(w: Pick<ScoresWorld, "ctx" | "contractId">, period: string, today: string, extra: { overrideReason?: string } = {}) {
  const r = await finaliseQuarter(t.db, w.ctx, { contractId: w.contractId, period, today, overrideReason: "申诉期内先行定级", provisionalJustification: JUSTIFY, ...extra });
  expect(r, `${period}`).toMatchObject({ ok: true });
}

async function event(w: ScoresWorld, kind: "bonus" | "veto", occurredOn: string, confirm = false) {
  const input = { contractId: w.contractId, itemId: kind === "bonus" ? ITEM.bonus : ITEM.veto, note: kind, occurredOn, photos: [], today: occurredOn };
  const r = kind === "bonus" ? await recordBonus(t.db, w.ctx, input) : await recordVeto(t.db, w.ctx, input);
  if (!r.ok) throw new Error(r.error);
  if (confirm) expect((await confirmVeto(t.db, w.ctx2, { vetoId: r.id, role: "supervisor", today: occurredOn })).ok).toBe(true);
}

it("every stored snapshot recomputes to its stored output and fee", async () => {
  const db = t.db;
  const w = await makeScoresWorld(db, { annualValueFen: 987_654_321, paymentRule: { kind: "linear_below", threshold: 95, base: 5, vetoPercent: 60 } });

  // 2026-Q1: in time, late, overdue, open; a repeat; three bonuses (cap 5 → 2 + 2 + 1).
  const inTime = await addFinding(db, w, { foundOn: "2026-01-10", dueOn: "2026-01-15" });
  await fixFinding(db, w, inTime, "2026-01-14", "2026-01-16");
  const late = await addFinding(db, w, { itemId: ITEM.safety, severity: "minor", foundOn: "2026-02-01", dueOn: "2026-02-03" });
  await fixFinding(db, w, late, "2026-02-07", "2026-02-08");
  const site = await w.newSite();
  await addFinding(db, w, { itemId: ITEM.timeliness, foundOn: "2026-03-01", dueOn: "2026-03-03", siteId: site });
  await addFinding(db, w, { itemId: ITEM.timeliness, severity: "critical", foundOn: "2026-03-20", dueOn: "2026-04-15", siteId: site, today: "2026-03-25" });
  for (const day of ["2026-02-10", "2026-02-11", "2026-02-12"]) await event(w, "bonus", day);
  await finalise(w, "2026-Q1", "2026-04-02");

  // 2026-Q2: a confirmed veto and a pending one (finalised with an override); findings past the dimension's floor.
  await event(w, "veto", "2026-05-05", true);
  await event(w, "veto", "2026-05-06");
  for (const day of ["2026-04-10", "2026-04-11", "2026-04-12", "2026-04-13"]) {
    await addFinding(db, w, { itemId: ITEM.safety, severity: "critical", foundOn: day, dueOn: day });
  }
  await finalise(w, "2026-Q2", "2026-07-03", { overrideReason: "事故认定中" });

  // 2026-Q3: a survey of 13 respondents (released at 5, 10, and at close), mixed answers; revised as revision 2.
  const c = await createCampaign(db, w.ctx, { contractId: w.contractId, period: "2026-Q3", opensOn: "2026-09-01", closesOn: "2026-09-30", allowOpenLink: true, inviteCount: 0 });
  if (!c.ok) throw new Error(c.error);
  for (let i = 0; i < 13; i++) {
    const r = await submitResponse(db, { campaign: { token: c.openToken }, answers: { overall: 1 + (i % 5), attitude: 5 - (i % 3) }, today: "2026-09-10" });
    expect(r.ok).toBe(true);
  }
  const mistaken = await addFinding(db, w, { foundOn: "2026-09-20", dueOn: "2026-09-22" });
  await addFinding(db, w, { itemId: ITEM.safety, foundOn: "2026-09-21", dueOn: "2026-09-28" });
  await finalise(w, "2026-Q3", "2026-10-03");
  expect((await reopenQuarter(db, w.ctx, { contractId: w.contractId, period: "2026-Q3", reason: "误记" })).ok).toBe(true);
  expect((await withdrawFinding(db, w.ctx, { findingId: mistaken, reason: "误记", today: "2026-10-04" })).ok).toBe(true);
  await finalise(w, "2026-Q3", "2026-10-05");

  // Another contract on the built-in default rubric, with its own quarterly fee, in a partial first quarter.
  const other = await makeScoresWorld(db);
  const dflt = await makeContract(db, { orgId: other.orgId, serviceType: "property", startOn: "2026-08-20", endOn: "2027-08-19", quarterlyFeeFen: 3_333_333 });
  const dsite = await makeSite(db, { orgId: other.orgId });
  await makeContractSite(db, { orgId: other.orgId, contractId: dflt.id, siteId: dsite.id });
  const f = await recordFinding(db, other.ctx, {
    kind: "spot",
    contractId: dflt.id,
    siteId: dsite.id,
    itemId: "property.quality.cleaning-common-areas",
    severity: "major",
    note: "楼道垃圾",
    foundOn: "2026-09-01",
    dueOn: "2026-09-03",
    today: "2026-09-01",
    photos: [storedPhoto()],
  });
  expect(f.ok).toBe(true);
  await finalise({ ctx: other.ctx, contractId: dflt.id }, "2026-Q3", "2026-10-02");

  const rows = await db.select().from(quarterScores);
  expect(rows.map((r) => `${r.period}#${r.revision}`).sort()).toEqual(["2026-Q1#1", "2026-Q2#1", "2026-Q3#1", "2026-Q3#1", "2026-Q3#2"]);
  // The shapes are what they are meant to be (so the recomputation below covers them).
  const byKey = new Map(rows.map((r) => [`${r.contractId}:${r.period}#${r.revision}`, r]));
  expect(byKey.get(`${w.contractId}:2026-Q1#1`)!.output.bonus).toBe(5);
  expect(byKey.get(`${w.contractId}:2026-Q1#1`)!.input.findings.filter((x) => x.repeatOf)).toHaveLength(1);
  expect(byKey.get(`${w.contractId}:2026-Q2#1`)!.output).toMatchObject({ vetoed: true, grade: "fail" });
  expect(byKey.get(`${w.contractId}:2026-Q2#1`)!.output.dimensions.find((d) => d.id === "quality")!.points).toBe(0);
  expect(byKey.get(`${w.contractId}:2026-Q3#2`)!.output).toMatchObject({ provisional: false, satisfaction: { respondents: 13 } });
  expect(byKey.get(`${dflt.id}:2026-Q3#1`)!.rubric.id).toBe("property");
  expect(byKey.get(`${dflt.id}:2026-Q3#1`)!.fee.basis).toBe("partial_days");

  for (const row of rows) {
    const key = `${row.contractId}:${row.period}#${row.revision}`;
    // Through JSON as stored: nothing but the stored rubric and input.
    const recomputed = scoreQuarter(JSON.parse(JSON.stringify(row.rubric)), JSON.parse(JSON.stringify(row.input)));
    expect(recomputed, key).toEqual(row.output);
    expect(row.input.asOf, key).toBe(row.asOf);
    expect([row.total, row.grade, row.rubricId, row.rubricVersion], key).toEqual([recomputed.total, recomputed.grade, row.rubric.id, row.rubric.version]);
    const [contract] = await db.select().from(contracts).where(eq(contracts.id, row.contractId));
    expect(feeOf(contract!, row.period, recomputed), key).toEqual(row.fee);
  }
  // The raw stored text parses to the same output (no drizzle-side transformation hides a difference).
  const raw = await db.all<{ input: string; rubric: string; output: string }>(sql`SELECT input, rubric, output FROM quarter_scores`);
  for (const r of raw) expect(scoreQuarter(JSON.parse(r.rubric), JSON.parse(r.input))).toEqual(JSON.parse(r.output));
});
