/**
 * The demo organisation (seed/): what it creates, that the same day gives the
 * same rows, that a second run is a no-op, how --reset rebuilds it, and the
 * org:create command's core.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { verify } from "@node-rs/argon2";
import { count, eq, getTableName, is, sql } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword } from "../../server/password";
import { createDb, type Db, type DbHandle } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { findUserByEmail, listMembershipsOfUser } from "../../db/queries/auth";
import { findCampaignByToken, getCampaign, getTally, listOpenSurveysForUser } from "../../db/queries/surveys";
import * as s from "../../db/schema";
import { isValidUscc } from "../../domain/uscc";
import { periodEnd, periodStart } from "../../scoring/dates";
import { defaultRubric, satisfactionRate, type SurveyTally } from "../../scoring/index";
import { prepareDatabase } from "../../server/prepare-database";
import { createOrganisation, parseOrgCreateArgs, type OrgCreateArgs } from "../../scripts/org-create";
import { seedTarget } from "../../seed/cli";
import { DEMO_SEEDED_ACTION, DemoResetRefused, resetDemoDatabase, seedDemo, type SeedDemoResult } from "../../seed/demo";
import { buildDemoData, DEMO_CONTRACTOR_SIGN_INS, DEMO_ORG, DEMO_PASSWORD, DEMO_SIGN_INS, demoContracts, demoQuarters, type DemoContractKey } from "../../seed/demo-data";
import { planDemoSurveys } from "../../seed/demo-surveys";
import { demoRandom, mulberry32 } from "../../seed/random";
import { createTestDb, type TestDb } from "../helpers/db";
import { makeOrg } from "../helpers/factories";
import { liveTally, recountTally } from "../helpers/surveys";

const TODAY = "2026-07-15";

// Every seed here writes its photos into a folder of this test run, never the working copy's data/uploads.
const uploadsFolder = mkdtempSync(path.join(tmpdir(), "kaoping-seed-test-uploads-"));
const savedUploads = process.env.KAOPING_UPLOADS;
beforeAll(() => {
  process.env.KAOPING_UPLOADS = uploadsFolder;
});
afterAll(() => {
  if (savedUploads === undefined) delete process.env.KAOPING_UPLOADS;
  else process.env.KAOPING_UPLOADS = savedUploads;
  rmSync(uploadsFolder, { recursive: true, force: true });
});
/** Tests that seed the demo (a few thousand survey responses through `submitResponse`) once or twice. */
const SEED_TIMEOUT_MS = 90_000;

