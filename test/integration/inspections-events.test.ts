/**
 * Bonus and veto events: recording, the four-eyes confirmation of a veto,
 * withdrawal, the refusals (another org's ids, wrong items, days, the quarter
 * lock — which writes only its audit row) and what scoring takes of them.
 */
import { and, eq, getTableName, sql } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  confirmVeto,
  eventsForScoring,
  getEvent,
  listEventContractOptions,
  listEvents,
  recordBonus,
  recordVeto,
  withdrawBonus,
  withdrawVeto,
} from "../../db/queries/inspections/events";
import * as schema from "../../db/schema";
import { auditLog, evidenceFiles, vetoEvents } from "../../db/schema";
import { defaultRubric, scoreQuarter } from "../../scoring/index";
import { createTestDb, type TestDb } from "../helpers/db";
import {
  makeContract,
  makeContractQuarter,
  makeContractSite,
  makeMembership,
  makeOrg,
  makeRubricVersion,
  makeSite,
  makeUser,
  makeVetoEvent,
  sampleRubric,
} from "../helpers/factories";

const BONUS = "property.bonus.emergency-support";
const VETO = "property.veto.major-safety-accident";
const TODAY = "2026-11-20";

let t: TestDb;
let orgId: string;
let recorder: { id: string };
let second: { id: string };
let admin: { id: string };
let contract: { id: string };
let site: { id: string };

const ctx = (userId: string) => ({ orgId, actorUserId: userId, ip: "10.0.0.1" });
let photoSeq = 0;
const photo = (n: number) => ({
  storageKey: `${orgId}/p${n}-${++photoSeq}.jpg`,
  thumbKey: `${orgId}/p${n}-${photoSeq}.thumb.jpg`,
  mimeType: "image/jpeg",
  bytes: 1000 + n,
  width: 1600,
  height: 1200,
  sha256: "a".repeat(64),
});
const input = (o: Partial<Parameters<typeof recordBonus>[2]> = {}) => ({
  contractId: contract.id,
  siteId: site.id,
  itemId: BONUS,
  note: "暴雨夜防汛值守",
  occurredOn: "2026-11-10",
  photos: [photo(1)],
  today: TODAY,
  ...o,
});

