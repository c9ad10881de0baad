/**
 * Anonymity by design (docs/decisions/004-survey-anonymity.md): with full
 * SQL access, try to pair responses with the invites that allowed them, or
 * with the staff who took part — by shared column values, by row order
 * under every stored column and the physical order, and by date (none is
 * stored) — and fail. The WAL and page-level attack is in survey-wal.test.ts.
 *
 * The test knows the truth (each submission carries a random marker in its
 * comment, remembered with the invite that was used), so it can check that
 * no attack recovers it.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../db/ids";
import { submitResponse } from "../../db/queries/surveys";
import { createTestDb, type TestDb } from "../helpers/db";
import { answersFor, makeOpenSurvey, type SurveyFixture } from "../helpers/surveys";

let t: TestDb;
let s: SurveyFixture;
/** In order of submission: the invite used (or staff member) and the marker put in the comment. */
const truth: { code?: string; userId?: string; marker: string; day: string }[] = [];

const DAYS = ["2026-09-03", "2026-09-04", "2026-09-07"];
const PER_DAY = 5;

type Row = Record<string, unknown>;
async function rows(query: string): Promise<Row[]> {
  return t.db.all<Row>(sql.raw(query));
}
async function columns(table: string): Promise<string[]> {
  return (await rows(`PRAGMA table_info(${table})`)).map((r) => String(r.name));
}

beforeAll(async () => {
  t = await createTestDb();
  s = await makeOpenSurvey(t.db, { invites: DAYS.length * PER_DAY + 3, staff: DAYS.length * 2 });
  let invite = 0;
  let staff = 0;
  for (const day of DAYS) {
    // Five invites and two signed-in staff per day, interleaved, one after the other.
    for (let i = 0; i < PER_DAY; i++) {
      const code = s.inviteCodes[invite++]!;
      const marker = newId();
      const r = await submitResponse(t.db, { campaign: { inviteCode: code }, answers: answersFor(s.questionIds, (i % 5) + 1), comment: marker, today: day });
      expect(r).toEqual({ ok: true });
      truth.push({ code, marker, day });
      if (i % 2 === 0 && i < 4) {
        const userId = s.staffIds[staff++]!;
        const m = newId();
        expect(
          await submitResponse(t.db, { campaign: { campaignId: s.campaignId, orgId: s.orgId }, participant: { userId }, answers: answersFor(s.questionIds, 3), comment: m, today: day }),
        ).toEqual({ ok: true });
        truth.push({ userId, marker: m, day });
      }
    }
  }
});
afterAll(async () => t?.cleanup());

describe("the schema cannot link a response to a person", () => {
  it("survey_responses holds a random id, the campaign, the comment and whether it is released — no day, nothing else", async () => {
    expect((await columns("survey_responses")).sort()).toEqual(["campaign_id", "comment", "id", "org_id", "released"]);
    for (const name of await columns("survey_responses")) {
      expect(name).not.toMatch(/user|ip|addr|invite|code|time|_at$|created|agent|session|device|seq/i);
    }
    expect((await columns("survey_answers")).sort()).toEqual(["campaign_id", "org_id", "question_id", "response_id", "value"]);
  });

  it("survey_participations and survey_invites point at no response, and record no time", async () => {
    const participation = await columns("survey_participations");
    expect(participation.sort()).toEqual(["campaign_id", "org_id", "user_id"]);
    const invites = await columns("survey_invites");
    expect(invites.sort()).toEqual(["campaign_id", "code", "id", "org_id", "used"]);
    for (const name of [...participation, ...invites]) expect(name).not.toMatch(/response|_at$|time/i);
    const fks = await rows("PRAGMA foreign_key_list(survey_participations)");
    expect(fks.map((f) => f.table).sort()).toEqual(["organisations", "survey_campaigns", "users"]);
  });

  it("responses, answers and participations have no rowid (no hidden insertion order)", async () => {
    for (const table of ["survey_responses", "survey_answers", "survey_participations"]) {
      await expect(t.client.execute(`SELECT rowid FROM ${table} LIMIT 1`)).rejects.toThrow(/no such column: rowid/);
    }
  });

  it("a submission writes no audit entry", async () => {
    const audit = await rows(`SELECT action, entity, entity_id, after FROM audit_log`);
    const text = JSON.stringify(audit);
    for (const r of await rows(`SELECT id FROM survey_responses`)) expect(text).not.toContain(String(r.id));
    for (const { marker } of truth) expect(text).not.toContain(marker);
    expect(audit.every((a) => String(a.entity) !== "survey_response")).toBe(true);
  });
});

