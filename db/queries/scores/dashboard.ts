/**
 * The supervision dashboard (issue 11): every contract of the organisation
 * in a chosen quarter with its score, and one contract's scores over its term
 * beside the contracts of the same service type.
 *
 * A finalised quarter is read from its latest snapshot (the few numbers the
 * dashboard shows are pulled out of the stored JSON by SQLite, so no snapshot
 * is parsed here); any other quarter is scored live through the one input
 * builder (`buildQuarterInput` + `scoreQuarter` + `feeOf`), exactly as the
 * score page does. The rest is counted in grouped queries through the
 * (org, contract, period) indexes: open and overdue findings, pending vetoes.
 * Survey responses are never read: the input builder reads released tallies.
 */
import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import { quarterStateOn, scoringDay, type QuarterState } from "../../../domain/quarter-lock";
import { nextPeriod, periodEnd, periodOfDate, periodStart, previousPeriod } from "../../../scoring/dates";
import { scoreQuarter } from "../../../scoring/index";
import type { Grade, LocalisedText, QuarterScore, Rubric, ServiceType } from "../../../scoring/types";
import { SERVICE_TYPES } from "../../../scoring/types";
import type { Db } from "../../client";
import { contractors, contractQuarters, contracts, findings, quarterScores, vetoEvents } from "../../schema";
import { quarterRubric } from "../quarter-rubric";
import { feeOf } from "./fee";
import { buildQuarterInput } from "./input";
import { scoreContract, scoreContractColumns, type ScoreContract } from "./quarter";

/** One contract's line on the dashboard for a quarter. */
export interface DashboardRow {
  contractId: string;
  title: string;
  code: string | null;
  contractorName: string;
  serviceType: ServiceType;
  state: QuarterState;
  /** "snapshot": the latest stored revision of a finalised quarter; "live": scored now. */
  source: "live" | "snapshot";
  /** 0 until first finalised. */
  revision: number;
  total: number;
  grade: Grade;
  /** The previous quarter's total (null: the contract's term does not reach it). */
  previousTotal: number | null;
  /** total − previousTotal to one decimal (null without a previous total). */
  change: number | null;
  satisfaction: { rate: number | null; target: number; respondents: number };
  /** Findings of the quarter by their list status on `today` (domain/findings.ts findingListStatus): open and not yet due, open past due. */
  findings: { open: number; overdue: number };
  deductedFen: number;
  provisional: boolean;
  pendingVetoes: number;
  vetoed: boolean;
}

export interface SupervisionDashboard {
  period: string;
  /** Quarters with at least one contract in term, up to today's quarter, newest first. */
  periods: string[];
  rows: DashboardRow[];
}

export interface DashboardQuery {
  orgId: string;
  period: string;
  /** The organisation's day: live scores are as of it, overdue is counted on it. */
  today: string;
  serviceType?: ServiceType;
  state?: QuarterState;
}


const inTerm = (c: { startOn: string; endOn: string }, period: string) => c.startOn <= periodEnd(period) && c.endOn >= periodStart(period);

/** The quarters any of the contracts is in term, up to `last`, newest first. */
function periodsOf(terms: { startOn: string; endOn: string }[], last: string): string[] {
  const found = new Set<string>();
  for (const c of terms) {
    const end = c.endOn < periodEnd(last) ? periodOfDate(c.endOn) : last;
    for (let p = periodOfDate(c.startOn); p <= end; p = nextPeriod(p)) found.add(p);
  }
  // "2026-Q3" strings sort in calendar order.
  return [...found].sort().reverse();
}

/**
 * The latest snapshot of each contract's quarter in `periods`, with only the
 * numbers a list shows (the snapshot's listed columns: its JSON is never read here), keyed "contractId|period".
 */
async function latestSnapshots(db: Db, q: { orgId: string; periods: string[]; contractIds?: string[] }) {
  const rows = await db
    .select({
      contractId: quarterScores.contractId,
      period: quarterScores.period,
      revision: quarterScores.revision,
      total: quarterScores.total,
      grade: quarterScores.grade,
      asOf: quarterScores.asOf,
      rate: quarterScores.satisfactionRate,
      respondents: quarterScores.respondents,
      provisional: quarterScores.provisional,
      vetoed: quarterScores.vetoed,
      target: quarterScores.targetRate,
      deductedFen: quarterScores.deductedFen,
    })
    .from(quarterScores)
    .where(
      and(
        eq(quarterScores.orgId, q.orgId),
        inArray(quarterScores.period, q.periods),
        q.contractIds ? inArray(quarterScores.contractId, q.contractIds) : undefined,
        // The newest revision only, through the (contract, period, revision) unique index.
        sql`${quarterScores.revision} = (select max(q2.revision) from ${quarterScores} q2 where q2.org_id = ${quarterScores.orgId} and q2.contract_id = ${quarterScores.contractId} and q2.period = ${quarterScores.period})`,
      ),
    );
  return new Map(rows.map((r) => [`${r.contractId}|${r.period}`, { ...r, provisional: Boolean(r.provisional), vetoed: Boolean(r.vetoed) }]));
}

