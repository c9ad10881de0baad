/**
 * The quarterly scores' read paths on a large organisation (issue 11,
 * "Benchmark"): 50 contracts × 8 quarters, each contract-quarter with a
 * survey campaign of 400 responses and 120 findings, the older half of the
 * quarters finalised — and a second database with the same 50 contracts and
 * ten times the responses and findings (4,000 and 1,200 per contract-quarter).
 *
 * Timed on both in the same run, alternating: the supervision dashboard for
 * a finalised quarter (snapshots) and for the live quarter (every contract
 * scored through the input builder), and one live score page
 * (`getQuarterScore`), and procurement's tender view, comparison and dossier
 * (issue 12: finalised snapshots and the term's findings counted). Reported: medians and the ratio big ÷ small (aim
 * ≤ 1.5: tallies, snapshots and indexed findings, never a scan of
 * responses), and the query plans of every statement those loaders send that
 * touches findings, snapshots or tallies.
 *
 * Built by plain INSERT … SELECT statements generated in SQLite (not through
 * the submission path): responses and their answers, the tally tables the
 * submission path keeps beside them (survey_tallies, survey_campaign_counts,
 * survey_campaign_day_counts) from the same generated answers, and the
 * released tally written by the app's own release statement (`releaseSql`);
 * a sample of campaigns is recounted from the answers to prove they agree.
 * The snapshots are written by `finaliseQuarter` itself. Each statement of
 * the loaders is then timed alone on both databases, so a ratio that misses
 * the aim names the query that grows.
 *
 *   npx tsx bench/scores.ts           # or as part of `npm run bench`
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import { createClient, type Client } from "@libsql/client";
import { createDb, type Db, type DbHandle } from "../db/client";
import { migrateDb } from "../db/migrate";
import { finaliseQuarter } from "../db/queries/scores/finalise";
import { getQuarterScore } from "../db/queries/scores/quarter";
import { listContractorFindings } from "../db/queries/portal/findings";
import { contractorScores } from "../db/queries/portal/scores";
import { supervisionDashboard } from "../db/queries/scores/dashboard";
import { contractDossier, serviceTypeComparison, tenderView } from "../db/queries/procurement";
import { DEFAULT_RENEWAL_POLICY } from "../scoring/renewal";
import { releaseSql } from "../db/queries/surveys/submission/sql";
import * as schema from "../db/schema";
import { DEFAULT_DUE_DAYS } from "../domain/findings";
import { addDays, dayNumber, periodEnd, periodFromIndex, periodIndex, periodOfDate, periodStart } from "../scoring/dates";
import { defaultRubric } from "../scoring/rubrics/index";
import { SERVICE_TYPES, type ServiceType } from "../scoring/types";
import { buildContract, buildContractSite, buildContractor, buildGridCell, buildMembership, buildOrg, buildSite, buildUser } from "../test/helpers/factories";
import { printTable, type BenchResult } from "./scoring";

/** A Wednesday in the middle of 2026-Q4: 2025-Q1 … 2026-Q4 are the eight quarters. */
const TODAY = "2026-11-18";
const CONTRACTS = 50;
const QUARTERS = Array.from({ length: 8 }, (_, i) => periodFromIndex(periodIndex(periodOfDate(TODAY)) - 7 + i));
/** The older half: finalised (snapshots); the rest drafts and the live current quarter. */
const FINALISED = QUARTERS.slice(0, 4);
const LIVE = QUARTERS.at(-1)!;
const SIZES = { small: { responses: 400, findings: 120 }, big: { responses: 4_000, findings: 1_200 } } as const;

type Size = keyof typeof SIZES;

interface Organisation {
  orgId: string;
  supervisorId: string;
  contractIds: string[];
}

// ---------------------------------------------------------------- building

