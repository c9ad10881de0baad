/**
 * Organisation rubric versions in the database (issue 13): drafts copied from
 * a default or a version, saved exactly as sent, refused at the field
 * `validateRubric` names with nothing written, labels unique per type, removed
 * ids never reused, published versions never edited; publishing moves only
 * quarters that have not begun (every snapshot and every existing quarter's
 * rubric unchanged); the what-if's quarters.
 */
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { recordFinding } from "../../db/queries/inspections/record";
import { quarterRubric } from "../../db/queries/quarter-rubric";
import {
  contractRubricsInForce,
  createRubricDraft,
  deleteRubricDraft,
  getRubricVersion,
  listRubricVersions,
  publishRubricVersion,
  saveRubricDraft,
  whatIfQuarters,
} from "../../db/queries/rubrics";
import { finaliseQuarter, reopenQuarter } from "../../db/queries/scores/finalise";
import { contractQuarters, contracts, organisations, quarterScores, rubricVersions } from "../../db/schema";
import { defaultRubric } from "../../scoring/index";
import type { Rubric } from "../../scoring/types";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeContract, makeContractQuarter, makeContractSite, makeOrg, makeQuarterScore, makeSite } from "../helpers/factories";
import { addFinding, auditEntries, countRows, ITEM, makeScoresWorld, storedPhoto, type ScoresWorld } from "../helpers/scores";

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.cleanup();
});

const TABLES = ["rubric_versions", "contracts", "contract_quarters", "quarter_scores", "audit_log"] as const;
const GREENERY = "property.quality.greenery";

async function slugOf(db: Db, orgId: string): Promise<string> {
  const [org] = await db.select({ slug: organisations.slug }).from(organisations).where(eq(organisations.id, orgId));
  return org!.slug;
}

async function draftFrom(w: ScoresWorld, version: string, from: { kind: "default" } | { kind: "version"; id: string } = { kind: "version", id: w.rubricVersionId }) {
  const r = await createRubricDraft(t.db, w.ctx, { serviceType: "property", from, version });
  if (!r.ok) throw new Error(`createRubricDraft: ${r.error}`);
  const row = await getRubricVersion(t.db, { orgId: w.orgId, id: r.id });
  return { id: r.id, rubric: row!.rubric };
}

/** An edit the editor might send: an item renamed and repriced, one added, two reordered, a question added. */
function edited(r: Rubric): Rubric {
  const out = structuredClone(r);
  const quality = out.dimensions.find((d) => d.id === "quality")!;
  quality.items[0] = { ...quality.items[0]!, label: { "zh-CN": "公共区域保洁", en: "Common-area cleaning" }, deduction: { minor: 1.5, major: 4, critical: 9 } };
  quality.items.push({ id: GREENERY, label: { "zh-CN": "绿化", en: "Greenery" }, deduction: { minor: 1, major: 2, critical: 4 } });
  [quality.items[1], quality.items[2]] = [quality.items[2]!, quality.items[1]!];
  out.questionnaire.push({ id: "speed", label: { "zh-CN": "响应速度", en: "Response speed" } });
  out.bonusCap = 4;
  return out;
}

