/**
 * The findings list's loader query (listFindings) on a demo-sized
 * organisation — about 1,600 findings over two years, 49 cells, 5 contracts —
 * and on one with ten times the findings at the same 5 contracts, in one run
 * on one temp database: the default list (newest first) and status=overdue.
 * A ratio (large ÷ demo, time per call) near 1 means the list reads a page of
 * an index, not every finding of the organisation.
 *
 *   npx tsx bench/findings.ts           # or as part of `npm run bench`
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { createDb, type Db } from "../db/client";
import { migrateDb } from "../db/migrate";
import { listFindings, type FindingListQuery } from "../db/queries/inspections/list";
import * as s from "../db/schema";
import { DEFAULT_DUE_DAYS } from "../domain/findings";
import { addDays, periodOfDate } from "../scoring/dates";
import { DEFAULT_RUBRICS } from "../scoring/rubrics/index";
import { SEVERITIES, type ServiceType } from "../scoring/types";
import {
  buildContract,
  buildContractor,
  buildEvidenceFile,
  buildFinding,
  buildGridCell,
  buildInspection,
  buildOrg,
  buildSite,
  buildUser,
  buildMembership,
  buildContractSite,
} from "../test/helpers/factories";
import { printTable, type BenchResult } from "./scoring";

const TODAY = "2026-11-20";
const FIRST_DAY = "2024-11-21"; // two years back
const DAYS = 730;
const SERVICE_TYPES: ServiceType[] = ["property", "catering", "greening", "meeting", "property"];

/** A deterministic pseudo-random sequence (the same organisation on every run). */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

async function insertChunked(db: Db, table: Parameters<Db["insert"]>[0], rows: unknown[], size = 200) {
  for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size) as never);
}

/** An organisation with 7 sites × 7 cells, 5 contracts covering them and `findings` findings spread over two years. */
async function buildOrganisation(db: Db, findings: number, seed: number): Promise<string> {
  const rnd = random(seed);
  const org = buildOrg();
  const orgId = org.id!;
  const user = buildUser();
  await db.insert(s.organisations).values(org);
  await db.insert(s.users).values(user);
  await db.insert(s.memberships).values(buildMembership({ orgId, userId: user.id!, role: "supervisor" }));
  const sites = Array.from({ length: 7 }, () => buildSite({ orgId }));
  await insertChunked(db, s.sites, sites);
  const cells = sites.flatMap((site) => Array.from({ length: 7 }, () => buildGridCell({ orgId, siteId: site.id!, patrolLeaderUserId: user.id! })));
  await insertChunked(db, s.gridCells, cells);
  const contractor = buildContractor({ orgId });
  await db.insert(s.contractors).values(contractor);
  const contracts = SERVICE_TYPES.map((serviceType) => buildContract({ orgId, contractorId: contractor.id!, serviceType, startOn: "2024-01-01", endOn: "2027-12-31" }));
  await insertChunked(db, s.contracts, contracts);
  await insertChunked(db, s.contractSites, contracts.flatMap((c) => sites.map((site) => buildContractSite({ orgId, contractId: c.id!, siteId: site.id! }))));

  const inspections: s.NewInspection[] = [];
  const rows: s.NewFinding[] = [];
  const evidence: s.NewEvidenceFile[] = [];
  // About four findings per patrol.
  for (let i = 0; i < findings; i++) {
    const cell = cells[Math.floor(rnd() * cells.length)]!;
    const contract = contracts[Math.floor(rnd() * contracts.length)]!;
    const foundOn = addDays(FIRST_DAY, Math.floor(rnd() * DAYS));
    if (i % 4 === 0 || !inspections.length) {
      inspections.push(buildInspection({ orgId, kind: "patrol", siteId: cell.siteId, gridCellId: cell.id!, inspectorUserId: user.id!, inspectedOn: foundOn }));
    }
    const inspection = inspections[inspections.length - 1]!;
    const items = DEFAULT_RUBRICS[contract.serviceType!].dimensions.flatMap((d) => d.items);
    const severity = SEVERITIES[Math.floor(rnd() * 3)]!;
    const dueOn = addDays(foundOn, DEFAULT_DUE_DAYS[severity]);
    // Older findings are mostly closed; recent ones open, overdue or awaiting verification.
    const recent = foundOn > addDays(TODAY, -30);
    const roll = rnd();
    const status = recent ? (roll < 0.5 ? "open" : roll < 0.8 ? "rectified" : "verified") : roll < 0.03 ? "open" : roll < 0.06 ? "withdrawn" : "verified";
    const rectifiedOn = status === "verified" || status === "rectified" ? addDays(foundOn, Math.floor(rnd() * 10)) : null;
    const finding = buildFinding({
      orgId,
      inspectionId: inspection.id!,
      contractId: contract.id!,
      siteId: inspection.siteId,
      gridCellId: inspection.gridCellId,
      createdBy: user.id!,
      period: periodOfDate(foundOn),
      itemId: items[Math.floor(rnd() * items.length)]!.id,
      severity,
      foundOn,
      dueOn,
      status,
      rectifiedOn,
      withdrawnReason: status === "withdrawn" ? "误报" : null,
    });
    rows.push(finding);
    if (rnd() < 0.5) evidence.push(buildEvidenceFile({ orgId, findingId: finding.id!, uploadedBy: user.id! }));
  }
  await insertChunked(db, s.inspections, inspections);
  await insertChunked(db, s.findings, rows, 150);
  await insertChunked(db, s.evidenceFiles, evidence);
  return orgId;
}

