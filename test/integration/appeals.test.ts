/**
 * Appeals against a real libSQL file (db/queries/appeals): filing inside the
 * window and every refusal writing nothing (after the window, a finalised
 * quarter, another contractor's finding in the same organisation, twice, a
 * forged id), deciding (upheld: the score rises by exactly the finding's
 * deduction or by the severity's difference; the repeat re-check; dismissed:
 * the score stays), the quarter lock on decisions, and the finalise block.
 */
import { getTableName, sql } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { newId } from "../../db/ids";
import { appealsOfQuarter, decideAppeal, fileAppeal, getAppeal, listAppeals, type DecideAppealInput, type FileAppealInput } from "../../db/queries/appeals";
import { finaliseQuarter, reopenQuarter } from "../../db/queries/scores/finalise";
import { finaliseBlocks } from "../../db/queries/scores/quarter";
import { buildQuarterInput } from "../../db/queries/scores/input";
import { scoreQuarter } from "../../scoring/index";
import type { WriteContext } from "../../db/queries/context";
import type { StoredPhotoMeta } from "../../db/queries/inspections/shared";
import * as schema from "../../db/schema";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeContract, makeContractor, makeContractQuarter, makeFinding, makeMembership, makeOrg, makeUser, makeVetoEvent } from "../helpers/factories";

let t: TestDb;
let db: Db;
let orgId: string;
/** The supervisor (records and decides). */
let sup: WriteContext;
/** The person of contractor X (files). */
let siteX: WriteContext;
let contractorX: string;
let contractorY: string;
let contractX: string;
let contractY: string;

beforeEach(async () => {
  t = await createTestDb();
  db = t.db;
  orgId = (await makeOrg(db)).id;
  const [s, px] = [await makeUser(db, { name: "王监督" }), await makeUser(db, { name: "李现场" })];
  contractorX = (await makeContractor(db, { orgId })).id;
  contractorY = (await makeContractor(db, { orgId })).id;
  await makeMembership(db, { orgId, userId: s.id, role: "supervisor" });
  await makeMembership(db, { orgId, userId: px.id, role: "contractor", contractorId: contractorX });
  sup = { orgId, actorUserId: s.id };
  siteX = { orgId, actorUserId: px.id };
  contractX = (await makeContract(db, { orgId, contractorId: contractorX })).id;
  contractY = (await makeContract(db, { orgId, contractorId: contractorY })).id;
});
afterEach(async () => t?.cleanup());

/** An open finding of contract X found 2026-09-20, due 2026-10-30 (not late when scored; 2026-Q3, whose window closes 2026-10-13 with the default 5 days). */
const finding = (o: Partial<schema.NewFinding> = {}) =>
  makeFinding(db, { orgId, contractId: contractX, createdBy: sup.actorUserId!, period: "2026-Q3", itemId: ITEM, foundOn: "2026-09-20", dueOn: "2026-10-30", severity: "major", ...o });
const ITEM = "property.quality.cleaning-common-areas";
const OTHER_ITEM = "property.quality.waste-sorting";

function photos(n: number): StoredPhotoMeta[] {
  return Array.from({ length: n }, () => {
    const id = newId();
    return { storageKey: `${orgId}/${id}.jpg`, thumbKey: `${orgId}/${id}.thumb.jpg`, mimeType: "image/jpeg", bytes: 2048, width: 1600, height: 1200, sha256: "b".repeat(64) };
  });
}

const file = (findingId: string, o: Partial<FileAppealInput> = {}, ctx = siteX) =>
  fileAppeal(db, ctx, { contractorId: contractorX, target: "finding", findingId, reason: "当日已清理，照片为证", photos: [], today: "2026-10-09", ...o });

const tables = (Object.values(schema) as unknown[]).filter((v): v is SQLiteTable => v instanceof SQLiteTable);
async function snapshot(): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const table of tables) out[getTableName(table)] = await db.all(sql.raw(`SELECT * FROM "${getTableName(table)}" ORDER BY 1`));
  return JSON.stringify(out);
}
const audits = (action: string) => db.all<{ action: string; after: string }>(sql`SELECT action, after FROM audit_log WHERE action = ${action}`);