describe("drafts", () => {
  it("copies the built-in default under the organisation's own id and the admin's label", async () => {
    const w = await makeScoresWorld(t.db);
    const slug = await slugOf(t.db, w.orgId);
    const { id, rubric } = await draftFrom(w, "2027.1", { kind: "default" });
    const builtIn = defaultRubric("property");
    expect(rubric).toEqual({ ...builtIn, id: `property-${slug}`, version: "2027.1" });
    const row = await getRubricVersion(t.db, { orgId: w.orgId, id });
    expect(row).toMatchObject({ status: "draft", serviceType: "property", rubricId: `property-${slug}`, version: "2027.1", basedOn: `property@${builtIn.version}`, publishedAt: null, createdBy: w.ctx.actorUserId });
    const list = await listRubricVersions(t.db, { orgId: w.orgId, serviceType: "property" });
    expect(list.map((v) => v.id)).toEqual([id, w.rubricVersionId]);
    expect(list[0]!.createdByName).toEqual(expect.any(String));
    expect(await listRubricVersions(t.db, { orgId: w.orgId, serviceType: "catering" })).toEqual([]);
    expect((await auditEntries(t.db, w.orgId)).filter((e) => e.action === "rubric.draft_create")).toEqual([
      expect.objectContaining({ entityId: id, after: expect.objectContaining({ version: "2027.1", basedOn: `property@${builtIn.version}` }) }),
    ]);
  });

  it("copies one of the organisation's versions, recording which", async () => {
    const w = await makeScoresWorld(t.db);
    const { id, rubric } = await draftFrom(w, "2027.1");
    expect(rubric.dimensions).toEqual(w.rubric.dimensions);
    expect(rubric.questionnaire).toEqual(w.rubric.questionnaire);
    expect(rubric.repeatFactor).toBe(w.rubric.repeatFactor);
    expect((await getRubricVersion(t.db, { orgId: w.orgId, id }))?.basedOn).toBe(`${w.rubric.id}@${w.rubric.version}`);
  });

  it("saves the rubric exactly as sent, and its new label", async () => {
    const w = await makeScoresWorld(t.db);
    const { id, rubric } = await draftFrom(w, "2027.1");
    const next = { ...edited(rubric), version: "2027.1-b" };
    expect(await saveRubricDraft(t.db, w.ctx, { id, version: "2027.1-b", rubric: next })).toEqual({ ok: true });
    const row = await getRubricVersion(t.db, { orgId: w.orgId, id });
    expect(row?.rubric).toEqual(next);
    expect(JSON.stringify(row?.rubric)).toBe(JSON.stringify(next));
    expect(row?.version).toBe("2027.1-b");
    // Saving it again unchanged writes nothing.
    const before = await countRows(t.db, TABLES);
    expect(await saveRubricDraft(t.db, w.ctx, { id, version: "2027.1-b", rubric: row!.rubric })).toEqual({ ok: true });
    expect(await countRows(t.db, TABLES)).toEqual(before);
    expect((await auditEntries(t.db, w.orgId)).filter((e) => e.action === "rubric.draft_save").map((e) => e.entityId)).toEqual([id]);
  });

  it("refuses bad input at the field validateRubric names, writing nothing", async () => {
    const w = await makeScoresWorld(t.db);
    const { id, rubric } = await draftFrom(w, "2027.1");
    const cases: [string, (r: Rubric) => void, string][] = [
      ["dimensions summing to 99", (r) => void (r.dimensions[0]!.max = 69), "dimensions"],
      ["a negative deduction", (r) => void (r.dimensions[0]!.items[1]!.deduction.major = -1), "dimensions[0].items[1].deduction.major"],
      ["an empty label", (r) => void (r.dimensions[0]!.items[2]!.label["zh-CN"] = ""), "dimensions[0].items[2].label.zh-CN"],
      ["a duplicated item id", (r) => void (r.dimensions[0]!.items[1]!.id = r.dimensions[0]!.items[0]!.id), "dimensions[0].items[1].id"],
      ["grade bands out of order", (r) => void (r.gradeBands[1]!.min = 95), "gradeBands[1].min"],
      ["a repeat factor below 1", (r) => void (r.repeatFactor = 0.9), "repeatFactor"],
      ["another service type", (r) => void (r.serviceType = "catering"), "dimensions[0].items[0].id"],
    ];
    const before = await countRows(t.db, TABLES);
    const audit = await auditEntries(t.db, w.orgId);
    for (const [name, spoil, path] of cases) {
      const bad = structuredClone(rubric);
      spoil(bad);
      expect(await saveRubricDraft(t.db, w.ctx, { id, version: "2027.1", rubric: bad }), name).toEqual({ ok: false, error: "invalid", path, message: expect.stringContaining(path) });
    }
    expect(await saveRubricDraft(t.db, w.ctx, { id, version: "", rubric })).toMatchObject({ ok: false, error: "invalid", path: "version" });
    expect(await saveRubricDraft(t.db, w.ctx, { id, version: "x".repeat(21), rubric })).toMatchObject({ ok: false, error: "invalid", path: "version" });
    expect(await saveRubricDraft(t.db, w.ctx, { id, version: "2027.1", rubric: "not a rubric" })).toMatchObject({ ok: false, error: "invalid", path: "" });
    expect(await countRows(t.db, TABLES)).toEqual(before);
    expect(await auditEntries(t.db, w.orgId)).toEqual(audit);
    expect((await getRubricVersion(t.db, { orgId: w.orgId, id }))?.rubric).toEqual(rubric);
  });

  it("never lets a removed id come back", async () => {
    const w = await makeScoresWorld(t.db);
    // 2027.1 removes safety and is published.
    const first = await draftFrom(w, "2027.1");
    const without = structuredClone(first.rubric);
    without.dimensions[0]!.items = without.dimensions[0]!.items.filter((i) => i.id !== ITEM.safety);
    expect(await saveRubricDraft(t.db, w.ctx, { id: first.id, version: "2027.1", rubric: without })).toEqual({ ok: true });
    expect(await publishRubricVersion(t.db, w.ctx, { id: first.id, today: "2026-05-20" })).toMatchObject({ ok: true });
    // 2027.2, copied from it, may not bring safety back — nor take an id of the built-in default.
    const second = await draftFrom(w, "2027.2", { kind: "version", id: first.id });
    const before = await countRows(t.db, TABLES);
    const back = structuredClone(second.rubric);
    back.dimensions[0]!.items.push(w.rubric.dimensions[0]!.items.find((i) => i.id === ITEM.safety)!);
    expect(await saveRubricDraft(t.db, w.ctx, { id: second.id, version: "2027.2", rubric: back })).toEqual({ ok: false, error: "reused_id", path: "dimensions[0].items[2].id" });
    const taken = structuredClone(second.rubric);
    taken.bonusItems.push({ id: defaultRubric("property").bonusItems[0]!.id, label: { "zh-CN": "奖励", en: "Bonus" }, points: 1 });
    expect(await saveRubricDraft(t.db, w.ctx, { id: second.id, version: "2027.2", rubric: taken })).toEqual({ ok: false, error: "reused_id", path: "bonusItems[1].id" });
    expect(await countRows(t.db, TABLES)).toEqual(before);
    // Kept ids and new ones are fine.
    const fine = structuredClone(second.rubric);
    fine.dimensions[0]!.items.push({ id: "property.quality.x7k2", label: { "zh-CN": "新项", en: "New item" }, deduction: { minor: 1, major: 2, critical: 3 } });
    expect(await saveRubricDraft(t.db, w.ctx, { id: second.id, version: "2027.2", rubric: fine })).toEqual({ ok: true });
  });

  it("keeps labels unique per organisation and service type", async () => {
    const w = await makeScoresWorld(t.db);
    expect(await createRubricDraft(t.db, w.ctx, { serviceType: "property", from: { kind: "default" }, version: w.rubric.version })).toEqual({ ok: false, error: "version_taken" });
    const a = await draftFrom(w, "2027.1");
    const b = await draftFrom(w, "2027.2");
    expect(await saveRubricDraft(t.db, w.ctx, { id: b.id, version: "2027.1", rubric: b.rubric })).toEqual({ ok: false, error: "version_taken" });
    // The same label for another type, or in another organisation, is fine.
    expect((await createRubricDraft(t.db, w.ctx, { serviceType: "catering", from: { kind: "default" }, version: "2027.1" })).ok).toBe(true);
    const other = await makeScoresWorld(t.db);
    expect((await createRubricDraft(t.db, other.ctx, { serviceType: "property", from: { kind: "default" }, version: "2027.1" })).ok).toBe(true);
    expect((await getRubricVersion(t.db, { orgId: w.orgId, id: a.id }))?.version).toBe("2027.1");
    // Invalid labels.
    for (const version of ["", " 2027", "x".repeat(21), "a\u200bb"]) {
      expect(await createRubricDraft(t.db, w.ctx, { serviceType: "property", from: { kind: "default" }, version }), version).toEqual({ ok: false, error: "invalid" });
    }
  });

  it("never edits or deletes a published version", async () => {
    const w = await makeScoresWorld(t.db);
    const before = await countRows(t.db, TABLES);
    expect(await saveRubricDraft(t.db, w.ctx, { id: w.rubricVersionId, version: w.rubric.version, rubric: edited(w.rubric) })).toEqual({ ok: false, error: "not_draft" });
    expect(await deleteRubricDraft(t.db, w.ctx, { id: w.rubricVersionId })).toEqual({ ok: false, error: "not_draft" });
    expect(await countRows(t.db, TABLES)).toEqual(before);
    const d = await draftFrom(w, "2027.1");
    expect(await deleteRubricDraft(t.db, w.ctx, { id: d.id })).toEqual({ ok: true });
    expect(await getRubricVersion(t.db, { orgId: w.orgId, id: d.id })).toBeNull();
    expect((await auditEntries(t.db, w.orgId)).map((e) => e.action)).toContain("rubric.draft_delete");
  });

  it("finds nothing of another organisation", async () => {
    const w = await makeScoresWorld(t.db);
    const other = await makeScoresWorld(t.db);
    const mine = await draftFrom(w, "2027.1");
    const before = await countRows(t.db, TABLES);
    expect(await getRubricVersion(t.db, { orgId: other.orgId, id: mine.id })).toBeNull();
    expect(await createRubricDraft(t.db, other.ctx, { serviceType: "property", from: { kind: "version", id: mine.id }, version: "x" })).toEqual({ ok: false, error: "not_found" });
    expect(await saveRubricDraft(t.db, other.ctx, { id: mine.id, version: "x", rubric: mine.rubric })).toEqual({ ok: false, error: "not_found" });
    expect(await deleteRubricDraft(t.db, other.ctx, { id: mine.id })).toEqual({ ok: false, error: "not_found" });
    expect(await publishRubricVersion(t.db, other.ctx, { id: mine.id, today: "2026-05-20" })).toEqual({ ok: false, error: "not_found" });
    // Its own version onto my contract.
    expect(await publishRubricVersion(t.db, other.ctx, { id: other.rubricVersionId, contractIds: [w.contractId], today: "2026-05-20" })).toEqual({ ok: false, error: "not_found" });
    expect(await countRows(t.db, TABLES)).toEqual(before);
  });
});

