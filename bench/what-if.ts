/**
 * What-if re-scoring (issue 13, "benchmark it, loading and parsing included"):
 * every finalised quarter of one service type of the large benchmark
 * organisation re-scored under a draft rubric.
 *
 * The organisation of bench/scores.ts — 50 contracts over the four service
 * types, the four older quarters finalised — with that bench's two sizes of
 * quarter: 120 findings (small) and 1,200 findings (big) per contract-quarter.
 * Catering is 13 of the 50 contracts: 52 finalised quarters. Every sixth
 * quarter was reopened and finalised again (two revisions; the latest counts).
 * The snapshots are written straight into `quarter_scores` of a temp libSQL
 * file (migrated as the app migrates), each with the input, the output and the
 * rubric `scoreQuarter` gave for it — not through `finaliseQuarter`: only the
 * rows matter here, and building them takes seconds instead of minutes.
 *
 * Timed, per size, alternating small and big: the SELECT of the latest
 * revision of every finalised catering quarter (its own query, the shape
 * db/queries/rubrics `whatIfQuarters` is to have), `JSON.parse` of the inputs,
 * and `whatIfRescore` under a draft that moves 5 points from quality to
 * satisfaction, drops an item and a question. Reported: the medians of the
 * whole and of each part (aim: the whole under 100 ms on the big one), and
 * big ÷ small.
 *
 *   npx tsx bench/what-if.ts      # or as part of `npm run bench`
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { Client } from "@libsql/client";
import { createDb, type DbHandle } from "../db/client";
import { migrateDb } from "../db/migrate";
import { listedColumns } from "../db/queries/scores/finalise";
import * as schema from "../db/schema";
import type { StoredQuarterFee } from "../db/schema/contracts";
import { addDays, dayNumber, periodEnd, periodFromIndex, periodIndex, periodOfDate, periodStart } from "../scoring/dates";
import { defaultRubric } from "../scoring/rubrics/index";
import { scoreQuarter } from "../scoring/score";
import { SERVICE_TYPES, type AnswerCounts, type QuarterFinding, type QuarterInput, type Rubric, type ServiceType } from "../scoring/types";
import { whatIfRescore, type WhatIfQuarter } from "../scoring/what-if";
import { buildContract, buildContractor, buildOrg, buildUser } from "../test/helpers/factories";
import { printTable, type BenchResult } from "./scoring";

const TODAY = "2026-11-18";
const CONTRACTS = 50;
const QUARTERS = Array.from({ length: 8 }, (_, i) => periodFromIndex(periodIndex(periodOfDate(TODAY)) - 7 + i));
const FINALISED = QUARTERS.slice(0, 4);
const SIZES = { small: { respondents: 400, findings: 120 }, big: { respondents: 4_000, findings: 1_200 } } as const;
type Size = keyof typeof SIZES;
const TYPE: ServiceType = "catering";
const ORG = "bench-whatif-org";
const USER = "bench-whatif-user";
const AIM_MS = 100;
/** The fee calculation stored with every snapshot (not read here). */
const FEE: StoredQuarterFee = {
  quarterFeeFen: 30_000_000,
  basis: "annual_quarter",
  termDays: 92,
  quarterDays: 92,
  rule: { kind: "linear_below", threshold: 90, base: 100 },
  percent: 100,
  payableFen: 30_000_000,
  deductedFen: 0,
};