describe("fileAppeal", () => {
  it("files an appeal with its evidence, a finding event and the audit entry in one batch", async () => {
    const f = await finding();
    const r = await file(f.id, { photos: photos(2) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [a] = await db.select().from(schema.appeals).where(sql`id = ${r.appealId}`);
    expect(a).toMatchObject({ orgId, contractId: contractX, contractorId: contractorX, period: "2026-Q3", target: "finding", findingId: f.id, status: "pending", filedOn: "2026-10-09", filedBy: siteX.actorUserId, decidedAt: null });
    expect(await db.all(sql`SELECT count(*) AS n FROM evidence_files WHERE appeal_id = ${r.appealId}`)).toEqual([{ n: 2 }]);
    expect(await db.all(sql`SELECT kind, note FROM finding_events WHERE finding_id = ${f.id}`)).toEqual([{ kind: "appeal_filed", note: "当日已清理，照片为证" }]);
    expect(await audits("appeal.file")).toHaveLength(1);
  });

  it("takes an appeal on the window's last day (2026-10-13: National Day and its make-up days counted) and refuses it the day after, writing nothing", async () => {
    const f = await finding();
    const before = await snapshot();
    expect(await file(f.id, { today: "2026-10-14" })).toEqual({ ok: false, error: "window_closed" });
    expect(await snapshot()).toBe(before);
    expect((await file(f.id, { today: "2026-10-13" })).ok).toBe(true);
  });

  it("refuses a finalised quarter inside the window: nothing written but the refusal's audit row", async () => {
    const f = await finding();
    await makeContractQuarter(db, { orgId, contractId: contractX, period: "2026-Q3", status: "finalised" });
    const count = async () => db.all(sql`SELECT (SELECT count(*) FROM appeals) + (SELECT count(*) FROM finding_events) + (SELECT count(*) FROM evidence_files) AS n`);
    const before = await count();
    expect(await file(f.id, { photos: photos(1) })).toEqual({ ok: false, error: "quarter_finalised" });
    expect(await count()).toEqual(before);
    expect(await audits("appeal.file.refused")).toHaveLength(1);
  });

  it("another contractor's finding or veto in the same organisation is not_found, like a forged or unknown id, and writes nothing", async () => {
    const theirs = await makeFinding(db, { orgId, contractId: contractY, createdBy: sup.actorUserId!, foundOn: "2026-09-20", dueOn: "2026-09-25" });
    const theirVeto = await makeVetoEvent(db, { orgId, contractId: contractY, recordedBy: sup.actorUserId!, occurredOn: "2026-09-20" });
    const before = await snapshot();
    expect(await file(theirs.id)).toEqual({ ok: false, error: "not_found" });
    // Both ids at once is malformed, whoever's they are.
    expect(await file(theirs.id, { target: "veto", vetoEventId: theirVeto.id })).toEqual({ ok: false, error: "invalid" });
    expect(await fileAppeal(db, siteX, { contractorId: contractorX, target: "veto", vetoEventId: theirVeto.id, reason: "不是我们", photos: [], today: "2026-10-09" })).toEqual({ ok: false, error: "not_found" });
    expect(await file("no-such-finding")).toEqual({ ok: false, error: "not_found" });
    expect(await file("' OR 1=1 --")).toEqual({ ok: false, error: "not_found" });
    expect(await snapshot()).toBe(before);
  });

  it("refuses a second appeal on the same finding and target, and two at once write one", async () => {
    const f = await finding({ repeatOfId: (await finding({ foundOn: "2026-09-01", dueOn: "2026-09-05" })).id });
    const [r1, r2] = await Promise.all([file(f.id), file(f.id)]);
    expect([r1.ok, r2.ok].sort()).toEqual([false, true]);
    expect([r1, r2].find((r) => !r.ok)).toEqual({ ok: false, error: "already_appealed" });
    const before = await snapshot();
    expect(await file(f.id)).toEqual({ ok: false, error: "already_appealed" });
    expect(await snapshot()).toBe(before);
    // Its repeat mark is a separate target.
    expect((await file(f.id, { target: "repeat" })).ok).toBe(true);
  });

  it("refuses what has nothing to contest, bad input and too many photos, writing nothing", async () => {
    const withdrawn = await finding({ status: "withdrawn", withdrawnReason: "录错" });
    const plain = await finding();
    const before = await snapshot();
    expect(await file(withdrawn.id)).toEqual({ ok: false, error: "not_appealable" });
    expect(await file(plain.id, { target: "repeat" })).toEqual({ ok: false, error: "not_appealable" });
    expect(await file(plain.id, { today: "2026-09-19" })).toEqual({ ok: false, error: "not_appealable" });
    expect(await file(plain.id, { reason: "  " })).toEqual({ ok: false, error: "invalid" });
    expect(await file(plain.id, { reason: "长".repeat(1001) })).toEqual({ ok: false, error: "invalid" });
    expect(await file(plain.id, { today: "2026-13-01" })).toEqual({ ok: false, error: "invalid" });
    expect(await file(plain.id, { target: "bogus" as never })).toEqual({ ok: false, error: "invalid" });
    expect(await file(plain.id, { photos: photos(11) })).toEqual({ ok: false, error: "too_many_photos" });
    expect(await file(plain.id, {}, { orgId, actorUserId: null })).toEqual({ ok: false, error: "invalid" });
    expect(await snapshot()).toBe(before);
  });

  it("takes a veto appeal with no finding event", async () => {
    const v = await makeVetoEvent(db, { orgId, contractId: contractX, recordedBy: sup.actorUserId!, occurredOn: "2026-09-20" });
    const r = await fileAppeal(db, siteX, { contractorId: contractorX, target: "veto", vetoEventId: v.id, reason: "事故由业主设备引起", photos: [], today: "2026-09-21" });
    expect(r.ok).toBe(true);
    expect(await db.all(sql`SELECT count(*) AS n FROM finding_events`)).toEqual([{ n: 0 }]);
  });
});

/** The quarter's total and the points the finding cost, through the scoring module. */
async function scoreOf(findingId?: string) {
  const built = (await buildQuarterInput(db, { orgId, contractId: contractX, period: "2026-Q3", asOf: "2026-10-09" }))!;
  const score = scoreQuarter(built.rubric, built.input);
  const deduction = score.dimensions.flatMap((d) => d.deductions).find((d) => d.findingId === findingId);
  const item = built.rubric.dimensions.flatMap((d) => d.items).find((i) => i.id === ITEM)!;
  return { total: score.total, points: deduction?.points ?? 0, item };
}

async function filed(findingId: string, target: "finding" | "repeat" = "finding") {
  const r = await file(findingId, { target });
  if (!r.ok) throw new Error(r.error);
  return r.appealId;
}
const decide = (appealId: string, o: Partial<DecideAppealInput> = {}, ctx = sup) =>
  decideAppeal(db, ctx, { appealId, decision: "uphold", reason: "复核照片属实", today: "2026-10-10", ...o });
const appealRow = async (id: string) => (await db.select().from(schema.appeals).where(sql`id = ${id}`))[0]!;
const findingRow = async (id: string) => (await db.select().from(schema.findings).where(sql`id = ${id}`))[0]!;

describe("decideAppeal", () => {
  it("upheld, the finding is withdrawn: the total rises by exactly its deduction, with events and the audit entry", async () => {
    const f = await finding();
    const before = await scoreOf(f.id);
    expect(before.points).toBe(before.item.deduction.major);
    expect(before.points).toBeGreaterThan(0);
    const id = await filed(f.id);
    const r = await decide(id);
    expect(r).toEqual({ ok: true, outcome: "finding_withdrawn", recheckedRepeats: 0, lockedRepeats: [] });
    const after = await scoreOf(f.id);
    expect(after.total).toBeCloseTo(before.total + before.points, 5);
    expect(await findingRow(f.id)).toMatchObject({ status: "withdrawn", withdrawnReason: "申诉成立：复核照片属实" });
    expect(await appealRow(id)).toMatchObject({ status: "upheld", outcome: "finding_withdrawn", decisionReason: "复核照片属实", decidedBy: sup.actorUserId, decidedOn: "2026-10-10" });
    const kinds = await db.all<{ kind: string }>(sql`SELECT kind FROM finding_events WHERE finding_id = ${f.id} ORDER BY kind`);
    expect(kinds.map((k) => k.kind)).toEqual(["appeal_filed", "appeal_upheld", "withdrawn"]);
    expect(await audits("appeal.decide")).toHaveLength(1);
  });

  it("upheld with a lower severity: the finding costs the smaller deduction, and only a milder severity is taken", async () => {
    const f = await finding({ severity: "major" });
    const before = await scoreOf(f.id);
    const id = await filed(f.id);
    const snap = await snapshot();
    expect(await decide(id, { severityTo: "critical" })).toEqual({ ok: false, error: "invalid" });
    expect(await decide(id, { severityTo: "major" })).toEqual({ ok: false, error: "invalid" });
    expect(await decide(id, { decision: "dismiss", severityTo: "minor" })).toEqual({ ok: false, error: "invalid" });
    expect(await snapshot()).toBe(snap);
    expect((await decide(id, { severityTo: "minor" })).ok).toBe(true);
    const after = await scoreOf(f.id);
    expect(after.points).toBe(before.item.deduction.minor);
    expect(after.total).toBeCloseTo(before.total + before.item.deduction.major - before.item.deduction.minor, 5);
    expect(await findingRow(f.id)).toMatchObject({ severity: "minor", status: "open" });
    expect(await appealRow(id)).toMatchObject({ outcome: "severity_lowered", severityFrom: "major", severityTo: "minor" });
  });

  it("dismissed: the score stays, the reason is kept and an appeal_dismissed event written", async () => {
    const f = await finding();
    const before = await scoreOf(f.id);
    const id = await filed(f.id);
    expect(await decide(id, { decision: "dismiss", reason: "照片拍摄于整改期限之后" })).toMatchObject({ ok: true, outcome: null });
    expect((await scoreOf(f.id)).total).toBe(before.total);
    expect(await appealRow(id)).toMatchObject({ status: "dismissed", outcome: null, decisionReason: "照片拍摄于整改期限之后" });
    expect(await db.all(sql`SELECT note FROM finding_events WHERE finding_id = ${f.id} AND kind = 'appeal_dismissed'`)).toEqual([{ note: "申诉驳回：照片拍摄于整改期限之后" }]);
    // Decided once: a second decision is refused and writes nothing.
    const snap = await snapshot();
    expect(await decide(id)).toEqual({ ok: false, error: "already_decided" });
    expect(await snapshot()).toBe(snap);
  });

  it("upheld on a repeat mark: the mark is cleared and the repeat factor no longer applies", async () => {
    const first = await finding({ foundOn: "2026-09-01", dueOn: "2026-09-30" });
    const f = await finding({ repeatOfId: first.id });
    const before = await scoreOf(f.id);
    const id = await filed(f.id, "repeat");
    expect((await decide(id)).ok).toBe(true);
    expect((await findingRow(f.id)).repeatClearedReason).toBe("申诉成立：复核照片属实");
    const after = await scoreOf(f.id);
    expect(after.points).toBe(before.item.deduction.major);
    expect(after.points).toBeLessThan(before.points);
  });

  it("re-checks later repeat marks that rested on a withdrawn finding: re-pointed to another qualifying one, else cleared", async () => {
    const site = (await findingRow((await finding()).id)).siteId;
    const older = await finding({ siteId: site, foundOn: "2026-09-05", dueOn: "2026-09-30" });
    const contested = await finding({ siteId: site, foundOn: "2026-09-10", dueOn: "2026-09-30" });
    // Rests on the contested one; the older one (11 days before it, same item and site) qualifies too.
    const repointed = await finding({ siteId: site, foundOn: "2026-09-16", dueOn: "2026-09-30", repeatOfId: contested.id });
    // Another item: only the contested one came before it.
    const lone = await finding({ siteId: site, itemId: OTHER_ITEM, foundOn: "2026-09-11", dueOn: "2026-09-30" });
    const cleared = await finding({ siteId: site, itemId: OTHER_ITEM, foundOn: "2026-09-18", dueOn: "2026-09-30", repeatOfId: lone.id });

    expect(await decide(await filed(contested.id))).toMatchObject({ ok: true, recheckedRepeats: 1, lockedRepeats: [] });
    expect(await findingRow(repointed.id)).toMatchObject({ repeatOfId: older.id, repeatClearedReason: null });

    expect(await decide(await filed(lone.id))).toMatchObject({ ok: true, recheckedRepeats: 1 });
    expect(await findingRow(cleared.id)).toMatchObject({ repeatOfId: lone.id });
    expect((await findingRow(cleared.id)).repeatClearedReason).toMatch(/重复标记清除：复核照片属实/);
    const events = await db.all<{ kind: string }>(sql`SELECT kind FROM finding_events WHERE finding_id IN (${repointed.id}, ${cleared.id})`);
    expect(events.map((e) => e.kind)).toEqual(["repeat_rechecked", "repeat_rechecked"]);
  });

  it("a later repeat in a finalised quarter is left and listed", async () => {
    const contested = await finding({ foundOn: "2026-09-25", dueOn: "2026-09-30" });
    const site = (await findingRow(contested.id)).siteId;
    const later = await finding({ siteId: site, period: "2026-Q4", foundOn: "2026-10-05", dueOn: "2026-10-30", repeatOfId: contested.id });
    await makeContractQuarter(db, { orgId, contractId: contractX, period: "2026-Q4", status: "finalised" });
    const r = await decide(await filed(contested.id));
    expect(r).toMatchObject({ ok: true, recheckedRepeats: 0, lockedRepeats: [later.id] });
    expect(await findingRow(later.id)).toMatchObject({ repeatOfId: contested.id, repeatClearedReason: null });
    expect(JSON.parse((await audits("appeal.decide"))[0]!.after).lockedRepeats).toEqual([later.id]);
  });

  it("decided after finalisation: quarter_locked (nothing but the refusal's audit row); after reopening: allowed", async () => {
    const f = await finding();
    const id = await filed(f.id);
    await makeContractQuarter(db, { orgId, contractId: contractX, period: "2026-Q3", status: "finalised", revision: 1 });
    const rows = async () => db.all(sql`SELECT (SELECT count(*) FROM finding_events) AS e, (SELECT status FROM appeals) AS s, (SELECT status FROM findings WHERE id = ${f.id}) AS f`);
    const before = await rows();
    expect(await decide(id)).toEqual({ ok: false, error: "quarter_locked" });
    expect(await rows()).toEqual(before);
    expect(await audits("appeal.decide.refused")).toHaveLength(1);
    const reopened = await reopenQuarter(db, sup, { contractId: contractX, period: "2026-Q3", reason: "申诉待复核" });
    expect(reopened.ok).toBe(true);
    expect((await decide(id)).ok).toBe(true);
  });

  it("of two deciders at once exactly one writes; the other is told it was decided", async () => {
    const f = await finding();
    const id = await filed(f.id);
    const other = { orgId, actorUserId: (await makeUser(db)).id };
    const [r1, r2] = await Promise.all([decide(id), decide(id, { decision: "dismiss" }, other)]);
    expect([r1.ok, r2.ok].sort()).toEqual([false, true]);
    expect([r1, r2].find((r) => !r.ok)).toEqual({ ok: false, error: "already_decided" });
    expect(await audits("appeal.decide")).toHaveLength(1);
  });

  it("bad input and unknown ids are refused and write nothing", async () => {
    const id = await filed((await finding()).id);
    const otherOrg = (await makeOrg(db)).id;
    const snap = await snapshot();
    expect(await decide(id, { reason: "" })).toEqual({ ok: false, error: "invalid" });
    expect(await decide(id, { decision: "maybe" as never })).toEqual({ ok: false, error: "invalid" });
    expect(await decide(id, { severityTo: "tiny" as never })).toEqual({ ok: false, error: "invalid" });
    expect(await decide(id, { today: "yesterday" })).toEqual({ ok: false, error: "invalid" });
    expect(await decide("no-such-appeal")).toEqual({ ok: false, error: "not_found" });
    expect(await decide("../../etc")).toEqual({ ok: false, error: "not_found" });
    expect(await decide(id, {}, { orgId: otherOrg, actorUserId: sup.actorUserId })).toEqual({ ok: false, error: "not_found" });
    expect(await snapshot()).toBe(snap);
  });
});

describe("the supervisor's reads", () => {
  it("queues pending appeals oldest first, then decided ones; each with its window; one appeal with what it contests", async () => {
    const [f1, f2, f3] = [await finding(), await finding(), await finding()];
    const late = (await file(f1.id, { today: "2026-10-12" })) as { appealId: string };
    const early = (await file(f2.id, { today: "2026-10-08" })) as { appealId: string };
    const done = (await file(f3.id, { today: "2026-10-01", photos: photos(1) })) as { appealId: string };
    await decide(done.appealId, { decision: "dismiss" });
    const queue = await listAppeals(db, { orgId });
    expect(queue.rows.map((r) => r.id)).toEqual([early.appealId, late.appealId, done.appealId]);
    expect(queue.rows[0]).toMatchObject({ contractId: contractX, target: "finding", severity: "major", filedOn: "2026-10-08", windowClosesOn: "2026-10-13", status: "pending" });
    expect((await listAppeals(db, { orgId, status: "dismissed" })).rows.map((r) => r.id)).toEqual([done.appealId]);

    const detail = await getAppeal(db, { orgId, id: done.appealId, today: "2026-10-10" });
    expect(detail).toMatchObject({ status: "dismissed", decidedByName: "王监督", filedByName: "李现场", quarterWritable: true, outcomes: ["finding_withdrawn", "severity_lowered"], milderSeverities: ["minor"] });
    expect(detail?.photos).toHaveLength(1);
    expect(detail?.finding?.id).toBe(f3.id);
    expect(await getAppeal(db, { orgId: (await makeOrg(db)).id, id: done.appealId, today: "2026-10-10" })).toBeNull();

    const ofQuarter = await appealsOfQuarter(db, { orgId, contractId: contractX, period: "2026-Q3" });
    expect(ofQuarter.map((a) => a.filedOn)).toEqual(["2026-10-01", "2026-10-08", "2026-10-12"]);
    expect(await appealsOfQuarter(db, { orgId, contractId: contractY, period: "2026-Q3" })).toEqual([]);
  });
});

describe("the finalise block", () => {
  const fin = (today: string, overrideReason?: string) =>
    finaliseQuarter(db, sup, { contractId: contractX, period: "2026-Q3", today, overrideReason, provisionalJustification: "无问卷" });

  it("an open window blocks finalising; the day after it closes, it does not", async () => {
    expect(await finaliseBlocks(db, { orgId, contractId: contractX, period: "2026-Q3", today: "2026-10-13" })).toEqual({
      pendingVetoes: 0,
      awaitingVerification: 0,
      pendingAppeals: 0,
      appealWindowClosesOn: "2026-10-13",
      appealWindowOpen: true,
    });
    expect(await fin("2026-10-13")).toMatchObject({ ok: false, error: "blocked", blocks: { appealWindowOpen: true } });
    expect(await db.all(sql`SELECT count(*) AS n FROM quarter_scores`)).toEqual([{ n: 0 }]);
    expect(await fin("2026-10-14")).toMatchObject({ ok: true, revision: 1 });
  });

  it("a pending appeal blocks finalising after the window too, until decided; an override reason is stored with the blocks", async () => {
    const f = await finding();
    const id = await filed(f.id);
    expect(await fin("2026-10-20")).toMatchObject({ ok: false, error: "blocked", blocks: { pendingAppeals: 1, appealWindowOpen: false } });
    const r = await fin("2026-10-20", "申诉材料待补充，先行定级");
    expect(r).toMatchObject({ ok: true });
    const [snap] = await db.select().from(schema.quarterScores);
    expect(snap!.overrideReason).toBe("申诉材料待补充，先行定级");
    const audit = (await audits("quarter.finalise"))[0]!;
    expect(JSON.parse(audit.after)).toMatchObject({ overrideReason: "申诉材料待补充，先行定级", blocks: { pendingAppeals: 1 } });
    // Finalised with it pending: deciding it now needs the quarter reopened.
    expect(await decide(id)).toEqual({ ok: false, error: "quarter_locked" });
  });

  it("a decided appeal no longer blocks", async () => {
    const id = await filed((await finding()).id);
    await decide(id, { decision: "dismiss" });
    expect(await fin("2026-10-20")).toMatchObject({ ok: true });
  });
});
