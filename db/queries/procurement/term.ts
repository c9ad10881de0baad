/**
 * A contract's term as procurement reads it (issue 12): every quarter of the
 * term up to today's, the finalised ones from their latest snapshot, and the
 * renewal recommendation over those only. Never a live score: a quarter not
 * yet finalised (draft, or the current one) is listed with its state and no
 * figures, and left out of the recommendation. A reopened quarter keeps
 * counting with its latest finalised revision until the correction is
 * finalised (ADR 007).
 *
 * Built for many contracts at once (the tender view, the comparison, the
 * exports): each measure is one grouped query over all of them.
 */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { quarterStateOn, type QuarterState } from "../../../domain/quarter-lock";
import { daysLeft } from "../../../domain/procurement";
import { nextPeriod, periodEnd, periodOfDate } from "../../../scoring/dates";
import { recommendRenewal } from "../../../scoring/renewal";
import type { Grade, RenewalPolicy, RenewalRecommendation, ServiceType } from "../../../scoring/types";
import type { Db } from "../../client";
import { contractors, contractQuarters, contracts, contractSites, findings, quarterScores, vetoEvents, type ContractStatus } from "../../schema";

/** The contract's facts every procurement page shows. */
export interface TermContract {
  id: string;
  title: string;
  code: string | null;
  contractorId: string;
  contractorName: string;
  /** 统一社会信用代码. */
  creditCode: string;
  serviceType: ServiceType;
  startOn: string;
  endOn: string;
  annualValueFen: number;
  status: ContractStatus;
  siteIds: string[];
}

/** One quarter of the term. The figures are the latest snapshot's; null while the quarter has none. */
export interface TermQuarter {
  period: string;
  state: QuarterState;
  /** 0 until first finalised. */
  revision: number;
  /** In the recommendation and the averages: it has a finalised snapshot (finalised, or reopened on its latest revision). */
  counted: boolean;
  total: number | null;
  grade: Grade | null;
  provisional: boolean;
  vetoed: boolean;
  satisfactionRate: number | null;
  respondents: number | null;
  targetRate: number | null;
  deductedFen: number | null;
}

/** Findings of the term (withdrawn ones left out) as of `today`. */
export interface TermFindings {
  total: number;
  /** Findings whose deadline has passed (before today; the deadline day itself is still in time). */
  due: number;
  /** Of those, rectified on or before the deadline. */
  inTime: number;
  /** inTime ÷ due; null while no deadline has passed. */
  rectificationRate: number | null;
  /** Findings marked as repeats whose mark was not cleared. */
  repeats: number;
}

export interface TermRecord {
  contract: TermContract;
  /** Days from today to the last day (0 on it, negative once ended). */
  daysLeft: number;
  /** The term's quarters from the first up to today's (or the last), oldest first. */
  quarters: TermQuarter[];
  recommendation: RenewalRecommendation;
  /** Mean of the counted totals (the recommendation's figure); null without any. */
  averageTotal: number | null;
  findings: TermFindings;
  /** Confirmed vetoes over the term. */
  vetoes: number;
  /** Fees deducted over the counted quarters, in fen. */
  deductedFen: number;
}

export interface TermQuery {
  orgId: string;
  /** The organisation's day: which quarters have ended, which deadlines have passed. */
  today: string;
  policy: RenewalPolicy;
}

/**
 * The contracts' facts, keyed by id, in the order asked; another organisation's ids are simply absent.
 * @example const [c] = (await termContracts(db, { orgId, contractIds: [id] })).values();
 */