/** A quarter's stored input: deterministic findings, a tally, a bonus now and then. */
function quarterInput(rubric: Rubric, contract: number, period: string, size: Size): QuarterInput {
  const n = SIZES[size];
  const items = rubric.dimensions.flatMap((d) => d.items.map((i) => i.id));
  const span = dayNumber(periodEnd(period)) - dayNumber(periodStart(period)) + 1;
  const findings: QuarterFinding[] = [];
  for (let k = 0; k < n.findings; k++) {
    const severity = k % 10 < 7 ? "minor" : k % 10 < 9 ? "major" : "critical";
    const foundOn = addDays(periodStart(period), (k * 7 + contract) % span);
    const dueOn = addDays(foundOn, severity === "minor" ? 3 : severity === "major" ? 2 : 1);
    const f: QuarterFinding = {
      id: `f-${contract}-${period}-${k}`,
      itemId: items[(k + contract) % items.length]!,
      severity,
      foundOn,
      dueOn,
      rectifiedOn: k % 23 === 0 ? null : addDays(foundOn, 1 + (k % 3) + (k % 10 === 3 ? 5 : 0)),
    };
    if (k % 17 === 5) f.repeatOf = `f-${contract}-${period}-${k - 5}`;
    findings.push(f);
  }
  const questions: Record<string, AnswerCounts> = {};
  rubric.questionnaire.forEach((q, i) => {
    const r = n.respondents;
    const low = Math.floor((r * ((contract + i) % 5)) / 100);
    const four = Math.floor(r * 0.4);
    questions[q.id] = [low, low, Math.floor(r * 0.05), four, r - 2 * low - Math.floor(r * 0.05) - four - (i % 3)];
  });
  return {
    period,
    asOf: addDays(periodEnd(period), 7),
    survey: { respondents: n.respondents, questions },
    findings,
    bonuses: contract % 3 === 0 ? [{ itemId: rubric.bonusItems[0]!.id, note: "基准测试" }] : [],
    vetoes: [],
  };
}

/** The organisation's contracts and every finalised quarter's snapshot (revision 0, and 1 for every sixth). */
async function buildOrganisation(handle: DbHandle, size: Size): Promise<number> {
  const { db } = handle;
  await migrateDb(db);
  await db.insert(schema.organisations).values(buildOrg({ id: ORG, slug: "bench-whatif" }));
  await db.insert(schema.users).values(buildUser({ id: USER }));
  const contractor = buildContractor({ id: "bench-whatif-contractor", orgId: ORG });
  await db.insert(schema.contractors).values(contractor);
  let snapshots = 0;
  let nth = 0;
  for (let c = 0; c < CONTRACTS; c++) {
    const serviceType = SERVICE_TYPES[c % SERVICE_TYPES.length]!;
    const contractId = `bench-whatif-contract-${c}`;
    await db.insert(schema.contracts).values(
      buildContract({ id: contractId, orgId: ORG, contractorId: contractor.id!, serviceType, startOn: periodStart(QUARTERS[0]!), endOn: periodEnd(QUARTERS.at(-1)!) }),
    );
    const rubric = defaultRubric(serviceType);
    for (const period of FINALISED) {
      const input = quarterInput(rubric, c, period, size);
      const revisions = nth++ % 6 === 0 ? [{ ...input, findings: input.findings.slice(1) }, input] : [input];
      await db.insert(schema.contractQuarters).values({
        id: `bench-whatif-q-${c}-${period}`,
        orgId: ORG,
        contractId,
        period,
        status: "finalised",
        revision: revisions.length - 1,
        rubricId: rubric.id,
        rubricVersion: rubric.version,
        finalisedAt: `${input.asOf}T10:00:00.000Z`,
        finalisedBy: USER,
      });
      for (const [revision, inp] of revisions.entries()) {
        const output = scoreQuarter(rubric, inp);
        await db.insert(schema.quarterScores).values({
          id: `bench-whatif-s-${c}-${period}-${revision}`,
          orgId: ORG,
          contractId,
          period,
          revision,
          reason: revision === 0 ? null : "基准测试：更正",
          ...listedColumns(output, rubric, FEE),
          rubricId: rubric.id,
          rubricVersion: rubric.version,
          createdBy: USER,
          asOf: inp.asOf,
          input: inp,
          output,
          rubric,
          fee: FEE,
        });
        snapshots++;
      }
    }
  }
  return snapshots;
}

/**
 * The latest revision of every finalised quarter of the service type, with
 * the columns what-if reads (input last). Its own query until the lead
 * switches this bench to db/queries/rubrics `whatIfQuarters`.
 */
const SELECT_QUARTERS = `SELECT s.contract_id, s.period, s.total, s.grade, s.vetoed, s.provisional, s.input
  FROM quarter_scores s
  JOIN contracts c ON c.id = s.contract_id AND c.org_id = s.org_id
  JOIN contract_quarters q ON q.contract_id = s.contract_id AND q.period = s.period AND q.org_id = s.org_id
  WHERE s.org_id = ? AND c.service_type = ? AND q.status = 'finalised'
    AND s.revision = (SELECT max(r.revision) FROM quarter_scores r WHERE r.contract_id = s.contract_id AND r.period = s.period)`;