/** The stored status and revision of the contracts' quarters in `periods`, keyed "contractId|period". */
async function quarterRows(db: Db, q: { orgId: string; periods: string[]; contractIds?: string[] }) {
  const rows = await db
    .select({ contractId: contractQuarters.contractId, period: contractQuarters.period, status: contractQuarters.status, revision: contractQuarters.revision })
    .from(contractQuarters)
    .where(
      and(
        eq(contractQuarters.orgId, q.orgId),
        inArray(contractQuarters.period, q.periods),
        q.contractIds ? inArray(contractQuarters.contractId, q.contractIds) : undefined,
      ),
    );
  return new Map(rows.map((r) => [`${r.contractId}|${r.period}`, r]));
}

type Snapshots = Awaited<ReturnType<typeof latestSnapshots>>;
type QuarterRows = Awaited<ReturnType<typeof quarterRows>>;

interface Scored {
  state: QuarterState;
  source: "live" | "snapshot";
  revision: number;
  total: number;
  grade: Grade;
  provisional: boolean;
  vetoed: boolean;
  satisfaction: { rate: number | null; target: number; respondents: number };
  deductedFen: number;
  /** Only for a live score: what it was computed with (the history's breakdown uses it). */
  live: { score: QuarterScore; rubric: Rubric } | null;
}

/**
 * A contract's quarter as every page shows it: the latest snapshot when
 * finalised; else live through the input builder as of `today` — or, when
 * reopened, as of the first finalisation's day (every revision keeps it), as
 * getQuarterScore does. Null when the builder refuses the contract.
 */
async function scoreOf(db: Db, orgId: string, contract: ScoreContract, period: string, today: string, stored: { snapshots: Snapshots; rows: QuarterRows }): Promise<Scored | null> {
  const key = `${contract.id}|${period}`;
  const row = stored.rows.get(key);
  const snapshot = stored.snapshots.get(key);
  const state = quarterStateOn(row?.status, { periodEnd: periodEnd(period), today });
  const revision = row?.revision ?? 0;
  if (state === "finalised" && snapshot) {
    const { total, grade, provisional, vetoed, rate, target, respondents, deductedFen } = snapshot;
    return { state, source: "snapshot", revision, total, grade, provisional, vetoed, satisfaction: { rate, target, respondents }, deductedFen, live: null };
  }
  // Every revision keeps the first's asOf, so the latest snapshot's is it.
  const asOf = scoringDay(snapshot?.asOf, today);
  const built = await buildQuarterInput(db, { orgId, contractId: contract.id, period, asOf, contract });
  if (!built) return null;
  const score = scoreQuarter(built.rubric, built.input);
  return {
    state,
    source: "live",
    revision,
    total: score.total,
    grade: score.grade,
    provisional: score.provisional,
    vetoed: score.vetoed,
    satisfaction: { rate: score.satisfaction.rate, target: built.rubric.satisfaction.targetRate, respondents: score.satisfaction.respondents },
    deductedFen: feeOf(contract, period, score).deductedFen,
    live: { score, rubric: built.rubric },
  };
}

/** Open (not yet due) and overdue findings of the quarter per contract, counted in one grouped query. */
async function findingCounts(db: Db, q: { orgId: string; period: string; today: string; contractIds: string[] }) {
  const rows = await db
    .select({
      contractId: findings.contractId,
      // findingListStatus: open past its deadline is overdue; the deadline day itself is still in time.
      open: sql<number>`sum(${findings.status} = 'open' and ${findings.dueOn} >= ${q.today})`,
      overdue: sql<number>`sum(${findings.status} = 'open' and ${findings.dueOn} < ${q.today})`,
    })
    .from(findings)
    // Only open findings count: the planner may take the (org_id, status, due_on) index instead of reading every finding of the quarter.
    .where(and(eq(findings.orgId, q.orgId), inArray(findings.contractId, q.contractIds), eq(findings.period, q.period), eq(findings.status, "open")))
    .groupBy(findings.contractId);
  return new Map(rows.map((r) => [r.contractId, { open: r.open ?? 0, overdue: r.overdue ?? 0 }]));
}