/**
 * Times `a` and `b` in alternating rounds (so machine noise hits both alike)
 * after a warm-up; the best round's microseconds per call of each.
 */
async function timePair(a: () => Promise<unknown>, b: () => Promise<unknown>, rounds = 6, roundMs = 300) {
  const best = { a: Infinity, b: Infinity, opsA: 0, opsB: 0 };
  for (const op of [a, b]) for (let i = 0; i < 20; i++) await op();
  for (let r = 0; r < rounds; r++) {
    for (const side of ["a", "b"] as const) {
      const op = side === "a" ? a : b;
      let n = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < roundMs) {
        await op();
        n++;
      }
      best[side] = Math.min(best[side], ((performance.now() - t0) * 1000) / n);
      if (side === "a") best.opsA += n;
      else best.opsB += n;
    }
  }
  return best;
}

export async function benchFindings(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kaoping-bench-findings-"));
  const { db, client, ready } = createDb({ url: `file:${path.join(dir, "bench.db")}` });
  try {
    await ready;
    await migrateDb(db);
    const demo = await buildOrganisation(db, 1_600, 7);
    const large = await buildOrganisation(db, 16_000, 11);
    // The planner's statistics, as a long-running database has them after `PRAGMA optimize`.
    await db.run(sql`ANALYZE`);

    const cases: { name: string; query: Omit<FindingListQuery, "orgId"> }[] = [
      { name: "default", query: { today: TODAY } },
      { name: "overdue", query: { today: TODAY, status: "overdue" } },
    ];
    const out: BenchResult[] = [];
    for (const c of cases) {
      const t = await timePair(
        () => listFindings(db, { orgId: demo, ...c.query }),
        () => listFindings(db, { orgId: large, ...c.query }),
      );
      const ratio = t.b / t.a;
      out.push({ name: `findings list ${c.name}, demo (1,600)`, opsPerSec: Math.round(1e6 / t.a), usPerOp: Math.round(t.a), ops: t.opsA });
      out.push({
        name: `findings list ${c.name}, 10× (16,000)`,
        opsPerSec: Math.round(1e6 / t.b),
        usPerOp: Math.round(t.b),
        ops: t.opsB,
        note: `×${ratio.toFixed(2)} the demo's time per call (≈1: no scan)`,
      });
    }
    return out;
  } finally {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(await benchFindings());
}
