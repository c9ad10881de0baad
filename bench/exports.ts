/**
 * Procurement's full organisation export (issue 12, "Large exports stream"):
 * a benchmark organisation of 24 contracts × 8 finalised quarters (192
 * snapshots, written by `finaliseQuarter` itself from released tallies) and
 * 105 findings per contract-quarter (20,160 findings, notes of some length).
 *
 * Measured in one run, as ratios rather than timed limits:
 * - export time ÷ read time: the whole XLSX (three sheets, as the route
 *   writes it, the bytes read off as a browser would) against draining the
 *   same export-row generators without writing anything;
 * - memory during the export above the level before it — peak RSS and
 *   heapUsed sampled every 5 ms, and the live heap (after a GC every 2,000
 *   rows) — against the size of the same rows held in memory at once
 *   (heapUsed with every row kept, after a GC): a streaming export's live
 *   heap stays well below 1× and does not grow with the organisation.
 *
 *   npx tsx --expose-gc bench/exports.ts     # or as part of `npm run bench`
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { PassThrough } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { sql } from "drizzle-orm";
import { createDb, type Db } from "../db/client";
import { migrateDb } from "../db/migrate";
import { finaliseQuarter } from "../db/queries/scores/finalise";
import * as schema from "../db/schema";
import { addDays, periodEnd, periodFromIndex, periodIndex, periodOfDate, periodStart } from "../scoring/dates";
import { defaultRubric } from "../scoring/rubrics/index";
import { SERVICE_TYPES } from "../scoring/types";
import { serverT } from "../app/i18n/instance";
import { EXPORT_TABLES, exportSheet } from "../app/procurement/export-sheets.server";
import { writeWorkbook, type ExportSheet } from "../server/exports/xlsx";
import { buildContract, buildContractSite, buildContractor, buildMembership, buildOrg, buildSite, buildSurveyCampaign, buildUser } from "../test/helpers/factories";
import { printTable, type BenchResult } from "./scoring";

const TODAY = "2026-11-18";
const CONTRACTS = 24;
const FINDINGS_PER_QUARTER = 105;
/** The eight quarters before today's, all ended: 2024-Q4 … 2026-Q3. */
const QUARTERS = Array.from({ length: 8 }, (_, i) => periodFromIndex(periodIndex(periodOfDate(TODAY)) - 8 + i));
const ORG = "bench-exports-org";
const SUPERVISOR = "bench-exports-supervisor";