/** The draft: 5 points from quality to satisfaction, one item and one question gone. */
function draftRubric(): Rubric {
  const draft = { ...defaultRubric(TYPE), id: "catering-bench", version: "2027.1" };
  draft.dimensions.find((d) => d.id === "quality")!.max -= 5;
  draft.dimensions.find((d) => d.source === "survey")!.max += 5;
  draft.dimensions.find((d) => d.id === "duty")!.items.pop();
  draft.questionnaire.pop();
  return draft;
}

interface Timing {
  load: number;
  parse: number;
  score: number;
  total: number;
  /** This process's CPU time (all threads) for the whole run. */
  cpu: number;
  quarters: number;
  removedFindings: number;
}

async function runOnce(client: Client, draft: Rubric): Promise<Timing> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const rs = await client.execute({ sql: SELECT_QUARTERS, args: [ORG, TYPE] });
  const t1 = performance.now();
  const quarters: WhatIfQuarter[] = rs.rows.map((r) => ({
    contractId: String(r.contract_id),
    period: String(r.period),
    input: JSON.parse(String(r.input)) as QuarterInput,
    finalised: { total: Number(r.total), grade: String(r.grade) as WhatIfQuarter["finalised"]["grade"], vetoed: Number(r.vetoed) === 1, provisional: Number(r.provisional) === 1 },
  }));
  const t2 = performance.now();
  const result = whatIfRescore(draft, quarters);
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  return { load: t1 - t0, parse: t2 - t1, score: t3 - t2, total: t3 - t0, cpu: (cpu.user + cpu.system) / 1000, quarters: quarters.length, removedFindings: result.removedFindings };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function benchWhatIf(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kaoping-bench-whatif-"));
  const handles = {} as Record<Size, DbHandle>;
  try {
    for (const size of ["small", "big"] as const) {
      const t0 = performance.now();
      const handle = createDb({ url: `file:${path.join(dir, `${size}.db`)}` });
      await handle.ready;
      handles[size] = handle;
      const snapshots = await buildOrganisation(handle, size);
      console.log(`built ${size}: ${snapshots} snapshots (${SIZES[size].findings} findings / quarter) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const draft = draftRubric();
    const runs: Record<Size, Timing[]> = { small: [], big: [] };
    for (const size of ["small", "big"] as const) await runOnce(handles[size].client as Client, draft); // warm-up
    for (let i = 0; i < 15; i++) {
      for (const size of ["small", "big"] as const) runs[size].push(await runOnce(handles[size].client as Client, draft));
    }
    const out: BenchResult[] = [];
    const medians = {} as Record<Size, number>;
    for (const size of ["small", "big"] as const) {
      const t = runs[size];
      const m = (k: "load" | "parse" | "score" | "total" | "cpu") => median(t.map((x) => x[k]));
      medians[size] = m("total");
      const split = `load ${m("load").toFixed(1)} ms, parse ${m("parse").toFixed(1)} ms, score ${m("score").toFixed(1)} ms; CPU ${m("cpu").toFixed(1)} ms`;
      console.log(
        `what-if, ${TYPE}, ${size}: ${t[0]!.quarters} quarters, ${t[0]!.removedFindings} findings of removed items; median ${m("total").toFixed(1)} ms (${split})`,
      );
      out.push({
        name: `what-if re-score, ${t[0]!.quarters} ${TYPE} quarters × ${SIZES[size].findings} findings (${size})`,
        opsPerSec: Math.round(1000 / m("total")),
        usPerOp: Math.round(m("total") * 1000),
        opsPerCpuSec: Math.round(1000 / m("cpu")),
        ops: t.length,
        note: `median; ${split}${size === "big" ? `; aim < ${AIM_MS} ms; big ÷ small ×${(m("total") / medians.small).toFixed(2)}` : ""}`,
      });
    }
    return out;
  } finally {
    for (const h of Object.values(handles)) h.client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(await benchWhatIf());
}