/** Contracts, their sites and cells: small tables, through the test factories (fixed ids, so both databases hold the same contracts). */
async function insertDirectory(db: Db, base: Organisation): Promise<string[]> {
  const { orgId } = base;
  await db.insert(schema.organisations).values(buildOrg({ id: orgId, slug: "bench-scores" }));
  await db.insert(schema.users).values(buildUser({ id: base.supervisorId }));
  await db.insert(schema.memberships).values(buildMembership({ orgId, userId: base.supervisorId, role: "supervisor" }));
  const contractors = Array.from({ length: 10 }, (_, i) => buildContractor({ id: `bench-contractor-${i}`, orgId }));
  await db.insert(schema.contractors).values(contractors);
  const siteIds: string[] = [];
  for (let i = 0; i < CONTRACTS; i++) {
    const site = buildSite({ id: `bench-site-${i}`, orgId });
    await db.insert(schema.sites).values(site);
    await db.insert(schema.gridCells).values(Array.from({ length: 4 }, (_, k) => buildGridCell({ id: `bench-cell-${i}-${k}`, orgId, siteId: site.id!, code: `C${i}-${k}` })));
    const contract = buildContract({
      id: base.contractIds[i]!,
      orgId,
      contractorId: contractors[i % contractors.length]!.id!,
      serviceType: SERVICE_TYPES[i % SERVICE_TYPES.length]!,
      startOn: periodStart(QUARTERS[0]!),
      endOn: periodEnd(QUARTERS.at(-1)!),
    });
    await db.insert(schema.contracts).values(contract);
    await db.insert(schema.contractSites).values(buildContractSite({ orgId, contractId: contract.id!, siteId: site.id! }));
    siteIds.push(site.id!);
  }
  return siteIds;
}

/** The recursive CTE 0 … n−1 that every bulk insert draws its rows from. */
const seq = (n: number) => sql.raw(`WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ${n - 1})`);

/** The quarter's last day of activity: its end, or today for the current quarter. */
const lastDayOf = (period: string) => (periodEnd(period) < TODAY ? periodEnd(period) : TODAY);