describe("pairing attacks fail", () => {
  /** The responses as stored, with the index in `truth` each one came from (known only to the test). */
  async function stored(order: string) {
    const list = await rows(`SELECT * FROM survey_responses WHERE campaign_id = '${s.campaignId}' ${order}`);
    return list.map((r) => ({ row: r, index: truth.findIndex((x) => x.marker === r.comment) }));
  }

  it("by column values: nothing but the campaign and the day is shared with an invite or a participation", async () => {
    const responses = await rows(`SELECT * FROM survey_responses WHERE campaign_id = '${s.campaignId}'`);
    const invites = await rows(`SELECT * FROM survey_invites WHERE campaign_id = '${s.campaignId}'`);
    const participations = await rows(`SELECT * FROM survey_participations WHERE campaign_id = '${s.campaignId}'`);
    const answers = await rows(`SELECT * FROM survey_answers WHERE campaign_id = '${s.campaignId}'`);
    expect(responses).toHaveLength(truth.length);
    const shared = new Set<string>();
    for (const r of responses) {
      const values = new Set(Object.entries(r).filter(([k]) => k !== "org_id" && k !== "campaign_id").map(([, v]) => String(v)));
      for (const other of [...invites, ...participations]) {
        for (const [k, v] of Object.entries(other)) if (k !== "org_id" && k !== "campaign_id" && values.has(String(v))) shared.add(k);
      }
    }
    // At most the flag 1 (a used invite, a released response), which every used invite shares: it pairs nothing.
    expect([...shared].filter((k) => k !== "used")).toEqual([]);
    // Answers reference the response only (never an invite or a user).
    const inviteValues = new Set(invites.flatMap((i) => [String(i.id), String(i.code)]));
    const userIds = new Set(participations.map((p) => String(p.user_id)));
    for (const a of answers) for (const v of Object.values(a)) expect(inviteValues.has(String(v)) || userIds.has(String(v))).toBe(false);
  });

  it("by date: no day is stored with a response or an invite; the per-day counters hold counts only", async () => {
    for (const table of ["survey_responses", "survey_invites", "survey_participations", "survey_answers"]) {
      for (const name of await columns(table)) expect(name, `${table}.${name}`).not.toMatch(/_on$|day|date|time|_at$/);
    }
    expect((await columns("survey_campaign_day_counts")).sort()).toEqual(["campaign_id", "day", "org_id", "respondents"]);
    const byDay = await rows(`SELECT day, respondents FROM survey_campaign_day_counts WHERE campaign_id = '${s.campaignId}' ORDER BY day`);
    expect(byDay.map((d) => [d.day, Number(d.respondents)])).toEqual(DAYS.map((day) => [day, truth.filter((x) => x.day === day).length]));
  });

  it("by order: no stored column, nor the physical order, gives back the order of submission", async () => {
    const submissionOrder = truth.map((_, i) => i);
    const orders = [
      "", // physical (primary key) order
      "ORDER BY id",
      "ORDER BY id DESC",
      "ORDER BY released, id",
      "ORDER BY released DESC, id DESC",
      "ORDER BY org_id, campaign_id, released",
    ];
    for (const order of orders) {
      const indices = (await stored(order)).map((x) => x.index);
      expect(indices.slice().sort((a, b) => a - b)).toEqual(submissionOrder);
      expect(indices, `responses ${order || "in physical order"} must not follow submission order`).not.toEqual(submissionOrder);
    }
    // Among the invite responses, the id order does not follow the order the invites were used in.
    const byId = (await stored("ORDER BY id")).filter((x) => truth[x.index]!.code).map((x) => x.index);
    expect(byId).not.toEqual([...byId].sort((a, b) => a - b));
  });

  it("by order of participations: they sort by user id, not by when anyone answered", async () => {
    const parts = await rows(`SELECT user_id FROM survey_participations WHERE campaign_id = '${s.campaignId}'`);
    const sequence = truth.filter((x) => x.userId).map((x) => x.userId);
    expect(parts.map((p) => p.user_id)).toEqual([...sequence].sort());
    expect(parts.map((p) => p.user_id)).not.toEqual(sequence);
    // And the n-th participation is not the n-th staff response by any response order.
    const staffResponses = (await stored("ORDER BY id")).filter((x) => truth[x.index]!.userId).map((x) => truth[x.index]!.userId);
    expect(staffResponses).not.toEqual(parts.map((p) => p.user_id));
  });

  it("even when the invites' use order is known exactly, the responses do not follow it", async () => {
    // Worst case for anonymity: the invites were used in the order they were created
    // (their rowid order), so an attacker knows the use order outright.
    const invites = await rows(`SELECT code FROM survey_invites WHERE campaign_id = '${s.campaignId}' ORDER BY rowid`);
    const useOrder = truth.filter((x) => x.code).map((x) => x.code);
    expect(invites.map((i) => String(i.code)).filter((c) => useOrder.includes(c))).toEqual(useOrder);
    // Pair the n-th used invite with the n-th invite response under each order: (almost) all wrong.
    for (const [order, limit] of [["", 8], ["ORDER BY id", 8], ["ORDER BY released, id", 8]] as const) {
      const inviteResponses = (await stored(order)).filter((x) => truth[x.index]!.code).map((x) => truth[x.index]!.code);
      const right = inviteResponses.filter((code, n) => code === useOrder[n]).length;
      // A random order gets about 1 right on average; 8 or more right happens about once in 10^5 runs.
      expect(right, `pairing by ${order || "physical order"}`).toBeLessThan(limit);
    }
  });
});