/** A GC where the process allows one (`--expose-gc`, or switched on here). */
function gc(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** The recursive CTE 0 … n−1 the bulk inserts draw from. */
const seq = (n: number) => sql.raw(`WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ${n - 1})`);

async function buildOrganisation(db: Db): Promise<void> {
  await db.insert(schema.organisations).values(buildOrg({ id: ORG, slug: "bench-exports" }));
  await db.insert(schema.users).values(buildUser({ id: SUPERVISOR }));
  await db.insert(schema.memberships).values(buildMembership({ orgId: ORG, userId: SUPERVISOR, role: "supervisor" }));
  const contractors = Array.from({ length: 8 }, (_, i) => buildContractor({ id: `bx-contractor-${i}`, orgId: ORG }));
  await db.insert(schema.contractors).values(contractors);
  for (let c = 0; c < CONTRACTS; c++) {
    const serviceType = SERVICE_TYPES[c % SERVICE_TYPES.length]!;
    const rubric = defaultRubric(serviceType);
    const contractId = `bx-contract-${c}`;
    const siteId = `bx-site-${c}`;
    await db.insert(schema.sites).values(buildSite({ id: siteId, orgId: ORG }));
    await db.insert(schema.contracts).values(
      buildContract({ id: contractId, orgId: ORG, contractorId: contractors[c % contractors.length]!.id!, serviceType, title: `基准合同 ${c + 1}`, startOn: periodStart(QUARTERS[0]!), endOn: "2027-12-31" }),
    );
    await db.insert(schema.contractSites).values(buildContractSite({ orgId: ORG, contractId, siteId }));
    const items = JSON.stringify(rubric.dimensions.flatMap((d) => d.items.map((i) => i.id)));
    for (const [k, period] of QUARTERS.entries()) {
      const key = `${c}-${k}`;
      const campaignId = `bx-campaign-${key}`;
      await db.insert(schema.surveyCampaigns).values(
        buildSurveyCampaign({ id: campaignId, orgId: ORG, contractId, period, createdBy: SUPERVISOR, rubricId: rubric.id, rubricVersion: rubric.version, questionnaire: rubric.questionnaire, opensOn: addDays(periodEnd(period), -20), closesOn: periodEnd(period), status: "closed", closedAt: `${periodEnd(period)}T10:00:00.000Z` }),
      );
      const questions = Object.fromEntries(rubric.questionnaire.map((q, i) => [q.id, [0, 1, 3 + (i % 3), 20 + ((c + k) % 7), 16] as [number, number, number, number, number]]));
      await db.insert(schema.surveyTallyReleases).values({ campaignId, orgId: ORG, respondents: 50, straightLined: 0, questions });
      await db.insert(schema.inspections).values({ id: `bx-insp-${key}`, orgId: ORG, kind: "spot", contractId, siteId, inspectorUserId: SUPERVISOR, inspectedOn: periodStart(period), createdAt: `${TODAY}T00:00:00.000Z` });
      await db.run(sql`${seq(FINDINGS_PER_QUARTER)}
        INSERT INTO findings (id, org_id, inspection_id, contract_id, site_id, period, item_id, severity, note, found_on, due_on, status, rectified_on, verified_on, verified_by, created_by, created_at, updated_at)
        SELECT ${`bx-f-${key}-`} || n, ${ORG}, ${`bx-insp-${key}`}, ${contractId}, ${siteId}, ${period},
          json_extract(${items}, '$[' || (n % json_array_length(${items})) || ']'),
          CASE WHEN n % 10 < 7 THEN 'minor' WHEN n % 10 < 9 THEN 'major' ELSE 'critical' END,
          '第' || n || '号问题：巡查发现现场保洁不到位，已当场告知项目负责人并要求限期整改，复查时一并核对整改记录。',
          date(${periodStart(period)}, '+' || (n % 80) || ' days'), date(${periodStart(period)}, '+' || (n % 80 + 3) || ' days'),
          'verified', date(${periodStart(period)}, '+' || (n % 80 + 2) || ' days'), date(${periodStart(period)}, '+' || (n % 80 + 4) || ' days'),
          ${SUPERVISOR}, ${SUPERVISOR}, ${`${TODAY}T00:00:00.000Z`}, ${`${TODAY}T00:00:00.000Z`}
        FROM seq`);
    }
  }
  const ctx = { orgId: ORG, actorUserId: SUPERVISOR };
  for (const period of QUARTERS) {
    for (let c = 0; c < CONTRACTS; c++) {
      const r = await finaliseQuarter(db, ctx, { contractId: `bx-contract-${c}`, period, today: addDays(periodEnd(period), 7), overrideReason: "基准测试", provisionalJustification: "基准测试" });
      if (!r.ok) throw new Error(`bench: finalising ${period} was refused: ${JSON.stringify(r)}`);
    }
  }
}

/** The three sheets of the organisation's export, in Chinese, as the route builds them. */
const sheetsOf = (db: Db) => EXPORT_TABLES.map((table) => exportSheet(db, table, { orgId: ORG }, { t: serverT("zh-CN"), locale: "zh-CN", today: TODAY }));

/** Every row of the three sheets read and dropped; the count. */
async function readOnly(db: Db): Promise<number> {
  let n = 0;
  for (const sheet of sheetsOf(db)) {
    for await (const row of sheet.rows) n += row.length > 0 ? 1 : 0;
  }
  return n;
}

/** Every row of the three sheets held at once: the heap they take (after a GC) and the count. */
async function rowsInMemory(db: Db): Promise<{ bytes: number; rows: number }> {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[][] = [];
  for (const sheet of sheetsOf(db)) for await (const row of sheet.rows) kept.push(row);
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  return { bytes, rows: kept.length };
}

/** The workbook written and its bytes read off (and dropped) as a download would; its size. */
async function exportXlsx(db: Db, sheets: ExportSheet[] = sheetsOf(db)): Promise<number> {
  const out = new PassThrough();
  let size = 0;
  out.on("data", (chunk: Buffer) => (size += chunk.length));
  const ended = new Promise((resolve, reject) => out.on("end", resolve).on("error", reject));
  await writeWorkbook(out, sheets);
  await ended;
  return size;
}

/**
 * The export once more (not timed) with a GC every 2,000 rows: the live heap
 * above the start at its highest — what the export keeps, without the garbage
 * that the sampled peak also counts.
 */
async function liveHeapDuringExport(db: Db): Promise<number> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let live = 0;
  let n = 0;
  async function* watched(rows: AsyncIterable<unknown[]>) {
    for await (const row of rows) {
      if (++n % 2000 === 0) {
        gc();
        live = Math.max(live, process.memoryUsage().heapUsed - base);
      }
      yield row;
    }
  }
  await exportXlsx(db, sheetsOf(db).map((sheet) => ({ ...sheet, rows: watched(sheet.rows) })));
  return live;
}