async function insertQuarter(db: Db, org: Organisation, size: Size, contract: number, period: string, siteId: string) {
  const { orgId, supervisorId } = org;
  const contractId = org.contractIds[contract]!;
  const serviceType: ServiceType = SERVICE_TYPES[contract % SERVICE_TYPES.length]!;
  const rubric = defaultRubric(serviceType);
  const n = SIZES[size];
  // Short ids keep the big database to about a gigabyte (12.8 M answers carry the campaign id twice).
  const campaignId = `k${contract}-${QUARTERS.indexOf(period)}`;
  const current = period === LIVE;
  const span = dayNumber(lastDayOf(period)) - dayNumber(periodStart(period)) + 1;

  // What `createCampaign` writes (the quarter row fixes the default rubric), then closed unless current.
  await db.insert(schema.contractQuarters).values({
    id: `q${campaignId}`,
    createdAt: TODAY + "T00:00:00.000Z",
    orgId,
    contractId,
    period,
    status: "open",
    revision: 0,
    rubricVersionId: null,
    rubricId: rubric.id,
    rubricVersion: rubric.version,
  });
  await db.insert(schema.surveyCampaigns).values({
    id: campaignId,
    orgId,
    contractId,
    period,
    rubricId: rubric.id,
    rubricVersion: rubric.version,
    questionnaire: rubric.questionnaire,
    opensOn: addDays(lastDayOf(period), -20),
    closesOn: periodEnd(period),
    status: current ? "open" : "closed",
    openToken: `bench-token-${contract}-${period}`,
    allowOpenLink: true,
    createdBy: supervisorId,
    closedAt: current ? null : new Date(`${periodEnd(period)}T10:00:00Z`).toISOString(),
  });

  // Responses and answers: mostly 4s and 5s, some 3s and lower, spread deterministically.
  // In id order, so the answers go into their primary key (response, question) in order.
  const questions = JSON.stringify(rubric.questionnaire.map((q) => q.id).sort());
  const value = sql.raw(answerValue("n", "q.key", contract));
  await db.run(sql`${seq(n.responses)} INSERT INTO survey_responses (id, org_id, campaign_id, comment, released)
    SELECT ${campaignId} || printf('-%05d', n), ${orgId}, ${campaignId}, CASE WHEN n % 10 = 0 THEN '服务还可以再改进' END, 1 FROM seq`);
  await db.run(sql`${seq(n.responses)} INSERT INTO survey_answers (response_id, org_id, campaign_id, question_id, value)
    SELECT ${campaignId} || printf('-%05d', n), ${orgId}, ${campaignId}, q.value, ${value} FROM seq, json_each(${questions}) q`);
  // The tables the submission path keeps beside them, from the same answers generated again rather than
  // read back (a GROUP BY over 12.8 M answers took half a minute); `checkTallies` recounts a sample.
  await db.run(sql`${seq(n.responses)} INSERT INTO survey_tallies (org_id, campaign_id, question_id, v1, v2, v3, v4, v5)
    SELECT ${orgId}, ${campaignId}, q.value, sum(${value} = 1), sum(${value} = 2), sum(${value} = 3), sum(${value} = 4), sum(${value} = 5)
    FROM seq, json_each(${questions}) q GROUP BY q.value`);
  await db.run(sql`${seq(n.responses)} INSERT INTO survey_campaign_counts (campaign_id, org_id, respondents, straight_lined)
    SELECT ${campaignId}, ${orgId}, count(*), sum((SELECT count(DISTINCT ${value}) FROM json_each(${questions}) q) = 1) FROM seq`);
  await db.run(sql`INSERT INTO survey_campaign_day_counts (campaign_id, day, org_id, respondents) VALUES (${campaignId}, ${lastDayOf(period)}, ${orgId}, ${n.responses})`);

  // Inspections (one spot check per ten findings) and the findings.
  const inspections = Math.ceil(n.findings / 10);
  const dayOf = (i: string) => `date(${sqlDay(periodStart(period))}, '+' || ((${i}) % ${span}) || ' days')`;
  await db.run(sql`${seq(inspections)} INSERT INTO inspections (id, org_id, kind, contract_id, site_id, grid_cell_id, inspector_user_id, inspected_on, created_at)
    SELECT ${`bench-insp-${contract}-${period}-`} || n, ${orgId}, 'spot', ${contractId}, ${siteId}, ${`bench-cell-${contract}-`} || (n % 4), ${supervisorId},
      ${sql.raw(dayOf("n * 10"))}, ${TODAY + "T00:00:00.000Z"} FROM seq`);
  const items = JSON.stringify(rubric.dimensions.flatMap((d) => d.items.map((i) => i.id)));
  // Past quarters: nearly all fixed and verified (a tenth late), a few withdrawn; the current one: open, awaiting verification or verified.
  await db.run(sql`${seq(n.findings)}, f AS (
      SELECT n, ${sql.raw(dayOf("n"))} AS found_on,
        CASE WHEN n % 10 < 7 THEN 'minor' WHEN n % 10 < 9 THEN 'major' ELSE 'critical' END AS severity,
        CASE WHEN ${current ? 1 : 0} = 1 THEN (CASE WHEN n % 3 = 0 THEN 'open' WHEN n % 3 = 1 THEN 'rectified' ELSE 'verified' END)
             ELSE (CASE WHEN n % 50 = 0 THEN 'withdrawn' ELSE 'verified' END) END AS status
      FROM seq)
    INSERT INTO findings (id, org_id, inspection_id, contract_id, site_id, grid_cell_id, period, item_id, severity, note, found_on, due_on,
                          status, rectified_on, verified_on, verified_by, withdrawn_reason, created_by, created_at, updated_at)
    SELECT ${`bench-f-${contract}-${period}-`} || n, ${orgId}, ${`bench-insp-${contract}-${period}-`} || (n / 10), ${contractId}, ${siteId},
      ${`bench-cell-${contract}-`} || ((n / 10) % 4), ${period},
      json_extract(${items}, '$[' || (n % json_array_length(${items})) || ']'), severity, '巡查发现的问题', found_on,
      date(found_on, '+' || CASE severity WHEN 'minor' THEN ${DEFAULT_DUE_DAYS.minor} WHEN 'major' THEN ${DEFAULT_DUE_DAYS.major} ELSE ${DEFAULT_DUE_DAYS.critical} END || ' days'),
      status,
      CASE WHEN status IN ('rectified', 'verified') THEN date(found_on, '+' || (1 + n % 3 + CASE WHEN n % 10 = 3 THEN 5 ELSE 0 END) || ' days') END,
      CASE WHEN status = 'verified' THEN date(found_on, '+' || (2 + n % 3 + CASE WHEN n % 10 = 3 THEN 5 ELSE 0 END) || ' days') END,
      CASE WHEN status = 'verified' THEN ${supervisorId} END,
      CASE WHEN status = 'withdrawn' THEN '误报' END,
      ${supervisorId}, ${TODAY + "T00:00:00.000Z"}, ${TODAY + "T00:00:00.000Z"}
    FROM f`);
}