const tables = (Object.values(schema) as unknown[]).filter((v): v is SQLiteTable => v instanceof SQLiteTable);
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tables) {
    const name = getTableName(table);
    const [row] = await t.db.all<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM "${name}"`));
    out[name] = row!.n;
  }
  return out;
}

beforeEach(async () => {
  t = await createTestDb();
  orgId = (await makeOrg(t.db)).id;
  recorder = await makeUser(t.db, { name: "王监管" });
  second = await makeUser(t.db, { name: "陈志强" });
  admin = await makeUser(t.db, { name: "管理员" });
  await makeMembership(t.db, { orgId, userId: recorder.id, role: "supervisor" });
  await makeMembership(t.db, { orgId, userId: second.id, role: "supervisor" });
  await makeMembership(t.db, { orgId, userId: admin.id, role: "admin" });
  contract = await makeContract(t.db, { orgId, serviceType: "property", startOn: "2026-01-01", endOn: "2027-12-31" });
  site = await makeSite(t.db, { orgId });
  await makeContractSite(t.db, { orgId, contractId: contract.id, siteId: site.id });
});
afterEach(async () => t.cleanup());

describe("recordBonus / recordVeto", () => {
  it("records a counted bonus with its photo and audit row in one go", async () => {
    const result = await recordBonus(t.db, ctx(recorder.id), input());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const event = await getEvent(t.db, { orgId, kind: "bonus", id: result.id });
    expect(event).toMatchObject({ status: "counted", period: "2026-Q4", itemId: BONUS, recordedByName: "王监管", points: expect.any(Number) });
    expect(event!.photos).toHaveLength(1);
    expect(event!.itemLabel?.["zh-CN"]).toBeTruthy();
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, result.id));
    expect(audit.map((a) => a.action)).toEqual(["bonus.create"]);
  });

  it("records a veto as pending: it does not count until confirmed", async () => {
    const result = await recordVeto(t.db, ctx(recorder.id), input({ itemId: VETO, photos: [photo(1), photo(2)] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const event = await getEvent(t.db, { orgId, kind: "veto", id: result.id });
    expect(event).toMatchObject({ status: "pending", confirmedBy: null });
    expect(event!.photos).toHaveLength(2);
    expect((await eventsForScoring(t.db, { orgId, contractId: contract.id, period: "2026-Q4" })).vetoes).toEqual([]);
  });

  it("uses the contract's own rubric version when it has one", async () => {
    const rubric = sampleRubric("property", "2026.9");
    rubric.bonusItems = [{ id: "property.bonus.own", label: { "zh-CN": "自定", en: "Own" }, points: 2 }];
    const version = await makeRubricVersion(t.db, { orgId, rubric, rubricId: rubric.id, version: rubric.version, status: "published" });
    const own = await makeContract(t.db, { orgId, rubricVersionId: version.id });
    expect((await recordBonus(t.db, ctx(recorder.id), input({ contractId: own.id, siteId: null, itemId: BONUS }))).ok).toBe(false);
    expect((await recordBonus(t.db, ctx(recorder.id), input({ contractId: own.id, siteId: null, itemId: "property.bonus.own" }))).ok).toBe(true);
    const options = await listEventContractOptions(t.db, { orgId });
    expect(options.find((o) => o.id === own.id)!.bonusItems.map((i) => i.id)).toEqual(["property.bonus.own"]);
    expect(options.find((o) => o.id === contract.id)!.vetoItems.map((i) => i.id)).toContain(VETO);
  });

  const refusals: [string, () => Partial<Parameters<typeof recordBonus>[2]>, string][] = [
    ["another organisation's contract", () => ({ contractId: otherContract }), "not_found"],
    ["another organisation's site", () => ({ siteId: otherSite }), "not_found"],
    ["a site the contract does not cover", () => ({ siteId: uncovered }), "not_found"],
    ["an item of another service type", () => ({ itemId: "catering.bonus.commendation" }), "invalid_item"],
    ["a veto item as a bonus", () => ({ itemId: VETO }), "invalid_item"],
    ["a day before the contract's term", () => ({ occurredOn: "2025-12-31" }), "outside_term"],
    ["a day after today", () => ({ occurredOn: "2026-11-21" }), "in_future"],
    ["a malformed day", () => ({ occurredOn: "2026-02-30" }), "invalid_day"],
  ];
  let otherContract = "";
  let otherSite = "";
  let uncovered = "";
  for (const [what, change, error] of refusals) {
    it(`refuses ${what} and writes nothing`, async () => {
      const other = await makeOrg(t.db);
      otherContract = (await makeContract(t.db, { orgId: other.id })).id;
      otherSite = (await makeSite(t.db, { orgId: other.id })).id;
      uncovered = (await makeSite(t.db, { orgId })).id;
      const before = await counts();
      expect(await recordBonus(t.db, ctx(recorder.id), input(change()))).toEqual({ ok: false, error });
      expect(await counts()).toEqual(before);
    });
  }

  it("refuses a bonus item as a veto", async () => {
    expect(await recordVeto(t.db, ctx(recorder.id), input({ itemId: BONUS }))).toEqual({ ok: false, error: "invalid_item" });
  });

  for (const kind of ["bonus", "veto"] as const) {
    it(`refuses a ${kind} in a finalised quarter, writing only the refusal's audit row`, async () => {
      await makeContractQuarter(t.db, { orgId, contractId: contract.id, period: "2026-Q3", status: "finalised", revision: 1 });
      const before = await counts();
      const record = kind === "bonus" ? recordBonus : recordVeto;
      const result = await record(t.db, ctx(recorder.id), input({ occurredOn: "2026-09-30", itemId: kind === "bonus" ? BONUS : VETO }));
      expect(result).toEqual({ ok: false, error: "quarter_locked" });
      expect(await counts()).toEqual({ ...before, audit_log: before.audit_log! + 1 });
      const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, `${kind}.create.refused`));
      expect(entry!.after).toMatchObject({ reason: "quarter_locked" });
    });
  }
});