/** Peak RSS and heapUsed above the level at the start, sampled every 5 ms while `run` runs. */
async function peakDuring<T>(run: () => Promise<T>): Promise<{ result: T; ms: number; rss: number; heap: number }> {
  gc();
  const base = process.memoryUsage();
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss - base.rss);
    heap = Math.max(heap, m.heapUsed - base.heapUsed);
  };
  const timer = setInterval(sample, 5);
  const t0 = performance.now();
  try {
    const result = await run();
    const ms = performance.now() - t0;
    sample();
    return { result, ms, rss, heap };
  } finally {
    clearInterval(timer);
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export async function benchExports(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kaoping-bench-exports-"));
  const handle = createDb({ url: `file:${path.join(dir, "exports.db")}` });
  try {
    await handle.ready;
    await migrateDb(handle.db);
    const t0 = performance.now();
    await buildOrganisation(handle.db);
    const [counts] = await handle.db.all<{ findings: number; snapshots: number }>(sql`SELECT (SELECT count(*) FROM findings) AS findings, (SELECT count(*) FROM quarter_scores) AS snapshots`);
    console.log(`built: ${counts!.findings.toLocaleString("en")} findings, ${counts!.snapshots} snapshots in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Warm both paths once (statement caches, module code), then time each once more, alternating.
    await readOnly(handle.db);
    await exportXlsx(handle.db);
    const read = await peakDuring(() => readOnly(handle.db));
    const write = await peakDuring(() => exportXlsx(handle.db));
    const read2 = await peakDuring(() => readOnly(handle.db));
    const write2 = await peakDuring(() => exportXlsx(handle.db));
    const readMs = Math.min(read.ms, read2.ms);
    const writeMs = Math.min(write.ms, write2.ms);
    const held = await rowsInMemory(handle.db);
    const live = await liveHeapDuringExport(handle.db);
    const peakRss = Math.max(write.rss, write2.rss);
    const peakHeap = Math.max(write.heap, write2.heap);

    console.log(`rows: ${read.result.toLocaleString("en")} (three sheets); held at once they take ${mb(held.bytes)} of heap`);
    console.log(`read only: ${readMs.toFixed(0)} ms (peak RSS +${mb(Math.max(read.rss, read2.rss))}, heap +${mb(Math.max(read.heap, read2.heap))})`);
    console.log(`XLSX export: ${writeMs.toFixed(0)} ms, ${mb(write.result)} file; peak RSS +${mb(peakRss)}, heap +${mb(peakHeap)}`);
    console.log(`live heap during the export (GC every 2,000 rows): +${mb(live)} at most`);
    console.log(
      `export ÷ read ×${(writeMs / readMs).toFixed(2)}; ÷ rows in memory: peak RSS growth ×${(peakRss / held.bytes).toFixed(2)}, ` +
        `peak heap growth ×${(peakHeap / held.bytes).toFixed(2)} (garbage included), live heap ×${(live / held.bytes).toFixed(2)}`,
    );
    const row = (name: string, ms: number, note: string): BenchResult => ({ name, opsPerSec: Number((1000 / ms).toFixed(2)), usPerOp: Math.round(ms * 1000), ops: 2, note });
    return [
      row(`exports: read the org's rows (${read.result.toLocaleString("en")})`, readMs, `rows held at once ${mb(held.bytes)}`),
      row(
        `exports: org XLSX (${mb(write.result)})`,
        writeMs,
        `×${(writeMs / readMs).toFixed(2)} of reading; ÷ rows held: peak RSS ×${(peakRss / held.bytes).toFixed(2)}, live heap ×${(live / held.bytes).toFixed(2)}`,
      ),
    ];
  } finally {
    handle.client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(await benchExports());
}