const sqlDay = (day: string) => `'${day}'`;

/** Answer `n` of a response to the question at `key` (the value 1..5 as SQL): a fixed spread, by contract. */
function answerValue(n: string, key: string, contract: number): string {
  const x = `((${n} * 37 + ${key} * 101 + ${contract * 7}) % 100)`;
  return `(CASE WHEN ${x} < 2 THEN 2 WHEN ${x} < 6 THEN 3 WHEN ${x} < 50 THEN 4 ELSE 5 END)`;
}

/** The released tally, written by the app's own release statement (what closing a campaign runs). */
async function releaseTallies(db: Db, orgId: string) {
  const [release] = releaseSql(`SELECT org_id, id FROM survey_campaigns WHERE org_id = :org`, 1);
  await db.run(sql.raw(release.replace(":org", `'${orgId}'`)));
}

/** A few campaigns' tallies and counts recounted from their answers and responses (the covering index): they must agree. */
async function checkTallies(db: Db, orgId: string) {
  const sample = ["k0-0", `k${Math.floor(CONTRACTS / 3)}-3`, `k${CONTRACTS - 1}-${QUARTERS.length - 1}`];
  for (const campaignId of sample) {
    const [row] = await db.all<{ tallies: string; recount: string; respondents: number; released: number; responses: number }>(sql`SELECT
      (SELECT json_group_object(question_id, json_array(v1, v2, v3, v4, v5)) FROM (SELECT * FROM survey_tallies WHERE org_id = ${orgId} AND campaign_id = ${campaignId} ORDER BY question_id)) AS tallies,
      (SELECT json_group_object(question_id, json_array(v1, v2, v3, v4, v5)) FROM (
        SELECT question_id, sum(value = 1) v1, sum(value = 2) v2, sum(value = 3) v3, sum(value = 4) v4, sum(value = 5) v5
        FROM survey_answers WHERE org_id = ${orgId} AND campaign_id = ${campaignId} GROUP BY question_id ORDER BY question_id)) AS recount,
      (SELECT respondents FROM survey_campaign_counts WHERE campaign_id = ${campaignId}) AS respondents,
      (SELECT respondents FROM survey_tally_releases WHERE campaign_id = ${campaignId}) AS released,
      (SELECT count(*) FROM survey_responses WHERE org_id = ${orgId} AND campaign_id = ${campaignId}) AS responses`);
    if (!row || row.tallies !== row.recount || row.respondents !== row.responses || row.released !== row.responses) {
      throw new Error(`bench: the tallies of ${campaignId} disagree with its responses: ${JSON.stringify(row)}`);
    }
  }
}

/**
 * Builds the organisation in the database file `file` and returns it open.
 * The bulk rows go in on a connection of their own with the safety off —
 * no journal, no fsync, foreign keys checked once at the end, a large page
 * cache — which a throw-away file can afford; the app's connection
 * (createDb: WAL, foreign keys) then finalises and is timed.
 */