export async function termContracts(db: Db, q: { orgId: string; contractIds?: string[]; serviceType?: ServiceType }): Promise<Map<string, TermContract>> {
  if (q.contractIds?.length === 0) return new Map();
  const rows = await db
    .select({
      id: contracts.id,
      title: contracts.title,
      code: contracts.code,
      contractorId: contracts.contractorId,
      contractorName: contractors.name,
      creditCode: contractors.creditCode,
      serviceType: contracts.serviceType,
      startOn: contracts.startOn,
      endOn: contracts.endOn,
      annualValueFen: contracts.annualValueFen,
      status: contracts.status,
    })
    .from(contracts)
    .innerJoin(contractors, and(eq(contractors.id, contracts.contractorId), eq(contractors.orgId, q.orgId)))
    .where(
      and(
        eq(contracts.orgId, q.orgId),
        q.contractIds ? inArray(contracts.id, q.contractIds) : undefined,
        q.serviceType ? eq(contracts.serviceType, q.serviceType) : undefined,
      ),
    );
  const sites = await db
    .select({ contractId: contractSites.contractId, siteId: contractSites.siteId })
    .from(contractSites)
    .where(and(eq(contractSites.orgId, q.orgId), inArray(contractSites.contractId, rows.map((r) => r.id))));
  const out = new Map<string, TermContract>();
  const order = q.contractIds ? new Map(q.contractIds.map((id, i) => [id, i])) : null;
  if (order) rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  for (const r of rows) out.set(r.id, { ...r, siteIds: [] });
  for (const s of sites) out.get(s.contractId)?.siteIds.push(s.siteId);
  return out;
}

/** The term's quarters from the first up to today's quarter or the last, oldest first. */
export function termPeriods(c: { startOn: string; endOn: string }, today: string): string[] {
  const last = c.endOn < today ? periodOfDate(c.endOn) : periodOfDate(today);
  const out: string[] = [];
  // "2026-Q3" strings sort in calendar order.
  for (let p = periodOfDate(c.startOn); p <= last; p = nextPeriod(p)) out.push(p);
  return out;
}

/**
 * The term records of the contracts given (facts from {@link termContracts}),
 * keyed by contract id in the same order.
 * @example const records = await termRecords(db, contracts, { orgId, today, policy });
 */
export async function termRecords(db: Db, given: Map<string, TermContract>, q: TermQuery): Promise<Map<string, TermRecord>> {
  const ids = [...given.keys()];
  if (ids.length === 0) return new Map();
  const [snapshots, states, findingCounts, vetoCounts] = await Promise.all([
    latestSnapshotsOf(db, q.orgId, ids),
    quarterStates(db, q.orgId, ids),
    findingMeasures(db, { orgId: q.orgId, contractIds: ids, today: q.today }),
    confirmedVetoes(db, q.orgId, ids),
  ]);
  const out = new Map<string, TermRecord>();
  for (const contract of given.values()) {
    const quarters = termPeriods(contract, q.today).map((period): TermQuarter => {
      const key = `${contract.id}|${period}`;
      const stored = states.get(key);
      const state = quarterStateOn(stored?.status, { periodEnd: periodEnd(period), today: q.today });
      const snap = snapshots.get(key);
      const counted = Boolean(snap) && (state === "finalised" || state === "reopened");
      return {
        period,
        state,
        revision: stored?.revision ?? 0,
        counted,
        total: counted ? snap!.total : null,
        grade: counted ? snap!.grade : null,
        provisional: counted && snap!.provisional,
        vetoed: counted && snap!.vetoed,
        satisfactionRate: counted ? snap!.satisfactionRate : null,
        respondents: counted ? snap!.respondents : null,
        targetRate: counted ? snap!.targetRate : null,
        deductedFen: counted ? snap!.deductedFen : null,
      };
    });
    const counted = quarters.filter((x) => x.counted);
    const recommendation = recommendRenewal(
      counted.map((x) => ({ period: x.period, total: x.total!, grade: x.grade!, vetoed: x.vetoed, provisional: x.provisional })),
      q.policy,
    );
    out.set(contract.id, {
      contract,
      daysLeft: daysLeft(contract.endOn, q.today),
      quarters,
      recommendation,
      averageTotal: recommendation.averageTotal,
      findings: findingCounts.get(contract.id) ?? { total: 0, due: 0, inTime: 0, rectificationRate: null, repeats: 0 },
      vetoes: vetoCounts.get(contract.id) ?? 0,
      deductedFen: counted.reduce((sum, x) => sum + (x.deductedFen ?? 0), 0),
    });
  }
  return out;
}