describe("publishing", () => {
  async function setting() {
    const db = t.db;
    const w = await makeScoresWorld(db);
    // 2026-Q1 finalised, 2026-Q2 running (a finding fixed its rubric).
    await addFinding(db, w, { foundOn: "2026-02-10", dueOn: "2026-02-20" });
    expect((await finaliseQuarter(db, w.ctx, { contractId: w.contractId, period: "2026-Q1", today: "2026-04-03", overrideReason: "申诉期内先行定级", provisionalJustification: "问卷不足" })).ok).toBe(true);
    await addFinding(db, w, { foundOn: "2026-05-10", dueOn: "2026-06-30", today: "2026-05-10" });
    // A second property contract on the built-in default, nothing recorded yet; a catering one.
    const onDefault = await makeContract(db, { orgId: w.orgId, serviceType: "property", startOn: "2025-10-01", endOn: "2027-09-30" });
    const catering = await makeContract(db, { orgId: w.orgId, serviceType: "catering" });
    const ended = await makeContract(db, { orgId: w.orgId, serviceType: "property", startOn: "2025-01-01", endOn: "2026-06-30" });
    const draft = await draftFrom(w, "2026.9");
    const next = edited(draft.rubric);
    expect(await saveRubricDraft(db, w.ctx, { id: draft.id, version: "2026.9", rubric: next })).toEqual({ ok: true });
    return { w, onDefault, catering, ended, draftId: draft.id, next };
  }

  const allRows = (table: "quarter_scores" | "contract_quarters") => t.db.all<Record<string, unknown>>(sql.raw(`SELECT * FROM ${table} ORDER BY id`));

  it("applies from the next quarter; no snapshot and no begun quarter changes", async () => {
    const db = t.db;
    const { w, onDefault, catering, ended, draftId, next } = await setting();
    const snapshots = await allRows("quarter_scores");
    const quarters = await allRows("contract_quarters");
    expect(snapshots.length).toBe(1);

    const r = await publishRubricVersion(db, w.ctx, { id: draftId, today: "2026-05-20" });
    expect(r).toEqual({ ok: true, fromPeriod: "2026-Q3", contracts: 2, retired: [w.rubricVersionId] });

    // Every snapshot byte-identical; every quarter row that existed unchanged.
    expect(await allRows("quarter_scores")).toEqual(snapshots);
    const after = await allRows("contract_quarters");
    for (const row of quarters) expect(after.find((a) => a.id === row.id)).toEqual(row);
    // The contract on the default had its quarters up to today's fixed with the default.
    const builtIn = defaultRubric("property");
    const opened = after.filter((a) => !quarters.some((q) => q.id === a.id));
    expect(opened.map((q) => [q.contract_id, q.period, q.status, q.rubric_version_id, q.rubric_id, q.rubric_version]).sort()).toEqual(
      ["2025-Q4", "2026-Q1", "2026-Q2"].map((p) => [onDefault.id, p, "open", null, builtIn.id, builtIn.version]),
    );

    const [moved] = await db.select().from(contracts).where(eq(contracts.id, w.contractId));
    expect(moved).toMatchObject({ rubricVersionId: draftId, rubricFromPeriod: "2026-Q3" });
    for (const c of [catering, ended]) {
      const [row] = await db.select().from(contracts).where(eq(contracts.id, c.id));
      expect(row).toMatchObject({ rubricVersionId: null, rubricFromPeriod: null });
    }
    const [published] = await db.select().from(rubricVersions).where(eq(rubricVersions.id, draftId));
    expect(published).toMatchObject({ status: "published", publishedAt: expect.any(String) });
    const [old] = await db.select().from(rubricVersions).where(eq(rubricVersions.id, w.rubricVersionId));
    expect(old?.status).toBe("retired");

    // Q2 keeps the old version; Q3, touched after publishing, takes the new one.
    const contract = { id: w.contractId, serviceType: "property" as const, rubricVersionId: draftId };
    expect(await quarterRubric(db, { orgId: w.orgId, contract, period: "2026-Q2" })).toMatchObject({ ref: { rubricVersionId: w.rubricVersionId }, fixed: true });
    expect(await quarterRubric(db, { orgId: w.orgId, contract, period: "2026-Q3" })).toMatchObject({ rubric: next, ref: { rubricVersionId: draftId }, fixed: false });
    const defaultQ2 = await quarterRubric(db, { orgId: w.orgId, contract: { id: onDefault.id, serviceType: "property", rubricVersionId: draftId }, period: "2026-Q2" });
    expect(defaultQ2).toMatchObject({ ref: { rubricVersionId: null, rubricId: builtIn.id }, fixed: true });
    const site = await makeSite(db, { orgId: w.orgId });
    await makeContractSite(db, { orgId: w.orgId, contractId: w.contractId, siteId: site.id });
    const greenery = (foundOn: string) =>
      recordFinding(db, w.ctx, { kind: "spot", contractId: w.contractId, siteId: site.id, itemId: GREENERY, severity: "major", note: "草坪枯黄", foundOn, dueOn: foundOn, today: "2026-07-05", photos: [storedPhoto()] });
    expect(await greenery("2026-06-20")).toEqual({ ok: false, error: "unknown_item" });
    expect((await greenery("2026-07-02")).ok).toBe(true);
    const [q3] = await db.select().from(contractQuarters).where(eq(contractQuarters.period, "2026-Q3"));
    expect(q3).toMatchObject({ contractId: w.contractId, rubricVersionId: draftId, rubricVersion: "2026.9" });

    // Audited: each contract moved, the publication, the retirement.
    const actions = (await auditEntries(db, w.orgId)).map((e) => e.action);
    expect(actions.filter((a) => ["contract.rubric", "rubric.publish", "rubric.retire"].includes(a))).toEqual(["contract.rubric", "contract.rubric", "rubric.publish", "rubric.retire"]);

    // The per-contract view.
    const inForce = await contractRubricsInForce(db, { orgId: w.orgId, serviceType: "property" });
    expect(inForce.find((c) => c.contractId === w.contractId)).toMatchObject({ rubricVersionId: draftId, rubricLabel: "2026.9", fromPeriod: "2026-Q3" });
    expect(inForce.find((c) => c.contractId === ended.id)).toMatchObject({ rubricVersionId: null, rubricLabel: `${builtIn.id}@${builtIn.version}`, fromPeriod: null });
    expect((await contractRubricsInForce(db, { orgId: w.orgId })).map((c) => c.contractId)).toContain(catering.id);
  });

  it("publishes to the chosen contracts only, and refuses one it cannot apply to", async () => {
    const db = t.db;
    const { w, onDefault, catering, ended, draftId } = await setting();
    const before = await countRows(db, TABLES);
    expect(await publishRubricVersion(db, w.ctx, { id: draftId, contractIds: [onDefault.id, catering.id], today: "2026-05-20" })).toEqual({ ok: false, error: "ineligible_contract" });
    expect(await publishRubricVersion(db, w.ctx, { id: draftId, contractIds: [ended.id], today: "2026-05-20" })).toEqual({ ok: false, error: "ineligible_contract" });
    expect(await countRows(db, TABLES)).toEqual(before);
    expect(await publishRubricVersion(db, w.ctx, { id: draftId, contractIds: [onDefault.id], today: "2026-05-20" })).toEqual({ ok: true, fromPeriod: "2026-Q3", contracts: 1, retired: [] });
    const [still] = await db.select().from(contracts).where(eq(contracts.id, w.contractId));
    expect(still).toMatchObject({ rubricVersionId: w.rubricVersionId, rubricFromPeriod: null });
    // Published again to the rest: the old version is then on no contract and retires.
    expect(await publishRubricVersion(db, w.ctx, { id: draftId, contractIds: [w.contractId], today: "2026-05-21" })).toEqual({ ok: true, fromPeriod: "2026-Q3", contracts: 1, retired: [w.rubricVersionId] });
    expect(await publishRubricVersion(db, w.ctx, { id: w.rubricVersionId, today: "2026-05-21" })).toEqual({ ok: false, error: "not_draft" });
  });
});