/** "YYYY-MM-DD" plus whole months, clamped to the month's end (2026-11-30 + 3 → 2027-02-28). */
function addMonths(day: string, months: number): string {
  const total = Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const d = Math.min(Number(day.slice(8, 10)), last);
  return `${year}-${String(month).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function everyDay(from: string, days: number): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

const ALL_TABLES = (Object.values(s) as unknown[]).filter((v): v is SQLiteTable => is(v, SQLiteTable));

async function rowCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ALL_TABLES) {
    const [row] = await db.select({ n: count() }).from(table);
    out[getTableName(table)] = row?.n ?? 0;
  }
  return out;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * The survey rows no audit entry names, made comparable by content (in place):
 * a response's id is random by design and its rows (survey_responses and the
 * WITHOUT ROWID survey_answers) are in no insertion order, so each response
 * becomes its campaign, day, comment and answers — {question: value} — with no
 * id, and its answer rows lose the response id; an invite becomes its campaign
 * and the day it was used (its id and code are random, like the open token).
 * Rows are then sorted by content like every other table's.
 */
function surveyRowsByContent(raw: Record<string, Record<string, unknown>[]>): void {
  const answers = new Map<unknown, Record<string, unknown>>();
  for (const a of raw.survey_answers ?? []) {
    const of = answers.get(a.response_id) ?? {};
    of[String(a.question_id)] = a.value;
    answers.set(a.response_id, of);
  }
  const sortedKeys = (o: Record<string, unknown> = {}) => Object.fromEntries(Object.entries(o).sort(([x], [y]) => x.localeCompare(y)));
  if (raw.survey_responses) raw.survey_responses = raw.survey_responses.map(({ id, ...r }) => ({ ...r, answers: sortedKeys(answers.get(id)) }));
  if (raw.survey_answers) raw.survey_answers = raw.survey_answers.map(({ response_id: _r, ...a }) => a);
  if (raw.survey_invites) raw.survey_invites = raw.survey_invites.map(({ id: _i, code, ...i }) => ({ ...i, code: typeof code === "string" ? "<code>" : code }));
  if (raw.survey_campaigns) raw.survey_campaigns = raw.survey_campaigns.map((c) => ({ ...c, open_token: "<token>" }));
}

/**
 * Every row of every table, comparable across databases: the random ids are
 * replaced by labels given in the order the rows were made (the order the
 * audit trail names them, which the seed fixes), and instants by "<instant>".
 * Days ("YYYY-MM-DD"), codes, names, values and the audit sequence stay.
 */
const STORAGE_KEY = /^[A-Za-z0-9_-]+\/[0-9a-f-]{36}(\.thumb)?\.jpg$/;

async function normalisedDump(db: Db): Promise<Record<string, unknown[]>> {
  const tables = (
    await db.all<{ name: string }>(
      sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> '__drizzle_migrations' order by name`,
    )
  ).map((r) => r.name);
  const raw: Record<string, Record<string, unknown>[]> = {};
  for (const table of tables) raw[table] = await db.all<Record<string, unknown>>(sql.raw(`select * from "${table}"`));
  surveyRowsByContent(raw);

  const parse = (value: unknown): unknown => {
    if (typeof value === "string" && /^[[{]/.test(value)) {
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    }
    return value;
  };
  const ids = new Set<string>();
  for (const [table, rows] of Object.entries(raw)) {
    if (table === "audit_log") continue;
    for (const row of rows) if (typeof row.id === "string") ids.add(row.id);
  }
  const labels = new Map<string, string>();
  const walk = (value: unknown, visit: (id: string) => void): void => {
    if (typeof value === "string" && ids.has(value)) visit(value);
    else if (Array.isArray(value)) value.forEach((v) => walk(v, visit));
    else if (value && typeof value === "object") Object.values(value).forEach((v) => walk(v, visit));
  };
  const give = (id: string) => {
    if (!labels.has(id)) labels.set(id, `#${labels.size + 1}`);
  };
  const audit = [...(raw.audit_log ?? [])].sort((a, b) => Number(a.id) - Number(b.id));
  for (const entry of audit) for (const column of ["entity_id", "before", "after"]) walk(parse(entry[column]), give);
  // Rows the audit names by something else than their id — a quarter's row and snapshots by "<contract id>:<period>",
  // a finding's "created" event by the finding — are labelled by what identifies them instead.
  const label = (v: unknown) => labels.get(String(v)) ?? "?";
  const naturalKeys: Record<string, (r: Record<string, unknown>) => string> = {
    contract_quarters: (r) => `${label(r.contract_id)} ${String(r.period)}`,
    quarter_scores: (r) => `${label(r.contract_id)} ${String(r.period)} ${String(r.revision).padStart(3, "0")}`,
    finding_events: (r) => `${label(r.finding_id)} ${String(r.kind)} ${String(r.on_day)}`,
  };
  for (const [table, key] of Object.entries(naturalKeys)) {
    const unlabelled = (raw[table] ?? []).filter((r) => !labels.has(String(r.id)));
    for (const row of unlabelled.sort((a, b) => key(a).localeCompare(key(b)))) give(String(row.id));
  }

  const mask = (value: unknown): unknown => {
    if (typeof value === "string") {
      if (labels.has(value)) return labels.get(value);
      if (ids.has(value)) return "<unlabelled id>";
      const quarter = /^(.+):(\d{4}-Q[1-4])$/.exec(value); // a contract-quarter's audit entity, "<contract id>:2026-Q3"
      if (quarter && labels.has(quarter[1]!)) return `${labels.get(quarter[1]!)}:${quarter[2]}`;
      if (ISO_INSTANT.test(value)) return "<instant>";
      // A stored photo's key names the organisation and a random file id (server/uploads.ts photoKeys).
      if (STORAGE_KEY.test(value)) return "<storage key>";
      return value;
    }
    if (Array.isArray(value)) return value.map(mask);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mask(v)]));
    return value;
  };
  // The input builder lists the findings of a day in id order, and ids are random: compare a snapshot's
  // lists as sets. For the same reason, once a dimension reaches 0 which finding's deduction is the one
  // cut short differs between two databases (points and reason), while every total stays the same.
  const unordered = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(unordered).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
    if (value && typeof value === "object") {
      const deduction = "findingId" in value && "points" in value;
      return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (deduction && (k === "points" || k === "reason") ? [] : [[k, unordered(v)]])));
    }
    return value;
  };
  const dump: Record<string, unknown[]> = {};
  for (const [table, rows] of Object.entries(raw)) {
    dump[table] = rows
      .map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, mask(parse(v))])))
      .map((row) => (table === "quarter_scores" ? unordered(row) : row))
      .map((row) => JSON.stringify(row))
      .sort()
      .map((json) => JSON.parse(json) as unknown);
  }
  return dump;
}

function expectCreated(result: SeedDemoResult): asserts result is Extract<SeedDemoResult, { created: true }> {
  expect(result.created, JSON.stringify(result)).toBe(true);
}

// ---------------------------------------------------------------- pure data

