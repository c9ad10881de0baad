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
import { fileAppeal, type FileAppealInput } from "../../db/queries/appeals";
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

/** A finding of contract X found 2026-09-20 (2026-Q3, whose window closes 2026-10-13 with the default 5 days). */
const finding = (o: Partial<schema.NewFinding> = {}) =>
  makeFinding(db, { orgId, contractId: contractX, createdBy: sup.actorUserId!, period: "2026-Q3", foundOn: "2026-09-20", dueOn: "2026-09-25", severity: "major", ...o });

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
