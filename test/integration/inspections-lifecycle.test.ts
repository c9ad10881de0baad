/**
 * A finding after it is recorded (db/queries/inspections/lifecycle.ts, detail.ts,
 * scoring-input.ts) against a real libSQL file: open → rectified → verified,
 * failed verification and a second fix (the verified fix's day counts),
 * withdrawal, clearing a repeat mark, the quarter lock (on withdraw and clear,
 * not on rectify and verify), refusals that write nothing, overdue and late
 * around midnight in Asia/Shanghai, two verifiers at once, and the scoring input.
 */
import { getTableName, sql } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import type { WriteContext } from "../../db/queries/context";
import { getFinding, getInspectionNotice } from "../../db/queries/inspections/detail";
import {
  clearRepeatMark,
  failVerification,
  rectifyFinding,
  verifyFinding,
  withdrawFinding,
} from "../../db/queries/inspections/lifecycle";
import { findingsForScoring } from "../../db/queries/inspections/scoring-input";
import type { StoredPhotoMeta } from "../../db/queries/inspections/shared";
import * as schema from "../../db/schema";
import { todayIn } from "../../domain/days";
import { newId } from "../../db/ids";
import { scoreQuarter, type Rubric } from "../../scoring/index";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeContract, makeContractQuarter, makeFinding, makeInspection, makeMembership, makeOrg, makeUser, sampleRubric } from "../helpers/factories";

let t: TestDb;
let db: Db;
let orgId: string;
let ctx: WriteContext;
let ctx2: WriteContext;
let contractId: string;

beforeEach(async () => {
  t = await createTestDb();
  db = t.db;
  orgId = (await makeOrg(db)).id;
  const [a, b] = [await makeUser(db, { name: "王监督" }), await makeUser(db, { name: "陈志强" })];
  await makeMembership(db, { orgId, userId: a.id, role: "supervisor" });
  await makeMembership(db, { orgId, userId: b.id, role: "supervisor" });
  ctx = { orgId, actorUserId: a.id };
  ctx2 = { orgId, actorUserId: b.id };
  contractId = (await makeContract(db, { orgId })).id;
});
afterEach(async () => t?.cleanup());

function photos(n = 1): StoredPhotoMeta[] {
  return Array.from({ length: n }, () => {
    const id = newId();
    return { storageKey: `${orgId}/${id}.jpg`, thumbKey: `${orgId}/${id}.thumb.jpg`, mimeType: "image/jpeg", bytes: 2048, width: 1600, height: 1200, sha256: "a".repeat(64) };
  });
}

/** A finding found 2026-07-15, due 2026-07-18, in 2026-Q3 of the contract. */
const finding = (o: Partial<schema.NewFinding> = {}) => makeFinding(db, { orgId, contractId, createdBy: ctx.actorUserId!, ...o });