/** Pending vetoes of the quarter per contract, in one grouped query. */
async function pendingVetoCounts(db: Db, q: { orgId: string; period: string; contractIds: string[] }) {
  const rows = await db
    .select({ contractId: vetoEvents.contractId, n: count() })
    .from(vetoEvents)
    .where(and(eq(vetoEvents.orgId, q.orgId), inArray(vetoEvents.contractId, q.contractIds), eq(vetoEvents.period, q.period), eq(vetoEvents.status, "pending")))
    .groupBy(vetoEvents.contractId);
  return new Map(rows.map((r) => [r.contractId, r.n]));
}

const typeOrder = (t: ServiceType) => SERVICE_TYPES.indexOf(t);

/**
 * Every contract of the organisation in term during `period`, with its
 * score, change against the previous quarter, findings, fee deducted and
 * flags; filtered by service type and state. A period after today's quarter,
 * or one no contract is in term, has no rows (and is not in `periods`).
 * @example const d = await supervisionDashboard(db, { orgId, period: "2026-Q3", today: todayFor(org) });
 */
export function supervisionDashboard(db: Db, q: DashboardQuery): Promise<SupervisionDashboard> {
  return dashboardOf(db, q, { change: true });
}

/** The dashboard; without `change` the previous quarter is not scored (a contract's peers need only the totals). */
async function dashboardOf(db: Db, q: DashboardQuery, opts: { change: boolean }): Promise<SupervisionDashboard> {
  const all = await db
    .select(scoreContractColumns)
    .from(contracts)
    .innerJoin(contractors, and(eq(contractors.id, contracts.contractorId), eq(contractors.orgId, q.orgId)))
    .where(eq(contracts.orgId, q.orgId));
  const periods = periodsOf(all, periodOfDate(q.today));
  if (!periods.includes(q.period)) return { period: q.period, periods, rows: [] };

  const inQuarter = all.filter((c) => inTerm(c, q.period) && (!q.serviceType || c.serviceType === q.serviceType));
  if (inQuarter.length === 0) return { period: q.period, periods, rows: [] };
  const previous = previousPeriod(q.period);
  const contractIds = inQuarter.map((c) => c.id);
  const scope = { orgId: q.orgId, periods: opts.change ? [q.period, previous] : [q.period], contractIds };
  const [snapshots, rows] = await Promise.all([latestSnapshots(db, scope), quarterRows(db, scope)]);
  const stored = { snapshots, rows };

  // The state filter goes first, so contracts filtered out are never scored.
  const shown = inQuarter.filter((c) => {
    if (!q.state) return true;
    return quarterStateOn(rows.get(`${c.id}|${q.period}`)?.status, { periodEnd: periodEnd(q.period), today: q.today }) === q.state;
  });
  if (shown.length === 0) return { period: q.period, periods, rows: [] };
  const shownIds = shown.map((c) => c.id);
  const [counts, vetoes, scored] = await Promise.all([
    findingCounts(db, { orgId: q.orgId, period: q.period, today: q.today, contractIds: shownIds }),
    pendingVetoCounts(db, { orgId: q.orgId, period: q.period, contractIds: shownIds }),
    Promise.all(
      shown.map(async (c) => {
        const [now, before] = await Promise.all([
          scoreOf(db, q.orgId, c, q.period, q.today, stored),
          opts.change && inTerm(c, previous) ? scoreOf(db, q.orgId, c, previous, q.today, stored) : null,
        ]);
        return { contract: c, now, before };
      }),
    ),
  ]);

  const out: DashboardRow[] = [];
  for (const { contract: c, now, before } of scored) {
    if (!now) continue;
    const previousTotal = before?.total ?? null;
    out.push({
      contractId: c.id,
      title: c.title,
      code: c.code,
      contractorName: c.contractorName,
      serviceType: c.serviceType,
      state: now.state,
      source: now.source,
      revision: now.revision,
      total: now.total,
      grade: now.grade,
      previousTotal,
      // Totals carry one decimal; rounding keeps 85.3 − 84.1 from showing 1.1999….
      change: previousTotal === null ? null : Math.round((now.total - previousTotal) * 10) / 10,
      satisfaction: now.satisfaction,
      findings: counts.get(c.id) ?? { open: 0, overdue: 0 },
      deductedFen: now.deductedFen,
      provisional: now.provisional,
      pendingVetoes: vetoes.get(c.id) ?? 0,
      vetoed: now.vetoed,
    });
  }
  out.sort((a, b) => typeOrder(a.serviceType) - typeOrder(b.serviceType) || a.contractorName.localeCompare(b.contractorName, "zh-CN") || a.title.localeCompare(b.title, "zh-CN"));
  return { period: q.period, periods, rows: out };
}