describe("confirmVeto: the four-eyes rule", () => {
  let vetoId: string;
  beforeEach(async () => {
    const r = await recordVeto(t.db, ctx(recorder.id), input({ itemId: VETO }));
    if (!r.ok) throw new Error(r.error);
    vetoId = r.id;
  });

  it("refuses the recorder", async () => {
    const before = await counts();
    expect(await confirmVeto(t.db, ctx(recorder.id), { vetoId, role: "supervisor", today: TODAY })).toEqual({ ok: false, error: "not_allowed" });
    expect(await counts()).toEqual(before);
  });

  it("refuses a role other than supervisor or admin", async () => {
    expect(await confirmVeto(t.db, ctx(second.id), { vetoId, role: "procurement", today: TODAY })).toEqual({ ok: false, error: "not_allowed" });
  });

  it("a second supervisor confirms it; it then counts; a second confirmation fails", async () => {
    expect(await confirmVeto(t.db, ctx(second.id), { vetoId, role: "supervisor", today: TODAY })).toEqual({ ok: true, id: vetoId });
    const event = await getEvent(t.db, { orgId, kind: "veto", id: vetoId });
    expect(event).toMatchObject({ status: "confirmed", confirmedBy: second.id, confirmedByName: "陈志强" });
    const before = await counts();
    expect(await confirmVeto(t.db, ctx(admin.id), { vetoId, role: "admin", today: TODAY })).toEqual({ ok: false, error: "not_pending" });
    expect(await counts()).toEqual(before);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, vetoId), eq(auditLog.action, "veto.confirm")));
    expect(audits).toHaveLength(1);
  });

  it("an admin confirms it (a centre with one supervisor)", async () => {
    expect((await confirmVeto(t.db, ctx(admin.id), { vetoId, role: "admin", today: TODAY })).ok).toBe(true);
  });

  it("two confirmations racing: one wins, one audit row", async () => {
    const results = await Promise.all([
      confirmVeto(t.db, ctx(second.id), { vetoId, role: "supervisor", today: TODAY }),
      confirmVeto(t.db, ctx(admin.id), { vetoId, role: "admin", today: TODAY }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.entityId, vetoId), eq(auditLog.action, "veto.confirm")));
    expect(audits).toHaveLength(1);
  });

  it("another organisation's veto is not found", async () => {
    const other = await makeOrg(t.db);
    const theirs = await makeVetoEvent(t.db, { orgId: other.id });
    expect(await confirmVeto(t.db, ctx(second.id), { vetoId: theirs.id, role: "supervisor", today: TODAY })).toEqual({ ok: false, error: "not_found" });
    expect(await getEvent(t.db, { orgId, kind: "veto", id: theirs.id })).toBeNull();
    expect(await withdrawVeto(t.db, ctx(second.id), { id: theirs.id, reason: "x", today: TODAY })).toEqual({ ok: false, error: "not_found" });
  });

  it("refuses confirming in a quarter finalised since, writing only the refusal's audit row", async () => {
    await makeContractQuarter(t.db, { orgId, contractId: contract.id, period: "2026-Q4", status: "finalised", revision: 1 });
    const before = await counts();
    expect(await confirmVeto(t.db, ctx(second.id), { vetoId, role: "supervisor", today: TODAY })).toEqual({ ok: false, error: "quarter_locked" });
    expect(await counts()).toEqual({ ...before, audit_log: before.audit_log! + 1 });
    const [row] = await t.db.select().from(vetoEvents).where(eq(vetoEvents.id, vetoId));
    expect(row!.status).toBe("pending");
  });
});

describe("withdrawal", () => {
  it("withdraws a bonus with its reason; withdrawing again fails", async () => {
    const r = await recordBonus(t.db, ctx(recorder.id), input());
    if (!r.ok) throw new Error(r.error);
    expect(await withdrawBonus(t.db, ctx(second.id), { id: r.id, reason: "重复登记", today: TODAY })).toEqual({ ok: true, id: r.id });
    expect(await getEvent(t.db, { orgId, kind: "bonus", id: r.id })).toMatchObject({ status: "withdrawn", withdrawnReason: "重复登记", withdrawnByName: "陈志强" });
    expect(await withdrawBonus(t.db, ctx(second.id), { id: r.id, reason: "again", today: TODAY })).toEqual({ ok: false, error: "already_withdrawn" });
    expect((await eventsForScoring(t.db, { orgId, contractId: contract.id, period: "2026-Q4" })).bonuses).toEqual([]);
  });

  it("refuses withdrawing a confirmed veto of a finalised quarter", async () => {
    const veto = await makeVetoEvent(t.db, { orgId, contractId: contract.id, recordedBy: recorder.id, itemId: VETO, status: "confirmed", confirmedBy: second.id, occurredOn: "2026-08-01", period: "2026-Q3" });
    await makeContractQuarter(t.db, { orgId, contractId: contract.id, period: "2026-Q3", status: "finalised", revision: 1 });
    const before = await counts();
    expect(await withdrawVeto(t.db, ctx(second.id), { id: veto.id, reason: "误报", today: TODAY })).toEqual({ ok: false, error: "quarter_locked" });
    expect(await counts()).toEqual({ ...before, audit_log: before.audit_log! + 1 });
  });
});