const tables = (Object.values(schema) as unknown[]).filter((v): v is SQLiteTable => v instanceof SQLiteTable);
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const name = getTableName(table);
    const [row] = await db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM "${name}"`));
    out[name] = Number(row!.n);
  }
  return out;
}
async function snapshot(): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const table of tables) out[getTableName(table)] = await db.all(sql.raw(`SELECT * FROM "${getTableName(table)}" ORDER BY 1`));
  return JSON.stringify(out);
}
const audits = (action: string) => db.all<{ action: string; after: string }>(sql`SELECT action, after FROM audit_log WHERE action = ${action}`);

describe("open → rectified → verified", () => {
  it("records the fix with its evidence, then the verification by a second supervisor, each audited in its batch", async () => {
    const f = await finding();
    const fix = await rectifyFinding(db, ctx, { findingId: f.id, fixedOn: "2026-07-17", note: "已清扫", photos: photos(2), today: "2026-07-17" });
    expect(fix).toMatchObject({ ok: true, status: "rectified" });
    let d = (await getFinding(db, { orgId, id: f.id, today: "2026-07-20" }))!;
    expect(d).toMatchObject({ status: "rectified", listStatus: "awaiting_verification", rectifiedOn: "2026-07-17", late: false });
    expect(d.actions).toEqual(["verify", "fail_verification", "withdraw"]);
    expect(d.history.map((e) => [e.kind, e.onDay, e.by.name, e.photos.length])).toEqual([["rectified", "2026-07-17", "王监督", 2]]);

    const ok = await verifyFinding(db, ctx2, { findingId: f.id, note: "现场复查合格", today: "2026-07-20" });
    expect(ok).toMatchObject({ ok: true, status: "verified" });
    d = (await getFinding(db, { orgId, id: f.id, today: "2026-07-20" }))!;
    expect(d).toMatchObject({ status: "verified", listStatus: "closed", verifiedOn: "2026-07-20", rectifiedOn: "2026-07-17" });
    expect(d.verifiedBy).toEqual({ id: ctx2.actorUserId, name: "陈志强" });
    expect(d.actions).toEqual([]);
    expect(d.history.map((e) => [e.kind, e.by.name, e.note])).toEqual([
      ["rectified", "王监督", "已清扫"],
      ["verified", "陈志强", "现场复查合格"],
    ]);
    expect((await audits("finding.rectify")).length).toBe(1);
    expect((await audits("finding.verify")).length).toBe(1);
    const [evidence] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM evidence_files WHERE finding_event_id = ${fix.ok ? fix.eventId : ""}`);
    expect(Number(evidence!.n)).toBe(2);
  });

  it("a failed verification reopens the finding with its reason; the second fix, once verified, is the day that counts", async () => {
    const f = await finding();
    await rectifyFinding(db, ctx, { findingId: f.id, fixedOn: "2026-07-16", note: "清扫", photos: photos(), today: "2026-07-16" });
    const failed = await failVerification(db, ctx2, { findingId: f.id, reason: "角落仍有垃圾", today: "2026-07-17" });
    expect(failed).toMatchObject({ ok: true, status: "open" });
    let d = (await getFinding(db, { orgId, id: f.id, today: "2026-07-17" }))!;
    expect(d).toMatchObject({ status: "open", rectifiedOn: null, listStatus: "open" });
    expect(d.history.at(-1)).toMatchObject({ kind: "verification_failed", note: "角落仍有垃圾" });
    // Awaiting verification counts as unrectified in the score.
    await rectifyFinding(db, ctx, { findingId: f.id, fixedOn: "2026-07-19", note: "再次清扫", photos: photos(), today: "2026-07-19" });
    expect((await findingsForScoring(db, { orgId, contractId, period: "2026-Q3" }))[0]!.rectifiedOn).toBeNull();
    await verifyFinding(db, ctx2, { findingId: f.id, today: "2026-07-20" });
    d = (await getFinding(db, { orgId, id: f.id, today: "2026-07-20" }))!;
    expect(d).toMatchObject({ status: "verified", rectifiedOn: "2026-07-19", late: true });
    expect(d.history.map((e) => e.kind)).toEqual(["rectified", "verification_failed", "rectified", "verified"]);
    expect((await findingsForScoring(db, { orgId, contractId, period: "2026-Q3" }))[0]!.rectifiedOn).toBe("2026-07-19");
  });

  it("withdraws an open finding with its reason, kept (never deleted) and out of the score", async () => {
    const f = await finding();
    const r = await withdrawFinding(db, ctx, { findingId: f.id, reason: "误录：非该承包商责任区", today: "2026-07-16" });
    expect(r).toMatchObject({ ok: true, status: "withdrawn" });
    const d = (await getFinding(db, { orgId, id: f.id, today: "2026-07-30" }))!;
    expect(d).toMatchObject({ status: "withdrawn", listStatus: "withdrawn", withdrawnReason: "误录：非该承包商责任区" });
    expect(d.history.at(-1)).toMatchObject({ kind: "withdrawn", note: "误录：非该承包商责任区" });
    expect(await findingsForScoring(db, { orgId, contractId, period: "2026-Q3" })).toEqual([]);
    expect((await audits("finding.withdraw")).length).toBe(1);
  });

  it("withdraws a rectified finding too, but not a verified one", async () => {
    const f = await finding();
    await rectifyFinding(db, ctx, { findingId: f.id, fixedOn: "2026-07-16", note: "修好", photos: photos(), today: "2026-07-16" });
    expect(await withdrawFinding(db, ctx, { findingId: f.id, reason: "重复录入", today: "2026-07-16" })).toMatchObject({ ok: true });
    const g = await finding({ status: "verified", rectifiedOn: "2026-07-16", verifiedOn: "2026-07-17" });
    expect(await withdrawFinding(db, ctx, { findingId: g.id, reason: "x", today: "2026-07-18" })).toEqual({ ok: false, error: "not_allowed" });
  });
});

