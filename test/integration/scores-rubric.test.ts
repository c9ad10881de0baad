/**
 * One rubric per quarter (issue 11): the quarter's rubric is fixed when it is
 * first touched — here by creating its survey campaign, whose questionnaire is
 * that version's — and a later change of the contract's rubric version moves
 * neither the quarter's score nor its campaign; the next quarter, not yet
 * begun, takes the new version.
 */
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { recordFinding } from "../../db/queries/inspections/record";
import { quarterRubric } from "../../db/queries/quarter-rubric";
import { finaliseQuarter } from "../../db/queries/scores/finalise";
import { getQuarterScore } from "../../db/queries/scores/quarter";
import { createCampaign, submitResponse } from "../../db/queries/surveys";
import { contracts, quarterScores, surveyCampaigns } from "../../db/schema";
import type { Rubric } from "../../scoring/types";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeRubricVersion } from "../helpers/factories";
import { addFinding, ITEM, makeScoresWorld, scoresRubric, storedPhoto } from "../helpers/scores";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const GREENERY = "property.quality.greenery";

/** The next version: cleanliness costs double, a new item, a different questionnaire. */
function nextVersion(base: Rubric): Rubric {
  const r = scoresRubric(`${base.version}-b`);
  const quality = r.dimensions.find((d) => d.id === "quality")!;
  quality.items = quality.items.map((i) => (i.id === ITEM.cleanliness ? { ...i, deduction: { minor: 2, major: 6, critical: 16 } } : i));
  quality.items.push({ id: GREENERY, label: { "zh-CN": "绿化", en: "Greenery" }, deduction: { minor: 1, major: 2, critical: 4 } });
  r.questionnaire = [{ id: "speed", label: { "zh-CN": "响应速度", en: "Response speed" } }];
  return r;
}

it("the campaign fixes the quarter's rubric; a later change of the contract's version moves neither the score nor the campaign", async () => {
  const db = t.db;
  const w = await makeScoresWorld(db);
  const v1 = w.rubric;
  const contract = { id: w.contractId, serviceType: "property" as const, rubricVersionId: w.rubricVersionId };
  const v1Ref = { rubricVersionId: w.rubricVersionId, rubricId: v1.id, rubricVersion: v1.version };

  // Before anything touches Q3 it follows the contract's current version, not fixed.
  expect(await quarterRubric(db, { orgId: w.orgId, contract, period: "2026-Q3" })).toEqual({ rubric: v1, ref: v1Ref, fixed: false });
  const c = await createCampaign(db, w.ctx, { contractId: w.contractId, period: "2026-Q3", opensOn: "2026-09-01", closesOn: "2026-09-30", allowOpenLink: true, inviteCount: 0 });
  if (!c.ok) throw new Error(c.error);
  expect(await quarterRubric(db, { orgId: w.orgId, contract, period: "2026-Q3" })).toEqual({ rubric: v1, ref: v1Ref, fixed: true });
  const [campaignBefore] = await db.select().from(surveyCampaigns).where(eq(surveyCampaigns.id, c.campaignId));
  expect(campaignBefore).toMatchObject({ rubricId: v1.id, rubricVersion: v1.version, questionnaire: v1.questionnaire });
  await addFinding(db, w, { foundOn: "2026-09-05", dueOn: "2026-09-30", today: "2026-09-05" }); // major cleanliness: 3 under v1

  // The contract moves to v2.
  const v2 = nextVersion(v1);
  const v2Row = await makeRubricVersion(db, { orgId: w.orgId, createdBy: w.ctx.actorUserId!, rubric: v2, rubricId: v2.id, version: v2.version, status: "published" });
  await db.update(contracts).set({ rubricVersionId: v2Row.id }).where(eq(contracts.id, w.contractId));
  const moved = { ...contract, rubricVersionId: v2Row.id };

  // Q3 keeps v1: the score, the items a finding may use, the campaign and its questions.
  expect(await quarterRubric(db, { orgId: w.orgId, contract: moved, period: "2026-Q3" })).toEqual({ rubric: v1, ref: v1Ref, fixed: true });
  const q3 = await getQuarterScore(db, { orgId: w.orgId, contractId: w.contractId, period: "2026-Q3", today: "2026-09-10" });
  expect(q3?.rubric).toEqual(v1);
  expect(q3?.score).toMatchObject({ rubricId: v1.id, rubricVersion: v1.version });
  expect(q3?.score.dimensions.find((d) => d.id === "quality")).toMatchObject({ points: 67 });
  const site = await w.newSite();
  const greeneryIn = (foundOn: string) =>
    recordFinding(db, w.ctx, { kind: "spot", contractId: w.contractId, siteId: site, itemId: GREENERY, severity: "major", note: "草坪枯黄", foundOn, dueOn: foundOn, today: "2026-10-10", photos: [storedPhoto()] });
  expect(await greeneryIn("2026-09-06")).toEqual({ ok: false, error: "unknown_item" });
  expect(await submitResponse(db, { campaign: { token: c.openToken }, answers: { overall: 5, attitude: 5 }, today: "2026-09-10" })).toEqual({ ok: true });
  expect(await submitResponse(db, { campaign: { token: c.openToken }, answers: { speed: 5 }, today: "2026-09-10" })).toEqual({ ok: false, error: "invalid" });
  const [campaignAfter] = await db.select().from(surveyCampaigns).where(eq(surveyCampaigns.id, c.campaignId));
  expect({ ...campaignAfter }).toEqual({ ...campaignBefore });

  // Q4, not yet begun, takes v2.
  expect((await greeneryIn("2026-10-08")).ok).toBe(true);
  expect(await quarterRubric(db, { orgId: w.orgId, contract: moved, period: "2026-Q4" })).toEqual({
    rubric: v2,
    ref: { rubricVersionId: v2Row.id, rubricId: v2.id, rubricVersion: v2.version },
    fixed: true,
  });

  // Finalised, the snapshot holds the whole of v1.
  expect(await finaliseQuarter(db, w.ctx, { contractId: w.contractId, period: "2026-Q3", today: "2026-10-05", overrideReason: "申诉期内先行定级", provisionalJustification: "问卷不足" })).toMatchObject({ ok: true });
  const [snap] = await db.select().from(quarterScores).where(eq(quarterScores.contractId, w.contractId));
  expect(snap).toMatchObject({ rubricId: v1.id, rubricVersion: v1.version, rubric: v1 });
  const [row] = await db.all<{ v: string; id: string }>(sql`SELECT rubric_version AS v, rubric_version_id AS id FROM contract_quarters WHERE contract_id = ${w.contractId} AND period = '2026-Q3'`);
  expect(row).toEqual({ v: v1.version, id: w.rubricVersionId });
});