async function buildOrganisation(file: string, org: Organisation, size: Size): Promise<{ handle: DbHandle; phases: string }> {
  const phases: string[] = [];
  let t0 = performance.now();
  const phase = (name: string) => {
    phases.push(`${name} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
  };
  // A fresh file: no journal at all while loading (nothing to recover in a throw-away file), so the
  // gigabytes go to disk once instead of through a WAL; the app's connection below puts WAL back.
  const raw = createClient({ url: `file:${file}` });
  for (const pragma of ["PRAGMA journal_mode=OFF", "PRAGMA synchronous=OFF", "PRAGMA cache_size=-400000"]) await raw.execute(pragma);
  const setup = drizzle(raw, { schema }) as unknown as Db;
  await migrateDb(setup);
  const siteIds = await insertDirectory(setup, org);
  await raw.execute("PRAGMA foreign_keys=OFF");
  const tx = await raw.transaction("write");
  // drizzle over the transaction: it only calls execute(), which a libSQL transaction has.
  const bulk = drizzle(tx as unknown as Client, { schema }) as unknown as Db;
  for (let c = 0; c < CONTRACTS; c++) for (const period of QUARTERS) await insertQuarter(bulk, org, size, c, period, siteIds[c]!);
  await releaseTallies(bulk, org.orgId);
  await tx.commit();
  phase("rows and tallies");
  await checkTallies(setup, org.orgId);
  // Foreign keys were not checked while loading: check them once now.
  const broken = await raw.execute("PRAGMA foreign_key_check");
  if (broken.rows.length > 0) throw new Error(`bench: ${broken.rows.length} rows break a foreign key, e.g. ${JSON.stringify(broken.rows[0])}`);
  // The planner's statistics, as `PRAGMA optimize` would leave them: sampled (quick) for every table,
  // exact for findings — with sampled or no statistics the input builder's findings query picks the
  // (org, found_on) index and reads every finding of the organisation (see `timeWithoutStatistics`).
  await raw.execute("PRAGMA analysis_limit=2000");
  await raw.execute("ANALYZE");
  await raw.execute("PRAGMA analysis_limit=0");
  await raw.execute("ANALYZE findings");
  raw.close();
  phase("checks");

  const handle = createDb({ url: `file:${file}` });
  await handle.ready;
  // The older half signed off through the app's own finalisation, a week after each quarter ends.
  const ctx = { orgId: org.orgId, actorUserId: org.supervisorId };
  for (const period of FINALISED) {
    for (const contractId of org.contractIds) {
      const r = await finaliseQuarter(handle.db, ctx, { contractId, period, today: addDays(periodEnd(period), 7), overrideReason: "基准测试", provisionalJustification: "基准测试" });
      if (!r.ok) throw new Error(`bench: finalising ${period} was refused: ${JSON.stringify(r)}`);
    }
  }
  phase("finalising");
  return { handle, phases: phases.join(", ") };
}

// ---------------------------------------------------------------- timing

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * `a` and `b` alternately (machine noise hits both alike) after one warm-up
 * call each, up to `runs` pairs or until `budgetMs` has passed (at least 3
 * pairs); the median milliseconds of each and the pairs timed.
 */
async function timePair(a: () => Promise<unknown>, b: () => Promise<unknown>, runs: number, budgetMs = 12_000) {
  await a();
  await b();
  const ta: number[] = [];
  const tb: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs && (i < 3 || performance.now() - start < budgetMs); i++) {
    for (const [op, out] of [[a, ta], [b, tb]] as const) {
      const t0 = performance.now();
      await op();
      out.push(performance.now() - t0);
    }
  }
  return { a: median(ta), b: median(tb), runs: ta.length };
}

// ---------------------------------------------------------------- query plans

interface Logged {
  query: string;
  params: unknown[];
}

/** A second drizzle over the same connection that records every statement sent. */
function recording(handle: DbHandle): { db: Db; log: Logged[] } {
  const log: Logged[] = [];
  const db = drizzle(handle.client as Client, { schema, logger: { logQuery: (query, params) => log.push({ query, params }) } }) as unknown as Db;
  return { db, log };
}

const WATCHED = /\b(findings|quarter_scores|survey_tally_releases|survey_tallies|survey_campaign_counts|survey_responses|survey_answers)\b/;
/** A plan line that reads a whole table (a covering index scan of a few rows would still say SCAN: listed, judged by the reader). */
const FULL_SCAN = /^SCAN (findings|quarter_scores|survey_responses|survey_answers|survey_tally_releases|survey_tallies)\b(?! USING)/;

/** The distinct statements of `log` that touch the watched tables, each with its plan. */
async function plansOf(client: Client, log: Logged[]): Promise<{ query: string; params: unknown[]; plan: string[] }[]> {
  const seen = new Map<string, { query: string; params: unknown[]; plan: string[] }>();
  for (const { query, params } of log) {
    if (!WATCHED.test(query) || seen.has(query)) continue;
    const rows = await client.execute({ sql: `EXPLAIN QUERY PLAN ${query}`, args: params as never });
    const depth = new Map<number, number>([[0, -1]]);
    const plan = rows.rows.map((r) => {
      const d = (depth.get(Number(r.parent)) ?? -1) + 1;
      depth.set(Number(r.id), d);
      return `${"  ".repeat(d)}${String(r.detail)}`;
    });
    seen.set(query, { query, params, plan });
  }
  return [...seen.values()];
}

/** Median milliseconds of `runs` executions of one statement. */
async function timeStatement(client: Client, query: string, params: unknown[], runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await client.execute({ sql: query, args: params as never });
    times.push(performance.now() - t0);
  }
  return median(times);
}

/**
 * Every statement with its plan and, run alone on both databases (same ids
 * in both), its median time and ratio — which query grows with the data.
 */
async function printPlans(title: string, plans: { query: string; params: unknown[]; plan: string[] }[], clients: Record<Size, Client>) {
  console.log(`\n## ${title}: ${plans.length} distinct statements touching findings, snapshots or tallies\n`);
  for (const p of plans) {
    const [small, big] = [await timeStatement(clients.small, p.query, p.params, 5), await timeStatement(clients.big, p.query, p.params, 5)];
    const full = p.plan.filter((l) => FULL_SCAN.test(l.trim()));
    console.log(`[small ${small.toFixed(2)} ms, big ${big.toFixed(2)} ms, ×${(big / small).toFixed(1)}] ${p.query.replace(/\s+/g, " ").slice(0, 240)}${p.query.length > 240 ? " …" : ""}`);
    for (const line of p.plan) console.log(`    ${line}`);
    if (full.length) console.log(`    ^ FULL SCAN: ${full.map((l) => l.trim()).join("; ")}`);
  }
}

/**
 * The app never runs ANALYZE or `PRAGMA optimize`, so a real database has no
 * statistics: the live score page and the input builder's findings query
 * again, on both databases with the statistics dropped.
 */
async function timeWithoutStatistics(dbs: Record<Size, DbHandle>, org: Organisation): Promise<BenchResult[]> {
  for (const size of ["small", "big"] as const) {
    await dbs[size].client.execute("DELETE FROM sqlite_stat1");
    await dbs[size].client.execute("ANALYZE sqlite_schema"); // reloads the (now empty) statistics
  }
  const op = (db: Db) => getQuarterScore(db, { orgId: org.orgId, contractId: org.contractIds[0]!, period: LIVE, today: TODAY });
  const t = await timePair(() => op(dbs.small.db), () => op(dbs.big.db), 7, 8_000);
  console.log(`\nwithout statistics (as the app runs): score page, live quarter: median small ${t.a.toFixed(1)} ms, big ${t.b.toFixed(1)} ms, ×${(t.b / t.a).toFixed(2)}`);
  const rec = recording(dbs.big);
  await op(rec.db);
  const findingsQuery = (await plansOf(dbs.big.client as Client, rec.log)).filter((p) => /from "findings" left join "findings" "earlier"/i.test(p.query));
  await printPlans("without statistics: the input builder's findings query", findingsQuery, { small: dbs.small.client as Client, big: dbs.big.client as Client });
  return [
    { name: `score page, live quarter, NO statistics, small`, opsPerSec: Math.round(1000 / t.a), usPerOp: Math.round(t.a * 1000), ops: t.runs },
    { name: `score page, live quarter, NO statistics, big`, opsPerSec: Math.round(1000 / t.b), usPerOp: Math.round(t.b * 1000), ops: t.runs, note: `median; big ÷ small ×${(t.b / t.a).toFixed(2)}` },
  ];
}

// ---------------------------------------------------------------- the bench

export async function benchScores(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kaoping-bench-scores-"));
  const handles: DbHandle[] = [];
  try {
    const org: Organisation = {
      orgId: "bench-org",
      supervisorId: "bench-supervisor",
      contractIds: Array.from({ length: CONTRACTS }, (_, i) => `bench-contract-${i}`),
    };
    const dbs = {} as Record<Size, DbHandle>;
    for (const size of ["small", "big"] as const) {
      const t0 = performance.now();
      const { handle, phases } = await buildOrganisation(path.join(dir, `${size}.db`), org, size);
      handles.push(handle);
      dbs[size] = handle;
      const [counts] = await handle.db.all<{ responses: number; answers: number; findings: number; snapshots: number }>(
        sql`SELECT (SELECT count(*) FROM survey_responses) AS responses, (SELECT count(*) FROM survey_answers) AS answers,
                   (SELECT count(*) FROM findings) AS findings, (SELECT count(*) FROM quarter_scores) AS snapshots`,
      );
      console.log(
        `built ${size}: ${counts!.responses.toLocaleString("en")} responses (${counts!.answers.toLocaleString("en")} answers), ` +
          `${counts!.findings.toLocaleString("en")} findings, ${counts!.snapshots} snapshots in ${((performance.now() - t0) / 1000).toFixed(1)} s (${phases})`,
      );
    }

    const finalised = FINALISED.at(-1)!;
    const contractId = org.contractIds[0]!;
    const cases: { name: string; runs: number; op: (db: Db) => Promise<unknown> }[] = [
      { name: `dashboard, finalised quarter ${finalised}`, runs: 15, op: (db) => supervisionDashboard(db, { orgId: org.orgId, period: finalised, today: TODAY }) },
      { name: `dashboard, live quarter ${LIVE}`, runs: 7, op: (db) => supervisionDashboard(db, { orgId: org.orgId, period: LIVE, today: TODAY }) },
      { name: `score page, live quarter ${LIVE}`, runs: 25, op: (db) => getQuarterScore(db, { orgId: org.orgId, contractId, period: LIVE, today: TODAY }) },
      { name: `score page, finalised quarter ${finalised}`, runs: 25, op: (db) => getQuarterScore(db, { orgId: org.orgId, contractId, period: finalised, today: TODAY }) },
      // Procurement (issue 12): snapshots' listed columns and grouped counts of the whole term's findings.
      { name: `tender view, ${CONTRACTS} contracts ending this quarter`, runs: 15, op: (db) => tenderView(db, { orgId: org.orgId, today: TODAY, horizonMonths: 3, policy: DEFAULT_RENEWAL_POLICY }) },
      { name: "service-type comparison, catering", runs: 15, op: (db) => serviceTypeComparison(db, { orgId: org.orgId, serviceType: "catering", today: TODAY, policy: DEFAULT_RENEWAL_POLICY }) },
      { name: "contract dossier", runs: 25, op: (db) => contractDossier(db, { orgId: org.orgId, contractId, today: TODAY, policy: DEFAULT_RENEWAL_POLICY }) },
      // The contractor portal's home (issue 14): one contractor's 5 contracts, open findings costed one by one.
      { name: "contractor home (5 contracts, open findings costed)", runs: 7, op: (db) => contractorHome(db, org.orgId) },
    ];
    const out: BenchResult[] = [];
    for (const c of cases) {
      const t = await timePair(() => c.op(dbs.small.db), () => c.op(dbs.big.db), c.runs);
      const ratio = t.b / t.a;
      console.log(`${c.name}: median small ${t.a.toFixed(1)} ms, big ${t.b.toFixed(1)} ms, big ÷ small ×${ratio.toFixed(2)} (${t.runs} pairs)`);
      const row = (size: Size, ms: number, note?: string): BenchResult => ({
        name: `${c.name}, ${size} (${SIZES[size].responses} resp., ${SIZES[size].findings} findings / quarter)`,
        opsPerSec: Math.round(1000 / ms),
        usPerOp: Math.round(ms * 1000),
        ops: t.runs,
        ...(note ? { note } : {}),
      });
      out.push(row("small", t.a), row("big", t.b, `median; big ÷ small ×${ratio.toFixed(2)} (aim ≤ 1.5)`));
    }

    // What each loader sends, recorded on the big database: the plans (the planner's choice with its
    // statistics) and each statement timed alone on both — which query grows.
    const clients = { small: dbs.small.client as Client, big: dbs.big.client as Client };
    for (const c of [...cases.slice(0, 3), ...cases.slice(4)]) {
      const rec = recording(dbs.big);
      await c.op(rec.db);
      await printPlans(c.name, await plansOf(clients.big, rec.log), clients);
    }
    out.push(...(await timeWithoutStatistics(dbs, org)));
    return out;
  } finally {
    for (const h of handles) h.client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What the contractor's home loads: its open findings, then the scores with those findings' costs. */
async function contractorHome(db: Db, orgId: string) {
  const scope = { orgId, contractorId: "bench-contractor-0", today: TODAY };
  const { rows: findings } = await listContractorFindings(db, scope);
  return contractorScores(db, { ...scope, openFindingIds: findings.filter((f) => !f.awaitsVerification).map((f) => f.id) });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(await benchScores());
}