describe("repeat marks", () => {
  it("clearing keeps the link for the history, and scoring no longer treats it as a repeat", async () => {
    const first = await finding({ foundOn: "2026-07-01", dueOn: "2026-07-05" });
    const second = await finding({ repeatOfId: first.id });
    let input = await findingsForScoring(db, { orgId, contractId, period: "2026-Q3" });
    expect(input.find((x) => x.id === second.id)!.repeatOf).toBe(first.id);
    const firstView = (await getFinding(db, { orgId, id: first.id, today: "2026-07-15" }))!;
    expect(firstView.repeats.map((r) => r.id)).toEqual([second.id]);
    expect((await getFinding(db, { orgId, id: second.id, today: "2026-07-15" }))!.actions).toContain("clear_repeat");

    const r = await clearRepeatMark(db, ctx, { findingId: second.id, reason: "不同花坛，非同一问题", today: "2026-07-16" });
    expect(r).toMatchObject({ ok: true, status: "open" });
    const d = (await getFinding(db, { orgId, id: second.id, today: "2026-07-16" }))!;
    expect(d).toMatchObject({ repeatOfId: first.id, repeatCounts: false, repeatClearedReason: "不同花坛，非同一问题" });
    expect(d.repeatOf?.id).toBe(first.id);
    expect(d.actions).not.toContain("clear_repeat");
    expect(d.history.at(-1)).toMatchObject({ kind: "repeat_cleared", note: "不同花坛，非同一问题" });
    input = await findingsForScoring(db, { orgId, contractId, period: "2026-Q3" });
    expect(input.find((x) => x.id === second.id)!.repeatOf).toBeNull();
    // Once cleared, or on a finding that is no repeat, there is nothing to clear.
    expect(await clearRepeatMark(db, ctx, { findingId: second.id, reason: "again", today: "2026-07-16" })).toEqual({ ok: false, error: "not_allowed" });
    expect(await clearRepeatMark(db, ctx, { findingId: first.id, reason: "x", today: "2026-07-16" })).toEqual({ ok: false, error: "not_allowed" });
  });

  it("a repeat of a withdrawn finding does not score as a repeat", async () => {
    const first = await finding({ foundOn: "2026-07-01", dueOn: "2026-07-05" });
    const second = await finding({ repeatOfId: first.id });
    await withdrawFinding(db, ctx, { findingId: first.id, reason: "误录", today: "2026-07-16" });
    const input = await findingsForScoring(db, { orgId, contractId, period: "2026-Q3" });
    expect(input.map((x) => [x.id, x.repeatOf])).toEqual([[second.id, null]]);
  });
});