/** One quarter of a contract's history. */
export interface HistoryPoint {
  period: string;
  total: number;
  grade: Grade;
  state: QuarterState;
  provisional: boolean;
  revision: number;
}

export interface ScoreHistory {
  contract: ScoreContract;
  /** The contract's quarters from its first up to today's (or its last), oldest first. */
  points: HistoryPoint[];
  /** The grade bands of the last point's rubric (empty without points). */
  gradeBands: Rubric["gradeBands"];
  /** The last point's dimensions (null without points). */
  breakdown: { period: string; dimensions: { id: string; label: LocalisedText; points: number; max: number }[] } | null;
  /** The contracts of the same service type in the last point's quarter, with their totals. */
  peers: { contractId: string; title: string; contractorName: string; total: number; grade: Grade }[];
}

/** The dimensions of a score with their labels from the rubric it was scored with. */
function breakdownOf(score: QuarterScore, rubric: Rubric) {
  const labels = new Map(rubric.dimensions.map((d) => [d.id, d.label]));
  return score.dimensions.map((d) => ({ id: d.id, label: labels.get(d.id) ?? { "zh-CN": d.id, en: d.id }, points: d.points, max: d.max }));
}

/**
 * A contract's scores over its term up to today's quarter (snapshots for
 * finalised quarters, live otherwise), the latest quarter's grade bands and
 * dimensions, and its peers of the same service type that quarter. Null when
 * the contract is not the organisation's.
 * @example const h = await contractScoreHistory(db, { orgId, contractId, today: todayFor(org) });
 */
export async function contractScoreHistory(db: Db, q: { orgId: string; contractId: string; today: string }): Promise<ScoreHistory | null> {
  const contract = await scoreContract(db, q.orgId, q.contractId);
  if (!contract) return null;
  const periods = periodsOf([contract], periodOfDate(q.today)).reverse();
  const last = periods.at(-1);
  if (!last) return { contract, points: [], gradeBands: [], breakdown: null, peers: [] };

  const scope = { orgId: q.orgId, periods, contractIds: [contract.id] };
  const [snapshots, rows] = await Promise.all([latestSnapshots(db, scope), quarterRows(db, scope)]);
  const scored = await Promise.all(periods.map((p) => scoreOf(db, q.orgId, contract, p, q.today, { snapshots, rows })));
  const points: HistoryPoint[] = [];
  periods.forEach((period, i) => {
    const s = scored[i];
    if (s) points.push({ period, total: s.total, grade: s.grade, state: s.state, provisional: s.provisional, revision: s.revision });
  });

  const latest = scored.at(-1) ?? null;
  const [breakdown, bands, peers] = await Promise.all([
    latest?.live ? breakdownOf(latest.live.score, latest.live.rubric) : snapshotBreakdown(db, { orgId: q.orgId, contractId: contract.id, period: last }),
    latest?.live ? latest.live.rubric.gradeBands : quarterRubric(db, { orgId: q.orgId, contract, period: last }).then((r) => r?.rubric.gradeBands ?? []),
    dashboardOf(db, { orgId: q.orgId, period: last, today: q.today, serviceType: contract.serviceType }, { change: false }),
  ]);
  return {
    contract,
    points,
    gradeBands: bands,
    breakdown: breakdown ? { period: last, dimensions: breakdown } : null,
    peers: peers.rows.map((r) => ({ contractId: r.contractId, title: r.title, contractorName: r.contractorName, total: r.total, grade: r.grade })),
  };
}

/** The dimensions of a finalised quarter's latest snapshot (its output and the rubric stored with it). */
async function snapshotBreakdown(db: Db, q: { orgId: string; contractId: string; period: string }) {
  const [row] = await db
    .select({ output: quarterScores.output, rubric: quarterScores.rubric })
    .from(quarterScores)
    .where(and(eq(quarterScores.orgId, q.orgId), eq(quarterScores.contractId, q.contractId), eq(quarterScores.period, q.period)))
    .orderBy(desc(quarterScores.revision))
    .limit(1);
  return row ? breakdownOf(row.output, row.rubric) : null;
}
