/**
 * Benchmark of the scoring engine: quarter scores per second, against
 * `structuredClone` of the same raw input as a yardstick.
 *
 * Each quarter has 300 raw survey responses × 8 questions and 20 findings
 * (deterministic data from a fixed seed); one operation is
 * `tallyResponses` + `scoreQuarter` for one quarter. Target: ≥ 20,000/s.
 * The machine's other load shows in the wall-clock figures; "ops/cpu-s"
 * counts this process's CPU time instead.
 */
import { performance } from "node:perf_hooks";
import {
  addDays,
  defaultRubric,
  periodFromIndex,
  periodStart,
  scoreQuarter,
  tallyResponses,
  SEVERITIES,
  type QuarterFinding,
  type Rubric,
  type SurveyResponse,
} from "../scoring/index";

export interface BenchResult {
  name: string;
  opsPerSec: number;
  /** Wall-clock time per operation in the best round, in microseconds. */
  usPerOp: number;
  /** Operations per second of this process's CPU time (less sensitive to a busy machine). */
  opsPerCpuSec?: number;
  /** Operations timed (over all rounds, after warm-up). */
  ops: number;
  /** Anything else worth showing, e.g. a ratio to a reference. */
  note?: string;
}

const RESPONSES = 300;
const QUESTIONS = 8;
const FINDINGS = 20;
const QUARTERS = 16;
const TARGET = 20_000;

/** A small deterministic generator (LCG), so every run scores the same data. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface RawQuarter {
  period: string;
  asOf: string;
  responses: SurveyResponse[];
  findings: QuarterFinding[];
}

/** The rubric's question ids, padded with synthetic ones up to eight. */
function questionIds(rubric: Rubric): { rubric: Rubric; ids: string[] } {
  const ids = rubric.questionnaire.slice(0, QUESTIONS).map((q) => q.id);
  const extra = Array.from({ length: QUESTIONS - ids.length }, (_, i) => `${rubric.serviceType}.bench.q${i}`);
  const questionnaire = [...rubric.questionnaire, ...extra.map((id) => ({ id, label: { "zh-CN": id, en: id } }))];
  return { rubric: { ...rubric, questionnaire }, ids: [...ids, ...extra] };
}

function buildQuarters(rubric: Rubric, ids: string[]): RawQuarter[] {
  const next = lcg(20260701);
  const items = rubric.dimensions.flatMap((d) => d.items.map((i) => i.id));
  return Array.from({ length: QUARTERS }, (_, k) => {
    const period = periodFromIndex(2024 * 4 + k);
    const start = periodStart(period);
    const responses = Array.from({ length: RESPONSES }, (): SurveyResponse => {
      const answers: Record<string, number | null> = {};
      for (const id of ids) answers[id] = next() < 0.05 ? null : next() < 0.85 ? 4 + Math.floor(next() * 2) : 1 + Math.floor(next() * 3);
      return { answers };
    });
    const findings = Array.from({ length: FINDINGS }, (_, i): QuarterFinding => {
      const foundOn = addDays(start, Math.floor(next() * 85));
      const dueOn = addDays(foundOn, 1 + Math.floor(next() * 7));
      const r = next();
      const rectifiedOn = r < 0.6 ? addDays(foundOn, Math.floor(next() * 5)) : r < 0.85 ? addDays(dueOn, 1 + Math.floor(next() * 10)) : null;
      const itemId = items[Math.floor(next() * items.length)]!;
      const severity = SEVERITIES[Math.floor(next() * 3)]!;
      return { id: `f${k}-${i}`, itemId, severity, foundOn, dueOn, rectifiedOn };
    });
    return { period, asOf: addDays(start, 100), responses, findings };
  });
}

/**
 * Runs `op` over the quarters: warm-up, then `rounds` timed rounds. Reports
 * the best round's wall-clock rate and the rate per CPU second over all rounds.
 */
function measure(name: string, quarters: RawQuarter[], op: (q: RawQuarter) => unknown, rounds = 5, roundMs = 400): BenchResult {
  let sink = 0;
  const warmUntil = performance.now() + 300;
  for (let i = 0; performance.now() < warmUntil; i++) sink += op(quarters[i % quarters.length]!) === undefined ? 0 : 1;
  let best = 0;
  let ops = 0;
  const cpu = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < roundMs) {
      for (let i = 0; i < 50; i++) sink += op(quarters[(n + i) % quarters.length]!) === undefined ? 0 : 1;
      n += 50;
      t = performance.now();
    }
    best = Math.max(best, (n * 1000) / (t - t0));
    ops += n;
  }
  const used = process.cpuUsage(cpu);
  if (sink < 0) console.log(sink); // keeps the results observable
  const opsPerCpuSec = Math.round((ops * 1e6) / (used.user + used.system));
  return { name, opsPerSec: Math.round(best), usPerOp: Math.round((1e6 / best) * 100) / 100, ops, opsPerCpuSec };
}

/**
 * Benchmarks tallyResponses + scoreQuarter on the catering default rubric
 * (deep-frozen, as a published version is, and as a fresh copy validated on
 * every call) against structuredClone of the same raw input; prints a table
 * and returns the rows.
 *
 * @example
 * const rows = await benchScoring();
 * rows[0].opsPerSec; // quarter scores per second
 */
export async function benchScoring(options: { print?: boolean } = {}): Promise<BenchResult[]> {
  const { rubric, ids } = questionIds(defaultRubric("catering"));
  const quarters = buildQuarters(rubric, ids);
  const published = deepFreeze(structuredClone(rubric));
  const scoreWith = (r: Rubric) => (q: RawQuarter) =>
    scoreQuarter(r, { period: q.period, asOf: q.asOf, survey: tallyResponses(q.responses), findings: q.findings });
  const frozen = measure("tallyResponses + scoreQuarter, published (deep-frozen) rubric", quarters, scoreWith(published));
  const fresh = measure("tallyResponses + scoreQuarter, rubric validated every call", quarters, scoreWith(rubric));
  const clone = measure("reference: structuredClone of the same raw quarter", quarters, (q) =>
    structuredClone({ responses: q.responses, findings: q.findings }),
  );
  for (const row of [frozen, fresh]) {
    const met = row.opsPerSec >= TARGET ? "met" : "MISSED";
    row.note = `${(row.opsPerSec / clone.opsPerSec).toFixed(2)}× structuredClone; target ${TARGET.toLocaleString("en")}/s ${met}`;
  }
  clone.note = "yardstick (300 responses + 20 findings)";
  const rows = [frozen, fresh, clone];
  if (options.print !== false) printTable(rows);
  return rows;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Prints bench rows as an aligned table. */
export function printTable(rows: BenchResult[]): void {
  const head = ["bench", "ops/s", "µs/op", "ops/cpu-s", "note"];
  const body = rows.map((r) => [
    r.name,
    r.opsPerSec.toLocaleString("en"),
    r.usPerOp.toFixed(2),
    r.opsPerCpuSec?.toLocaleString("en") ?? "",
    r.note ?? "",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 1 && i <= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const b of body) console.log(line(b));
}