describe("the quarter lock", () => {
  beforeEach(async () => {
    await makeContractQuarter(db, { orgId, contractId, period: "2026-Q3", status: "finalised", revision: 1 });
  });

  it("refuses withdrawal and clearing a repeat in a finalised quarter with one audit row and nothing else", async () => {
    const first = await finding({ foundOn: "2026-07-01", dueOn: "2026-07-05" });
    const f = await finding({ repeatOfId: first.id });
    for (const [action, run] of [
      ["finding.withdraw.refused", () => withdrawFinding(db, ctx, { findingId: f.id, reason: "误录", today: "2026-10-10" })],
      ["finding.clear_repeat.refused", () => clearRepeatMark(db, ctx, { findingId: f.id, reason: "不同位置", today: "2026-10-10" })],
    ] as const) {
      const before = await counts();
      expect(await run()).toEqual({ ok: false, error: "quarter_locked" });
      const after = await counts();
      expect(after).toEqual({ ...before, audit_log: before.audit_log! + 1 });
      const [row] = await audits(action);
      expect(JSON.parse(row!.after)).toMatchObject({ reason: "quarter_locked" });
    }
    const d = (await getFinding(db, { orgId, id: f.id, today: "2026-10-10" }))!;
    expect(d).toMatchObject({ status: "open", repeatCounts: true, quarterWritable: false });
    expect(d.actions).toEqual(["rectify"]);
  });

  it("still records and verifies a fix of a locked quarter's finding, without touching quarter_scores", async () => {
    const f = await finding();
    const before = await db.all(sql`SELECT * FROM quarter_scores`);
    expect(await rectifyFinding(db, ctx, { findingId: f.id, fixedOn: "2026-10-02", note: "补做", photos: photos(), today: "2026-10-05" })).toMatchObject({ ok: true });
    expect(await verifyFinding(db, ctx2, { findingId: f.id, today: "2026-10-06" })).toMatchObject({ ok: true });
    expect(await db.all(sql`SELECT * FROM quarter_scores`)).toEqual(before);
    expect(await db.all(sql`SELECT status FROM contract_quarters`)).toEqual([{ status: "finalised" }]);
  });

  it("a reopened quarter takes the withdrawal", async () => {
    await db.run(sql`UPDATE contract_quarters SET status = 'reopened'`);
    const f = await finding();
    expect(await withdrawFinding(db, ctx, { findingId: f.id, reason: "误录", today: "2026-10-10" })).toMatchObject({ ok: true });
  });
});

describe("refusals write nothing", () => {
  it("each bad input or disallowed step leaves every table as it was", async () => {
    const f = await finding();
    const verified = await finding({ status: "verified", rectifiedOn: "2026-07-16", verifiedOn: "2026-07-17" });
    const otherOrg = await makeOrg(db);
    const foreign = await makeFinding(db, { orgId: otherOrg.id });
    const cases: [string, () => Promise<unknown>][] = [
      ["not_found", () => rectifyFinding(db, ctx, { findingId: foreign.id, fixedOn: "2026-07-16", note: "x", photos: photos(), today: "2026-07-16" })],
      ["not_found", () => verifyFinding(db, ctx, { findingId: "nope", today: "2026-07-16" })],
      ["not_found", () => withdrawFinding(db, ctx, { findingId: foreign.id, reason: "x", today: "2026-07-16" })],
      ["photo_required", () => rectifyFinding(db, ctx, { findingId: f.id, fixedOn: "2026-07-16", note: "x", photos: [], today: "2026-07-16" })],
      ["too_many_photos", () => rectifyFinding(db, ctx, { findingId: f.id, fixedOn: "2026-07-16", note: "x", photos: photos(11), today: "2026-07-16" })],
      ["invalid", () => rectifyFinding(db, ctx, { findingId: f.id, fixedOn: "2026-07-16", note: "   ", photos: photos(), today: "2026-07-16" })],
      ["invalid", () => rectifyFinding(db, ctx, { findingId: f.id, fixedOn: "2026-02-30", note: "x", photos: photos(), today: "2026-07-16" })],
      ["fixed_before_found", () => rectifyFinding(db, ctx, { findingId: f.id, fixedOn: "2026-07-14", note: "x", photos: photos(), today: "2026-07-16" })],
      ["fixed_in_future", () => rectifyFinding(db, ctx, { findingId: f.id, fixedOn: "2026-07-17", note: "x", photos: photos(), today: "2026-07-16" })],
      ["not_allowed", () => verifyFinding(db, ctx, { findingId: f.id, today: "2026-07-16" })],
      ["not_allowed", () => failVerification(db, ctx, { findingId: f.id, reason: "x", today: "2026-07-16" })],
      ["not_allowed", () => rectifyFinding(db, ctx, { findingId: verified.id, fixedOn: "2026-07-16", note: "x", photos: photos(), today: "2026-07-18" })],
      ["invalid", () => failVerification(db, ctx, { findingId: f.id, reason: "", today: "2026-07-16" })],
      ["invalid", () => withdrawFinding(db, ctx, { findingId: f.id, reason: "x".repeat(1001), today: "2026-07-16" })],
    ];
    for (const [error, run] of cases) {
      const before = await snapshot();
      expect(await run(), error).toEqual({ ok: false, error });
      expect(await snapshot()).toBe(before);
    }
  });
});