describe("demo data (pure)", () => {
  it("has 7 sites, 49 grid cells with unique codes, 5 contractors with valid credit codes", () => {
    const data = buildDemoData(TODAY);
    expect(data.org).toEqual({ name: "示范市机关事务服务中心", slug: "demo", timeZone: "Asia/Shanghai" });
    expect(data.sites).toHaveLength(7);
    expect(data.gridCells).toHaveLength(49);
    expect(new Set(data.gridCells.map((c) => c.code)).size).toBe(49);
    expect(data.gridCells.every((c) => /^[A-Z]-\d{2}$/.test(c.code))).toBe(true);
    const supervisors = new Set(data.users.filter((u) => u.role === "supervisor").map((u) => u.key));
    expect(data.gridCells.every((c) => supervisors.has(c.leaderKey))).toBe(true);
    expect(data.contractors.map((c) => c.name)).toEqual([
      "安居物业服务有限公司",
      "禾丰餐饮管理有限公司",
      "百味团膳有限公司",
      "绿源园林绿化有限公司",
      "嘉会会务服务有限公司",
    ]);
    expect(data.contractors.every((c) => isValidUscc(c.creditCode))).toBe(true);
    expect(new Set(data.contractors.map((c) => c.creditCode)).size).toBe(5);
  });

  it("counts the eight quarters back from the current one", () => {
    expect(demoQuarters("2026-07-15")).toEqual(["2024-Q4", "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]);
    expect(demoQuarters("2027-01-01")[7]).toBe("2027-Q1");
    expect(() => demoQuarters("2026-02-30")).toThrow(RangeError);
  });

  it("on every day of two years: the east canteen ends within three months, every term covers the eight quarters, all end on different days", () => {
    for (const today of everyDay("2025-12-01", 731)) {
      const contracts = demoContracts(today);
      const quarters = demoQuarters(today);
      const east = contracts.find((c) => c.key === "east-canteen")!;
      expect(east.endOn > today && east.endOn < addMonths(today, 3), `${today}: east canteen ends ${east.endOn}`).toBe(true);
      for (const c of contracts) {
        expect(c.startOn, `${today} ${c.key}`).toBe(periodStart(quarters[0]!));
        expect(c.endOn >= periodEnd(quarters[7]!), `${today} ${c.key} ends ${c.endOn}`).toBe(true);
      }
      for (const c of contracts.filter((x) => x.key !== "east-canteen")) {
        expect(c.endOn >= addMonths(today, 3), `${today} ${c.key} ends ${c.endOn}`).toBe(true);
      }
      const main = contracts.find((c) => c.key === "main-canteen")!;
      expect(main.endOn >= addMonths(today, 5) && main.endOn <= addMonths(today, 9), `${today}: main canteen ends ${main.endOn}`).toBe(true);
      expect(new Set(contracts.map((c) => c.endOn)).size).toBe(5);
    }
  });

  it("plans the survey history so that it holds on any day: windows, days, channels and exact rates", () => {
    for (const today of ["2026-07-01", "2026-07-15", "2026-09-30", "2026-11-20", "2027-01-01", "2027-02-28"]) {
      const plans = planDemoSurveys(today);
      const quarters = demoQuarters(today);
      expect(plans).toHaveLength(5 * quarters.length);
      for (const plan of plans) {
        const where = `${today} ${plan.contractKey} ${plan.period}`;
        expect(plan.period, where).toBe(quarters[plan.quarter]);
        expect(plan.current, where).toBe(plan.quarter === quarters.length - 1);
        const lastDay = plan.current ? today : plan.closesOn;
        if (plan.current) expect(plan.opensOn <= today && today <= plan.closesOn, where).toBe(true);
        else expect(plan.responses.length, where).toBeGreaterThanOrEqual(plan.serviceType === "catering" ? 100 : 40);
        expect(plan.responses.length, where).toBeGreaterThan(0);
        expect(plan.responses.every((r) => plan.opensOn <= r.day && r.day <= lastDay), where).toBe(true);
        expect(plan.responses.filter((r) => r.via === "invite").length, where).toBeLessThanOrEqual(plan.inviteCount);
        if (plan.current) expect(plan.responses.some((r) => r.participant === "staff"), where).toBe(false);
        const values = plan.responses.flatMap((r) => Object.values(r.answers));
        const rate = values.filter((v) => v >= 4).length / values.length;
        expect(Math.abs(rate - plan.targetRate), where).toBeLessThanOrEqual(1 / values.length);
      }
    }
    expect(planDemoSurveys(TODAY)).toEqual(planDemoSurveys(TODAY));
  });

  it("is the same for the same day, and the generator is the published mulberry32", () => {
    expect(buildDemoData(TODAY)).toEqual(buildDemoData(TODAY));
    expect(mulberry32(1)()).toBe(0.6270739405881613);
    expect(demoRandom("a").next()).toBe(demoRandom("a").next());
    expect(demoRandom("a").next()).not.toBe(demoRandom("b").next());
  });
});

// ---------------------------------------------------------------- the seed

describe("seedDemo", { timeout: SEED_TIMEOUT_MS }, () => {
  let passwordHash: string;
  const dbs: TestDb[] = [];
  const fresh = async () => {
    const t = await createTestDb();
    dbs.push(t);
    return t;
  };
  beforeAll(async () => {
    passwordHash = await hashPassword(DEMO_PASSWORD); // once: argon2 is slow on purpose
  });
  afterAll(async () => {
    for (const t of dbs) await t.cleanup();
  });

  let t: TestDb;
  let first: SeedDemoResult;
  beforeAll(async () => {
    t = await fresh();
    first = await seedDemo(t.db, { today: TODAY, passwordHash });
  });

  it("creates one organisation with 7 sites, 49 grid cells, 5 contractors and 5 contracts", async () => {
    expectCreated(first);
    const counts = await rowCounts(t.db);
    expect(counts).toMatchObject({
      organisations: 1,
      // Ten of the centre and one person per contractor.
      users: 15,
      memberships: 15,
      sites: 7,
      grid_cells: 49,
      contractors: 5,
      contracts: 5,
      contract_sites: 7,
    });
    const [org] = await t.db.select().from(s.organisations);
    expect(org).toMatchObject({ name: "示范市机关事务服务中心", slug: "demo", timeZone: "Asia/Shanghai" });
    const contractors = await t.db.select().from(s.contractors);
    expect(contractors.every((c) => c.orgId === org!.id && isValidUscc(c.creditCode))).toBe(true);
    const cells = await t.db.select().from(s.gridCells);
    expect(cells.every((c) => c.patrolLeaderUserId !== null)).toBe(true);
  });

  it("writes contracts whose terms cover the eight quarters, the east canteen's ending within three months", async () => {
    const quarters = demoQuarters(TODAY);
    const rows = await t.db
      .select({ name: s.contractors.name, contract: s.contracts })
      .from(s.contracts)
      .innerJoin(s.contractors, eq(s.contractors.id, s.contracts.contractorId));
    expect(rows).toHaveLength(5);
    for (const { contract } of rows) {
      expect(contract.startOn).toBe(periodStart(quarters[0]!));
      expect(contract.endOn >= periodEnd(quarters[7]!)).toBe(true);
      expect(contract.status).toBe("active");
      expect(contract.annualValueFen).toBeGreaterThan(0);
    }
    const east = rows.find((r) => r.name === "百味团膳有限公司")!.contract;
    expect(east.serviceType).toBe("catering");
    expect(east.endOn > TODAY && east.endOn < addMonths(TODAY, 3)).toBe(true);
    expect(rows.find((r) => r.name === "绿源园林绿化有限公司")!.contract.paymentRule.kind).toBe("linear_below");
    expect(new Set(rows.map((r) => r.contract.endOn)).size).toBe(5);
  });

  it("lets the four demo sign-ins in with kaoping-demo, each with its role", async () => {
    for (const signIn of DEMO_SIGN_INS) {
      const user = await findUserByEmail(t.db, signIn.email);
      expect(user, signIn.email).not.toBeNull();
      expect(await verify(user!.passwordHash, "kaoping-demo"), signIn.email).toBe(true);
      expect(await verify(user!.passwordHash, "wrong-password")).toBe(false);
      const memberships = await listMembershipsOfUser(t.db, user!.id);
      expect(memberships.map((m) => [m.orgName, m.role])).toEqual([["示范市机关事务服务中心", signIn.role]]);
    }
  });

  it("lets each contractor's person in with kaoping-demo, linked to that contractor", async () => {
    expectCreated(first);
    expect(DEMO_CONTRACTOR_SIGN_INS.map((p) => p.contractorKey).sort()).toEqual(Object.keys(first.ids.contractors).sort());
    for (const person of DEMO_CONTRACTOR_SIGN_INS) {
      const user = await findUserByEmail(t.db, person.email);
      expect(user, person.email).not.toBeNull();
      expect(await verify(user!.passwordHash, "kaoping-demo"), person.email).toBe(true);
      expect(first.ids.contractorPeople[person.contractorKey]).toBe(user!.id);
      const [membership] = await t.db.select().from(s.memberships).where(eq(s.memberships.userId, user!.id));
      expect(membership).toMatchObject({ role: "contractor", contractorId: first.ids.contractors[person.contractorKey] });
    }
  });

  it("audits every row — as the system, the survey campaigns as the supervisor who runs them — and ends with the completion marker", async () => {
    expectCreated(first);
    const supervisor = first.ids.users.supervisor;
    const entries = await t.db.select().from(s.auditLog).orderBy(s.auditLog.id);
    const [surveys, others] = [entries.filter((e) => e.entity === "survey_campaign"), entries.filter((e) => e.entity !== "survey_campaign")];
    // The inspection history names the people who recorded each step (seed-inspections.test.ts checks who); the directory is the system's.
    // …and the quarters' sign-offs (seed/demo-scores.ts) name the supervisor who finalised or reopened them.
    // …and the demo's two appeals (seed/demo-appeals.ts) name the contractor's person who filed and the supervisor who decided.
    const HISTORY = new Set(["inspection", "finding", "bonus_event", "veto_event", "contract_quarter", "appeal"]);
    expect(others.filter((e) => !HISTORY.has(e.entity)).every((e) => e.actorUserId === null)).toBe(true);
    expect(others.filter((e) => HISTORY.has(e.entity)).every((e) => e.actorUserId !== null)).toBe(true);
    // Created for 5 contracts × 8 quarters, closed for the 7 past ones; a campaign names a person as its author.
    expect(surveys.filter((e) => e.action === "survey_campaign.create")).toHaveLength(40);
    expect(surveys.filter((e) => e.action === "survey_campaign.close")).toHaveLength(35);
    expect(surveys.every((e) => e.actorUserId === supervisor)).toBe(true);
    // No response is audited, and no secret of a campaign is in the log.
    expect(entries.filter((e) => e.entity === "survey_response")).toHaveLength(0);
    const tokens = await t.db.select({ token: s.surveyCampaigns.openToken }).from(s.surveyCampaigns);
    const log = JSON.stringify(entries);
    expect(tokens.some(({ token }) => log.includes(token))).toBe(false);
    expect(entries[0]).toMatchObject({ action: "organisation.create", orgId: null });
    expect(entries.at(-1)).toMatchObject({ action: DEMO_SEEDED_ACTION, after: { today: TODAY } });
    expect(JSON.stringify(entries)).not.toContain(passwordHash);
  });

  describe("survey history", () => {
    /** Noon of TODAY in Shanghai. */
    const NOW = new Date(`${TODAY}T04:00:00Z`);
    const CANTEENS: readonly DemoContractKey[] = ["main-canteen", "east-canteen"];
    interface Quarter {
      period: string;
      campaign: typeof s.surveyCampaigns.$inferSelect;
      tally: SurveyTally;
      rate: number;
    }
    let demo: Extract<SeedDemoResult, { created: true }>;
    let history: Record<DemoContractKey, Quarter[]>;
    let quarters: string[];

    beforeAll(async () => {
      expectCreated(first);
      demo = first;
      quarters = demoQuarters(TODAY);
      history = {} as Record<DemoContractKey, Quarter[]>;
      for (const contract of demoContracts(TODAY)) {
        const campaigns = await t.db
          .select()
          .from(s.surveyCampaigns)
          .where(eq(s.surveyCampaigns.contractId, demo.ids.contracts[contract.key]))
          .orderBy(s.surveyCampaigns.period);
        history[contract.key] = [];
        for (const campaign of campaigns) {
          const tally = (await getTally(t.db, { orgId: demo.orgId, campaignId: campaign.id }))!;
          const rate = satisfactionRate(defaultRubric(contract.serviceType), tally)!;
          history[contract.key].push({ period: campaign.period, campaign, tally, rate });
        }
      }
    });

    const past = (key: DemoContractKey) => history[key].slice(0, -1);
    const rates = (key: DemoContractKey) => history[key].map((q) => q.rate);

    it("has a campaign for every contract in each of the eight quarters; the past ones closed, the current one open", () => {
      for (const key of Object.keys(history) as DemoContractKey[]) {
        expect(history[key].map((q) => q.period), key).toEqual(quarters);
        for (const { period, campaign } of history[key]) {
          const current = period === quarters.at(-1);
          expect(campaign.status, `${key} ${period}`).toBe(current ? "open" : "closed");
          expect(campaign.allowOpenLink).toBe(true);
          expect(campaign.opensOn >= periodStart(period) && campaign.closesOn <= periodEnd(period), `${key} ${period}`).toBe(true);
          if (!current) expect(campaign.closedAt).not.toBeNull();
        }
      }
    });

    it("has dozens to hundreds of respondents per past campaign, hundreds per quarter, and every tally equals the recount", async () => {
      for (const key of Object.keys(history) as DemoContractKey[]) {
        for (const { period, tally } of past(key)) {
          expect(tally.respondents, `${key} ${period}`).toBeGreaterThanOrEqual(CANTEENS.includes(key) ? 100 : 40);
        }
        for (const { period, campaign, tally } of history[key]) {
          // A closed campaign's released tally is the whole of it; an open one's lags by under 5 (the live one is exact).
          const q = { orgId: demo.orgId, campaignId: campaign.id };
          const recount = await recountTally(t.db, q);
          expect(await liveTally(t.db, q), `${key} ${period}`).toEqual(recount);
          if (campaign.status === "closed") expect(recount, `${key} ${period}`).toEqual(tally);
          else expect(recount!.respondents - tally.respondents, `${key} ${period}`).toBeLessThan(5);
          // Every question answered by every respondent (all are required).
          for (const counts of Object.values(tally.questions)) expect(counts.reduce((a, b) => a + b, 0)).toBe(tally.respondents);
        }
      }
      for (const [i, period] of quarters.slice(0, -1).entries()) {
        const total = Object.values(history).reduce((n, qs) => n + qs[i]!.tally.respondents, 0);
        expect(total, period).toBeGreaterThanOrEqual(300);
      }
      // The current campaigns are running: some answers so far, fewer than a whole quarter's.
      for (const key of Object.keys(history) as DemoContractKey[]) {
        const current = history[key].at(-1)!.tally.respondents;
        expect(current, key).toBeGreaterThan(0);
        expect(current, key).toBeLessThan(Math.max(...past(key).map((q) => q.tally.respondents)));
      }
    });

    it("tells each contract's story in its satisfaction rate", () => {
      // 安居物业: weak start, steady improvement.
      const property = rates("property");
      expect(property[0]!).toBeLessThan(0.9);
      expect(property.at(-1)!).toBeGreaterThan(property[0]! + 0.08);
      expect(property.every((r, i) => i === 0 || r >= property[i - 1]!)).toBe(true);
      // 绿源园林: declining.
      const greening = rates("greening");
      expect(greening[0]!).toBeGreaterThan(greening.at(-1)! + 0.08);
      expect(greening.every((r, i) => i === 0 || r <= greening[i - 1]!)).toBe(true);
      // 嘉会会务: excellent throughout.
      expect(Math.min(...rates("meeting"))).toBeGreaterThanOrEqual(0.98);
      // 百味团膳: good, yet always just under the 98 % target.
      for (const r of rates("east-canteen")) expect(r >= 0.94 && r < 0.98, String(r)).toBe(true);
      // 禾丰餐饮: good until the quarter of its veto, two quarters ago — its lowest.
      const main = rates("main-canteen");
      const veto = quarters.length - 3;
      for (const r of main.slice(0, veto)) expect(r >= 0.96 && r <= 0.98, String(r)).toBe(true);
      expect(Math.min(...main)).toBe(main[veto]);
    });

    it("has a comment on about one response in ten, a little straight-lining, and every response counted on a day inside its window", async () => {
      const [row] = await t.db.all<{ n: number; comments: number }>(sql`select count(*) as n, count(comment) as comments from survey_responses`);
      expect(row!.comments / row!.n).toBeGreaterThan(0.05);
      expect(row!.comments / row!.n).toBeLessThan(0.2);
      const comments = await t.db.select({ comment: s.surveyResponses.comment }).from(s.surveyResponses).where(sql`comment is not null`);
      expect(comments.every(({ comment }) => /\p{Script=Han}/u.test(comment!))).toBe(true);
      const [counts] = await t.db.all<{ n: number; straight: number }>(
        sql`select sum(respondents) as n, sum(straight_lined) as straight from survey_campaign_counts`,
      );
      expect(counts!.n).toBe(row!.n);
      expect(counts!.straight).toBeGreaterThan(0);
      expect(counts!.straight / counts!.n).toBeLessThan(0.08);
      // No response stores a day: the per-day counters add up to the responses, on days inside each window.
      const [days] = await t.db.all<{ n: number; outside: number }>(sql`select sum(d.respondents) as n,
        coalesce(sum(d.day < c.opens_on or d.day > c.closes_on or d.day > ${TODAY}), 0) as outside
        from survey_campaign_day_counts d join survey_campaigns c on c.id = d.campaign_id`);
      expect(days!.n).toBe(row!.n);
      expect(Number(days!.outside)).toBe(0);
      // Invites were used, never more than printed (whether, never when).
      const invites = await t.db.all<{ total: number; used: number }>(sql`select count(*) as total, sum(i.used) as used
        from survey_invites i join survey_campaigns c on c.id = i.campaign_id group by c.id`);
      expect(invites).toHaveLength(40);
      for (const i of invites) expect(i.used > 0 && i.used <= i.total, JSON.stringify(i)).toBe(true);
    });

    it("takes responses today in the current quarter, and the staff sign-in has answered none of them", async () => {
      for (const key of Object.keys(history) as DemoContractKey[]) {
        const { campaign } = history[key].at(-1)!;
        expect(campaign.opensOn <= TODAY && TODAY <= campaign.closesOn, key).toBe(true);
        expect(await getCampaign(t.db, { orgId: demo.orgId, campaignId: campaign.id, now: NOW })).toMatchObject({ acceptsResponses: true, reason: null });
        expect(await findCampaignByToken(t.db, campaign.openToken, NOW)).toMatchObject({ acceptsResponses: true });
        const { campaign: last } = history[key].at(-2)!;
        expect(await getCampaign(t.db, { orgId: demo.orgId, campaignId: last.id, now: NOW })).toMatchObject({ acceptsResponses: false, reason: "closed" });
      }
      const staff = demo.ids.users.staff;
      const open = await listOpenSurveysForUser(t.db, { orgId: demo.orgId, userId: staff, today: TODAY });
      expect(open).toHaveLength(5);
      expect(open.every((o) => o.period === quarters.at(-1) && !o.participated)).toBe(true);
      // Other staff took part now and then, signed in.
      const participations = await t.db.select().from(s.surveyParticipations);
      expect(participations.length).toBeGreaterThan(0);
      const currentIds = new Set(Object.values(history).map((qs) => qs.at(-1)!.campaign.id));
      expect(participations.some((p) => p.userId === staff && currentIds.has(p.campaignId))).toBe(false);
    });
  });

  it("does nothing the second time (no row of any table added)", async () => {
    const before = await rowCounts(t.db);
    const again = await seedDemo(t.db, { today: TODAY, passwordHash: () => Promise.reject(new Error("must not hash")) });
    expect(again).toMatchObject({ created: false, reason: "exists", complete: true });
    expect(await rowCounts(t.db)).toEqual(before);
    // Not even on another day.
    await seedDemo(t.db, { today: "2027-03-01", passwordHash });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("gives identical rows (up to ids and instants) on two databases seeded for the same day", async () => {
    const other = await fresh();
    expectCreated(await seedDemo(other.db, { today: TODAY, passwordHash }));
    const [a, b] = [await normalisedDump(t.db), await normalisedDump(other.db)];
    expect(b).toEqual(a);
    // The comparison saw the rows and their references, not empty tables.
    expect(a.grid_cells).toHaveLength(49);
    expect(JSON.stringify(a)).not.toContain("<unlabelled id>");
    expect((a.contract_sites as { contract_id: string }[]).every((r) => /^#\d+$/.test(r.contract_id))).toBe(true);
    // Survey responses are compared by content — campaign, day, comment and every answer — not by their random ids.
    const responses = a.survey_responses as { campaign_id: string; answers: Record<string, number> }[];
    expect(responses.length).toBeGreaterThan(3000);
    expect(responses.every((r) => /^#\d+$/.test(r.campaign_id) && Object.keys(r.answers).length >= 8)).toBe(true);
    expect(a.survey_answers).toHaveLength(responses.length * 8); // every questionnaire of the demo has eight questions

    // …so two respondents' answers to one question swapped, the tallies unchanged, is a different history.
    type AnswerRow = { response_id: string; value: number };
    const swap = async (x: AnswerRow, y: AnswerRow) => {
      await other.db.run(sql`update survey_answers set value = ${y.value} where response_id = ${x.response_id} and question_id = 'property.q.cleaning'`);
      await other.db.run(sql`update survey_answers set value = ${x.value} where response_id = ${y.response_id} and question_id = 'property.q.cleaning'`);
    };
    const [three, five] = await other.db.all<AnswerRow>(
      sql`select response_id, min(value) as value from survey_answers where question_id = 'property.q.cleaning' and value in (3, 5) group by value order by value`,
    );
    expect([three!.value, five!.value]).toEqual([3, 5]);
    await swap(three!, five!);
    expect(await normalisedDump(other.db)).not.toEqual(a);
    await swap({ ...three!, value: 5 }, { ...five!, value: 3 });
    expect(await normalisedDump(other.db)).toEqual(a);

    // …and it would notice two patrol leaders swapped behind the audit trail's back.
    const [x, y] = await other.db.select().from(s.gridCells).where(sql`${s.gridCells.code} in ('A-01', 'B-03')`).orderBy(s.gridCells.code);
    expect(x!.patrolLeaderUserId).not.toBe(y!.patrolLeaderUserId);
    await other.db.update(s.gridCells).set({ patrolLeaderUserId: y!.patrolLeaderUserId }).where(eq(s.gridCells.id, x!.id));
    await other.db.update(s.gridCells).set({ patrolLeaderUserId: x!.patrolLeaderUserId }).where(eq(s.gridCells.id, y!.id));
    expect(await normalisedDump(other.db)).not.toEqual(a);
  });

  it("moves the contract dates, and nothing else of the directory, for another day", async () => {
    const other = await fresh();
    expectCreated(await seedDemo(other.db, { today: "2026-11-20", passwordHash }));
    const [a, b] = [await normalisedDump(t.db), await normalisedDump(other.db)];
    for (const table of ["organisations", "users", "memberships", "sites", "grid_cells", "contractors", "contract_sites"]) {
      expect(b[table], table).toEqual(a[table]);
    }
    const terms = async (db: Db) =>
      (await db.select({ code: s.contracts.code, startOn: s.contracts.startOn, endOn: s.contracts.endOn }).from(s.contracts)).sort((x, y) =>
        String(x.code).localeCompare(String(y.code)),
      );
    const [before, after] = [await terms(t.db), await terms(other.db)];
    expect(after.map((c) => c.startOn)).not.toEqual(before.map((c) => c.startOn));
    expect(after.every((c, i) => c.endOn !== before[i]!.endOn)).toBe(true);
    expect(after.every((c) => c.startOn === "2025-01-01")).toBe(true); // 2026-Q4 and the seven before it
  });

  it("refuses a database that holds another organisation", async () => {
    const other = await fresh();
    await makeOrg(other.db, { name: "某市机关事务服务中心", slug: "moushi" });
    const result = await seedDemo(other.db, { today: TODAY, passwordHash });
    expect(result).toMatchObject({ created: false, reason: "other_organisations", organisations: ["某市机关事务服务中心 (moushi)"] });
    expect((await rowCounts(other.db)).organisations).toBe(1);
  });

  it("reports an interrupted seed as incomplete", async () => {
    const other = await fresh();
    await makeOrg(other.db, { name: DEMO_ORG.name, slug: DEMO_ORG.slug });
    expect(await seedDemo(other.db, { today: TODAY, passwordHash })).toMatchObject({ created: false, reason: "exists", complete: false });
  });

  it("refuses a day that is not a day, before writing anything", async () => {
    const other = await fresh();
    await expect(seedDemo(other.db, { today: "15/07/2026", passwordHash })).rejects.toThrow(RangeError);
    expect((await rowCounts(other.db)).organisations).toBe(0);
  });
});

// ---------------------------------------------------------------- reset

describe("resetDemoDatabase", { timeout: SEED_TIMEOUT_MS }, () => {
  const handles: DbHandle[] = [];
  const cleanups: TestDb[] = [];
  afterAll(async () => {
    for (const h of handles) if (!h.client.closed) h.client.close();
    for (const t of cleanups) await t.cleanup();
  });

  /** A database file in a temp folder, seeded or given `setup`, then closed. */
  async function fileWith(setup: (db: Db) => Promise<unknown>) {
    const t = await createTestDb();
    cleanups.push(t);
    await setup(t.db);
    t.client.close();
    const filePath = path.join(t.dir, "test.db");
    return { filePath, url: `file:${filePath}` };
  }

  it("deletes a demo database, and a fresh one can be seeded in its place", async () => {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const target = await fileWith((db) => seedDemo(db, { today: TODAY, passwordHash }));
    expect(await resetDemoDatabase(target)).toBe(true);
    expect(existsSync(target.filePath)).toBe(false);
    expect(existsSync(`${target.filePath}-wal`)).toBe(false);

    const handle = createDb({ url: target.url });
    handles.push(handle);
    await handle.ready;
    await migrateDb(handle.db);
    expectCreated(await seedDemo(handle.db, { today: TODAY, passwordHash }));
    expect((await rowCounts(handle.db)).organisations).toBe(1);
    handle.client.close();
  });

  it("refuses, deleting nothing, when the file holds another organisation", async () => {
    const target = await fileWith(async (db) => {
      await makeOrg(db, { name: DEMO_ORG.name, slug: DEMO_ORG.slug });
      await makeOrg(db, { name: "某市机关事务服务中心", slug: "moushi" });
    });
    await expect(resetDemoDatabase(target)).rejects.toThrow(DemoResetRefused);
    await expect(resetDemoDatabase(target)).rejects.toThrow(/某市机关事务服务中心 \(moushi\)/);
    expect(existsSync(target.filePath)).toBe(true);
  });

  it("refuses a file that is not a Kaoping database", async () => {
    const t = await createTestDb({ migrate: false });
    cleanups.push(t);
    await t.db.run(sql`create table notes (body text)`);
    t.client.close();
    const filePath = path.join(t.dir, "test.db");
    await expect(resetDemoDatabase({ filePath, url: `file:${filePath}` })).rejects.toThrow(/not a Kaoping database/);
    expect(existsSync(filePath)).toBe(true);

    const junk = path.join(t.dir, "junk.db");
    writeFileSync(junk, "this is not sqlite, just a text file that is long enough to have a header.".repeat(20));
    await expect(resetDemoDatabase({ filePath: junk, url: `file:${junk}` })).rejects.toThrow(DemoResetRefused);
    expect(existsSync(junk)).toBe(true);
  });

  it("has nothing to delete when there is no file yet", async () => {
    const t = await createTestDb({ migrate: false });
    cleanups.push(t);
    const filePath = path.join(t.dir, "none", "k.db");
    expect(await resetDemoDatabase({ filePath, url: `file:${filePath}` })).toBe(false);
  });
});

// ---------------------------------------------------------------- the seed's guard

describe("seedTarget (the db:seed guard)", () => {
  it.each(["libsql://kaoping-acme.turso.io", "https://db.example.com", "http://127.0.0.1:8080", "wss://db.example.com", "ws://localhost:8080"])(
    "refuses %s",
    (url) => {
      const target = seedTarget({ DATABASE_URL: url, DATABASE_AUTH_TOKEN: "secret-token" });
      expect(target.ok).toBe(false);
      if (!target.ok) {
        expect(target.message).toMatch(/local database file/);
        expect(target.message).not.toContain("secret-token");
      }
    },
  );

  it("does not print a remote URL's query string", () => {
    const target = seedTarget({ DATABASE_URL: "libsql://x.turso.io?authToken=abc123" });
    expect(!target.ok && target.message.includes("abc123")).toBe(false);
  });

  it("accepts a file, relative to the working directory, and the default", () => {
    expect(seedTarget({ DATABASE_URL: "file:data/k.db" }, "/srv/kaoping")).toEqual({
      ok: true,
      filePath: "/srv/kaoping/data/k.db",
      url: "file:/srv/kaoping/data/k.db",
    });
    expect(seedTarget({}, "/srv/kaoping")).toMatchObject({ ok: true, filePath: "/srv/kaoping/data/kaoping.db" });
  });

  it("refuses a URL it cannot read", () => {
    expect(seedTarget({ DATABASE_URL: "postgres://x" })).toMatchObject({ ok: false, message: expect.stringMatching(/DATABASE_URL/) });
  });
});

// ---------------------------------------------------------------- start-up

describe("prepareDatabase", { timeout: SEED_TIMEOUT_MS }, () => {
  const globalForDb = globalThis as typeof globalThis & { __kaopingDb?: DbHandle };
  let saved: DbHandle | undefined;
  let t: TestDb;
  beforeAll(() => {
    saved = globalForDb.__kaopingDb;
    vi.spyOn(console, "log").mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
  });
  afterEach(async () => {
    globalForDb.__kaopingDb = saved;
    await t?.cleanup();
  });

  async function useFreshDb() {
    t = await createTestDb({ migrate: false });
    globalForDb.__kaopingDb = { db: t.db, client: t.client, kind: "file", url: t.url, ready: Promise.resolve() };
  }

  it("migrates and creates the demo on an empty local database, once", async () => {
    await useFreshDb();
    await prepareDatabase({ demo: true, now: new Date("2026-07-15T02:00:00Z") });
    const counts = await rowCounts(t.db);
    expect(counts).toMatchObject({ organisations: 1, grid_cells: 49, contracts: 5 });
    await prepareDatabase({ demo: true, now: new Date("2026-07-16T02:00:00Z") });
    expect(await rowCounts(t.db)).toEqual(counts);
  });

  it("uses the day in Shanghai", async () => {
    await useFreshDb();
    await prepareDatabase({ demo: true, now: new Date("2026-06-30T17:00:00Z") }); // 1 July 01:00 in Shanghai: 2026-Q3
    const [c] = await t.db.select().from(s.contracts).limit(1);
    expect(c!.startOn).toBe("2024-10-01");
  });

  it("only migrates with KAOPING_DEMO=off", async () => {
    await useFreshDb();
    await prepareDatabase({ demo: false });
    expect((await rowCounts(t.db)).organisations).toBe(0);
  });
});

// ---------------------------------------------------------------- org:create

describe("org:create", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.cleanup());

  const args = (o: Partial<OrgCreateArgs> = {}): OrgCreateArgs => ({
    name: "某市机关事务服务中心",
    admin: "zhang.san@example.gov.cn",
    adminName: "张三",
    slug: "moushi",
    timeZone: "Asia/Shanghai",
    ...o,
  });

  it("creates the organisation and its first admin, whose one-time password signs in", async () => {
    const result = await createOrganisation(t.db, args());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.org).toMatchObject({ name: "某市机关事务服务中心", slug: "moushi", timeZone: "Asia/Shanghai" });
    expect(result.password).toMatch(/^[A-Za-z0-9_-]{18}$/);
    const user = await findUserByEmail(t.db, "zhang.san@example.gov.cn");
    expect(await verify(user!.passwordHash, result.password!)).toBe(true);
    expect(await listMembershipsOfUser(t.db, user!.id)).toEqual([
      expect.objectContaining({ orgId: result.org.id, orgName: "某市机关事务服务中心", role: "admin" }),
    ]);
    const audit = await t.db.select().from(s.auditLog).orderBy(s.auditLog.id);
    expect(audit.map((e) => [e.action, e.orgId])).toEqual([
      ["organisation.create", null],
      ["membership.create", result.org.id],
    ]);
    expect(JSON.stringify(audit)).not.toContain(user!.passwordHash);
  });

  it("refuses a slug that is taken, creating nothing", async () => {
    const before = await rowCounts(t.db);
    const result = await createOrganisation(t.db, args({ admin: "li.si@example.gov.cn" }));
    expect(result).toMatchObject({ ok: false, error: "slug_taken", message: expect.stringMatching(/moushi/) });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("adds an existing account as admin without touching its password, and makes up a slug when none is given", async () => {
    const result = await createOrganisation(t.db, args({ slug: undefined, name: "另一市机关服务中心" }));
    expect(result).toMatchObject({ ok: true, createdUser: false, password: null });
    if (result.ok) expect(result.org.slug).toMatch(/^org-[a-z0-9]{8}$/);
  });

  it("validates its arguments with clear messages", () => {
    const ok = parseOrgCreateArgs(["--name", " 某市机关事务服务中心 ", "--admin", "Admin@Example.GOV.cn", "--admin-name", "张三"]);
    expect(ok).toEqual({
      ok: true,
      args: { name: "某市机关事务服务中心", admin: "admin@example.gov.cn", adminName: "张三", timeZone: "Asia/Shanghai" },
    });
    const fails = (argv: string[], message: RegExp) => {
      const r = parseOrgCreateArgs(argv);
      expect(r.ok, argv.join(" ")).toBe(false);
      if (!r.ok) expect(r.message).toMatch(message);
    };
    fails([], /--name is required[\s\S]*--admin is required[\s\S]*--admin-name is required/);
    fails(["--name", "某市", "--admin", "not-an-email", "--admin-name", "张三"], /--admin must be an e-mail address/);
    fails(["--name", "某市", "--admin", "a@b.cn", "--admin-name", "张三", "--time-zone", "Mars/Olympus"], /--time-zone must be an IANA time zone/);
    fails(["--name", "某市", "--admin", "a@b.cn", "--admin-name", "张三", "--slug", "Bad Slug"], /--slug must be/);
    fails(["--name", "某市", "--admin", "a@b.cn", "--admin-name", "张三", "--colour", "red"], /Unknown option '--colour'/);
  });
});