describe("the what-if's quarters", () => {
  it("the latest revision of every finalised quarter of the type, with its stored input", async () => {
    const db = t.db;
    const w = await makeScoresWorld(db);
    await addFinding(db, w, { foundOn: "2026-02-10", dueOn: "2026-02-20" });
    const finalise = (period: string, today: string) => finaliseQuarter(db, w.ctx, { contractId: w.contractId, period, today, overrideReason: "申诉期内先行定级", provisionalJustification: "问卷不足" });
    expect((await finalise("2026-Q1", "2026-04-03")).ok).toBe(true);
    expect((await finalise("2026-Q2", "2026-07-03")).ok).toBe(true);
    expect((await reopenQuarter(db, w.ctx, { contractId: w.contractId, period: "2026-Q1", reason: "更正" })).ok).toBe(true);
    expect((await finalise("2026-Q1", "2026-07-04")).ok).toBe(true);
    expect((await reopenQuarter(db, w.ctx, { contractId: w.contractId, period: "2026-Q2", reason: "复核" })).ok).toBe(true);
    // Another type's finalised quarter is not listed.
    const cat = await makeContract(db, { orgId: w.orgId, serviceType: "catering" });
    await makeContractQuarter(db, { orgId: w.orgId, contractId: cat.id, period: "2026-Q1", status: "finalised", revision: 1 });
    await makeQuarterScore(db, { orgId: w.orgId, contractId: cat.id, period: "2026-Q1", createdBy: w.ctx.actorUserId! });

    const rows = await whatIfQuarters(db, { orgId: w.orgId, serviceType: "property" });
    const snaps = await db.select().from(quarterScores).where(eq(quarterScores.contractId, w.contractId));
    const latest = (period: string) => snaps.filter((s) => s.period === period).sort((a, b) => b.revision - a.revision)[0]!;
    expect(rows).toEqual(
      ["2026-Q1", "2026-Q2"].map((period) => {
        const s = latest(period);
        return { contractId: w.contractId, period, input: s.input, finalised: { total: s.total, grade: s.grade, vetoed: s.vetoed, provisional: s.provisional } };
      }),
    );
    expect(latest("2026-Q1").revision).toBe(2);
    expect((await whatIfQuarters(db, { orgId: w.orgId, serviceType: "catering" })).map((r) => r.contractId)).toEqual([cat.id]);
    const other = await makeOrg(db);
    expect(await whatIfQuarters(db, { orgId: other.id, serviceType: "property" })).toEqual([]);
  });
});