describe("overdue and late around midnight in Asia/Shanghai (the process in UTC)", () => {
  const zone = "Asia/Shanghai";
  it("a finding due 2026-11-30 is open at 23:59:59 there and overdue one second later", async () => {
    expect(process.env.TZ ?? "UTC").toMatch(/UTC|^$/);
    const f = await finding({ foundOn: "2026-11-28", dueOn: "2026-11-30", period: "2026-Q4" });
    const before = todayIn(zone, new Date("2026-11-30T15:59:59Z"));
    const after = todayIn(zone, new Date("2026-11-30T16:00:00Z"));
    expect([before, after]).toEqual(["2026-11-30", "2026-12-01"]);
    expect((await getFinding(db, { orgId, id: f.id, today: before }))!.listStatus).toBe("open");
    expect((await getFinding(db, { orgId, id: f.id, today: after }))!.listStatus).toBe("overdue");
  });

  it("a fix recorded on the zone's day is late only after the deadline day", async () => {
    const inTime = await finding({ foundOn: "2026-11-28", dueOn: "2026-11-30", period: "2026-Q4" });
    const late = await finding({ foundOn: "2026-11-28", dueOn: "2026-11-30", period: "2026-Q4" });
    const t1 = todayIn(zone, new Date("2026-11-30T15:59:59Z"));
    const t2 = todayIn(zone, new Date("2026-11-30T16:00:00Z"));
    await rectifyFinding(db, ctx, { findingId: inTime.id, fixedOn: t1, note: "修好", photos: photos(), today: t1 });
    await rectifyFinding(db, ctx, { findingId: late.id, fixedOn: t2, note: "修好", photos: photos(), today: t2 });
    expect((await getFinding(db, { orgId, id: inTime.id, today: t2 }))!.late).toBe(false);
    expect((await getFinding(db, { orgId, id: late.id, today: t2 }))!.late).toBe(true);
    // And the fix of a day that has not begun in Shanghai yet is refused.
    const third = await finding({ foundOn: "2026-11-28", dueOn: "2026-11-30", period: "2026-Q4" });
    expect(await rectifyFinding(db, ctx, { findingId: third.id, fixedOn: "2026-12-01", note: "x", photos: photos(), today: t1 })).toEqual({ ok: false, error: "fixed_in_future" });
  });
});

describe("concurrency", () => {
  it("of two verifications at once exactly one succeeds, and only one event and audit row are written", async () => {
    const f = await finding();
    await rectifyFinding(db, ctx, { findingId: f.id, fixedOn: "2026-07-16", note: "修好", photos: photos(), today: "2026-07-16" });
    const results = await Promise.all([
      verifyFinding(db, ctx, { findingId: f.id, today: "2026-07-17" }),
      verifyFinding(db, ctx2, { findingId: f.id, today: "2026-07-17" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: expect.stringMatching(/^(conflict|not_allowed)$/) }]);
    expect(await db.all(sql`SELECT kind FROM finding_events WHERE kind = 'verified'`)).toHaveLength(1);
    expect(await audits("finding.verify")).toHaveLength(1);
  });

  it("the guard: a step whose finding changed after its checks writes nothing and answers conflict", async () => {
    const f = await finding();
    await rectifyFinding(db, ctx, { findingId: f.id, fixedOn: "2026-07-16", note: "修好", photos: photos(), today: "2026-07-16" });
    // Interleave by hand: the second verify reads "rectified", then the first one commits before its write.
    const realSelect = db.select.bind(db);
    let interleaved = false;
    const racing = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === "batch" && !interleaved) {
          return async (...args: Parameters<Db["batch"]>) => {
            interleaved = true;
            expect(await verifyFinding(db, ctx, { findingId: f.id, today: "2026-07-17" })).toMatchObject({ ok: true });
            return target.batch(...args);
          };
        }
        if (prop === "select") return realSelect;
        return Reflect.get(target, prop, receiver);
      },
    });
    const before = await counts();
    expect(await failVerification(racing, ctx2, { findingId: f.id, reason: "不合格", today: "2026-07-17" })).toEqual({ ok: false, error: "conflict" });
    const after = await counts();
    // Only the interleaved verification's event and audit row were written.
    expect(after).toEqual({ ...before, finding_events: before.finding_events! + 1, audit_log: before.audit_log! + 1 });
    expect((await getFinding(db, { orgId, id: f.id, today: "2026-07-17" }))!.status).toBe("verified");
  });
});