describe("listEvents", () => {
  it("lists both kinds, filters by kind, status and contract", async () => {
    await recordBonus(t.db, ctx(recorder.id), input({ occurredOn: "2026-11-01" }));
    const veto = await recordVeto(t.db, ctx(recorder.id), input({ itemId: VETO, occurredOn: "2026-11-05" }));
    const other = await makeContract(t.db, { orgId });
    await recordBonus(t.db, ctx(recorder.id), input({ contractId: other.id, siteId: null, occurredOn: "2026-10-01" }));
    const all = await listEvents(t.db, { orgId });
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.occurredOn)).toEqual(["2026-11-05", "2026-11-01", "2026-10-01"]);
    expect((await listEvents(t.db, { orgId, kind: "veto" })).rows.map((r) => r.kind)).toEqual(["veto"]);
    expect((await listEvents(t.db, { orgId, status: "pending" })).rows.map((r) => r.id)).toEqual([veto.ok ? veto.id : ""]);
    expect((await listEvents(t.db, { orgId, status: "counted" })).total).toBe(2);
    expect((await listEvents(t.db, { orgId, kind: "bonus", status: "pending" })).total).toBe(0);
    expect((await listEvents(t.db, { orgId, contractId: other.id })).total).toBe(1);
    expect((await listEvents(t.db, { orgId, period: "2026-Q4" })).total).toBe(3);
    expect((await listEvents(t.db, { orgId: (await makeOrg(t.db)).id })).total).toBe(0);
  });
});

describe("eventsForScoring", () => {
  it("returns counted bonuses and confirmed vetoes only, and scoreQuarter takes them", async () => {
    await recordBonus(t.db, ctx(recorder.id), input({ occurredOn: "2026-10-02" }));
    const withdrawn = await recordBonus(t.db, ctx(recorder.id), input({ occurredOn: "2026-10-03" }));
    if (withdrawn.ok) await withdrawBonus(t.db, ctx(recorder.id), { id: withdrawn.id, reason: "误录", today: TODAY });
    const pending = await recordVeto(t.db, ctx(recorder.id), input({ itemId: VETO, occurredOn: "2026-10-04" }));
    const confirmed = await recordVeto(t.db, ctx(recorder.id), input({ itemId: VETO, occurredOn: "2026-10-05", note: "确认事故" }));
    if (!pending.ok || !confirmed.ok) throw new Error("setup");
    const input0 = { orgId, contractId: contract.id, period: "2026-Q4" };
    const empty = { respondents: 0, questions: {} };
    const beforeConfirm = await eventsForScoring(t.db, input0);
    expect(beforeConfirm).toEqual({ bonuses: [{ itemId: BONUS, note: "暴雨夜防汛值守" }], vetoes: [] });
    const rubric = defaultRubric("property");
    expect(scoreQuarter(rubric, { period: "2026-Q4", asOf: TODAY, survey: empty, findings: [], ...beforeConfirm }).vetoed).toBe(false);

    await confirmVeto(t.db, ctx(second.id), { vetoId: confirmed.id, role: "supervisor", today: TODAY });
    const after = await eventsForScoring(t.db, input0);
    expect(after.vetoes).toEqual([{ itemId: VETO, occurredOn: "2026-10-05", note: "确认事故" }]);
    const score = scoreQuarter(rubric, { period: "2026-Q4", asOf: TODAY, survey: empty, findings: [], ...after });
    expect(score.vetoed).toBe(true);
    expect(score.grade).toBe("fail");
    expect(score.bonus).toBeGreaterThanOrEqual(0);
    // Another quarter or organisation sees nothing.
    expect(await eventsForScoring(t.db, { ...input0, period: "2026-Q3" })).toEqual({ bonuses: [], vetoes: [] });
    expect(await eventsForScoring(t.db, { ...input0, orgId: (await makeOrg(t.db)).id })).toEqual({ bonuses: [], vetoes: [] });
  });

  it("evidence rows belong to the event", async () => {
    const r = await recordVeto(t.db, ctx(recorder.id), input({ itemId: VETO, photos: [photo(7)] }));
    if (!r.ok) throw new Error(r.error);
    const rows = await t.db.select().from(evidenceFiles).where(eq(evidenceFiles.vetoEventId, r.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ orgId, uploadedBy: recorder.id, bytes: 1007 });
  });
});