/** The listed columns of each contract-quarter's latest snapshot, keyed "contractId|period" (the JSON is never read). */
async function latestSnapshotsOf(db: Db, orgId: string, contractIds: string[]) {
  const rows = await db
    .select({
      contractId: quarterScores.contractId,
      period: quarterScores.period,
      total: quarterScores.total,
      grade: quarterScores.grade,
      provisional: quarterScores.provisional,
      vetoed: quarterScores.vetoed,
      satisfactionRate: quarterScores.satisfactionRate,
      respondents: quarterScores.respondents,
      targetRate: quarterScores.targetRate,
      deductedFen: quarterScores.deductedFen,
    })
    .from(quarterScores)
    .where(
      and(
        eq(quarterScores.orgId, orgId),
        inArray(quarterScores.contractId, contractIds),
        // The newest revision only, through the (contract, period, revision) unique index.
        sql`${quarterScores.revision} = (select max(q2.revision) from ${quarterScores} q2 where q2.org_id = ${quarterScores.orgId} and q2.contract_id = ${quarterScores.contractId} and q2.period = ${quarterScores.period})`,
      ),
    );
  return new Map(rows.map((r) => [`${r.contractId}|${r.period}`, r]));
}

async function quarterStates(db: Db, orgId: string, contractIds: string[]) {
  const rows = await db
    .select({ contractId: contractQuarters.contractId, period: contractQuarters.period, status: contractQuarters.status, revision: contractQuarters.revision })
    .from(contractQuarters)
    .where(and(eq(contractQuarters.orgId, orgId), inArray(contractQuarters.contractId, contractIds)));
  return new Map(rows.map((r) => [`${r.contractId}|${r.period}`, r]));
}

/**
 * The rectification and repeat counts of findings, as SQL aggregates: the one
 * place the rule is written (the tender view, the comparison, the dossier's
 * per-item table and the exports all group by it). A deadline has passed when
 * it is before `today`; in time means rectified on or before the deadline
 * (rectified_on is cleared when a verification fails, so a failed fix is not in time).
 */
export function findingMeasureColumns(today: string) {
  const passed = sql`${findings.dueOn} < ${today}`;
  return {
    total: sql<number>`count(*)`,
    due: sql<number>`coalesce(sum(${passed}), 0)`,
    inTime: sql<number>`coalesce(sum(${passed} and ${findings.rectifiedOn} is not null and ${findings.rectifiedOn} <= ${findings.dueOn}), 0)`,
    repeats: sql<number>`coalesce(sum(${findings.repeatOfId} is not null and ${findings.repeatClearedReason} is null), 0)`,
  };
}

/** {@link findingMeasureColumns}' counts with the rate worked out. */
export function termFindingsOf(r: { total: number; due: number; inTime: number; repeats: number }): TermFindings {
  return { ...r, rectificationRate: r.due === 0 ? null : r.inTime / r.due };
}

/** The term's findings (not withdrawn) per contract. */
async function findingMeasures(db: Db, q: { orgId: string; contractIds: string[]; today: string }) {
  const rows = await db
    .select({ contractId: findings.contractId, ...findingMeasureColumns(q.today) })
    .from(findings)
    .where(and(eq(findings.orgId, q.orgId), inArray(findings.contractId, q.contractIds), ne(findings.status, "withdrawn")))
    .groupBy(findings.contractId);
  return new Map(rows.map(({ contractId, ...counts }) => [contractId, termFindingsOf(counts)]));
}

async function confirmedVetoes(db: Db, orgId: string, contractIds: string[]) {
  const rows = await db
    .select({ contractId: vetoEvents.contractId, n: sql<number>`count(*)` })
    .from(vetoEvents)
    .where(and(eq(vetoEvents.orgId, orgId), inArray(vetoEvents.contractId, contractIds), eq(vetoEvents.status, "confirmed")))
    .groupBy(vetoEvents.contractId);
  return new Map(rows.map((r) => [r.contractId, r.n]));
}