describe("findingsForScoring", () => {
  it("gives exactly QuarterInput's findings, which scoreQuarter accepts and scores", async () => {
    const rubric = sampleRubric("property");
    const a = await finding({ itemId: "property.quality.cleanliness", severity: "major", foundOn: "2026-07-02", dueOn: "2026-07-05" });
    const b = await finding({ itemId: "property.quality.safety", severity: "minor", foundOn: "2026-07-10", dueOn: "2026-07-12", repeatOfId: a.id });
    await finding({ foundOn: "2026-10-02", dueOn: "2026-10-05", period: "2026-Q4" }); // another quarter
    await makeFinding(db, { orgId: (await makeOrg(db)).id }); // another organisation
    const otherContract = await makeContract(db, { orgId });
    await makeFinding(db, { orgId, contractId: otherContract.id });
    await rectifyFinding(db, ctx, { findingId: a.id, fixedOn: "2026-07-04", note: "修好", photos: photos(), today: "2026-07-04" });
    await verifyFinding(db, ctx2, { findingId: a.id, today: "2026-07-06" });

    const input = await findingsForScoring(db, { orgId, contractId, period: "2026-Q3" });
    expect(input).toEqual([
      { id: a.id, itemId: "property.quality.cleanliness", severity: "major", foundOn: "2026-07-02", dueOn: "2026-07-05", rectifiedOn: "2026-07-04", repeatOf: null },
      { id: b.id, itemId: "property.quality.safety", severity: "minor", foundOn: "2026-07-10", dueOn: "2026-07-12", rectifiedOn: null, repeatOf: a.id },
    ]);
    const quarter = (findings: typeof input) =>
      scoreQuarter({ ...rubric, repeatFactor: 1.5 } as Rubric, { period: "2026-Q3", asOf: "2026-09-30", survey: { respondents: 0, questions: {} }, findings });
    const quality = quarter(input).dimensions.find((d) => d.id === "quality")!;
    expect(quality.deductions.map((d) => d.findingId)).toEqual([a.id, b.id]);
    // a: a major fix verified in time costs its plain deduction (3); b: a minor still open after its deadline (2 × overdue 2), and more if repeats weigh.
    expect(quality.deductions.map((d) => d.points)[0]).toBe(3);
    expect(quality.deductions[1]!.points).toBeGreaterThanOrEqual(4);
    const withoutRepeat = quarter(input.map((f) => ({ ...f, repeatOf: null }))).dimensions.find((d) => d.id === "quality")!;
    expect(quality.points).toBeLessThanOrEqual(withoutRepeat.points);
  });
});

describe("the inspection's notice", () => {
  it("lists the inspection's findings but the withdrawn ones, with place and contractor", async () => {
    const inspection = await makeInspection(db, { orgId, contractId, inspectorUserId: ctx.actorUserId! });
    const common = { inspectionId: inspection.id, contractId, siteId: inspection.siteId };
    const a = await finding({ ...common, note: "一" });
    const b = await finding({ ...common, note: "二" });
    await withdrawFinding(db, ctx, { findingId: b.id, reason: "误录", today: "2026-07-16" });
    const notice = (await getInspectionNotice(db, { orgId, inspectionId: inspection.id, today: "2026-07-16" }))!;
    expect(notice.inspection.inspector).toBe("王监督");
    expect(notice.findings.map((f) => f.id)).toEqual([a.id]);
    expect(notice.findings[0]!.contractor.name).toBeTruthy();
    expect(await getInspectionNotice(db, { orgId: (await makeOrg(db)).id, inspectionId: inspection.id, today: "2026-07-16" })).toBeNull();
  });
});
