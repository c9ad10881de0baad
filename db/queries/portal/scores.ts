/**
 * The contractor portal's scores (issue 14): the quarters still being
 * written, live from the released tallies and the findings as of today; the
 * finalised quarters from their latest snapshot, with the deductions and the
 * fee deduction; and what each open finding costs now, in time and late.
 * Only the contractor's own contracts, always filtered by the organisation.
 * Nothing here reads a response or a comment: the survey enters only as the
 * released tally the scoring module was given.
 */
import { and, asc, desc, eq, inArray, lte, sql } from "drizzle-orm";
import { quarterStateOn, type QuarterState } from "../../../domain/quarter-lock";
import { addDays, periodEnd, periodOfDate, periodStart, previousPeriod } from "../../../scoring/dates";
import { scoreQuarter } from "../../../scoring/index";
import type { Grade, IsoDate, LocalisedText, Period, QuarterFinding, QuarterInput, QuarterScore, Rubric } from "../../../scoring/types";
import type { Db } from "../../client";
import { contractQuarters, contracts, quarterScores, type StoredQuarterFee } from "../../schema";
import { buildQuarterInput } from "../scores/input";
import { feeOf } from "../scores/fee";
import { scoreContract } from "../scores/quarter";

/** A quarter of one of the contractor's contracts that is still being written. */
export interface PortalLiveScore {
  contractId: string;
  contractTitle: string;
  period: string;
  state: QuarterState;
  total: number;
  grade: Grade;
  vetoed: boolean;
  provisional: boolean;
  /** Respondents of the released tally the score used. */
  respondents: number;
  fee: Pick<StoredQuarterFee, "quarterFeeFen" | "payableFen" | "deductedFen" | "percent">;
}

/** A finalised quarter as its latest snapshot stores it. */
export interface PortalFinalScore extends Omit<PortalLiveScore, "state"> {
  revision: number;
  deductions: { itemId: string; findingId: string | null; points: number; reason: LocalisedText }[];
}

/** What an open finding costs in points: as things stand today, rectified by its deadline, rectified after it. */
export interface FindingCost {
  now: number;
  /** Null once the deadline has passed. */
  inTime: number | null;
  late: number;
}

export interface ContractorScores {
  live: PortalLiveScore[];
  finalised: PortalFinalScore[];
  /** By finding id, for the open findings of quarters still being written. */
  costs: Record<string, FindingCost>;
}

/** The contractor's contracts whose term has begun by `today`. */
async function ownContracts(db: Db, q: { orgId: string; contractorId: string; today: string }) {
  return db
    .select({ id: contracts.id, title: contracts.title, startOn: contracts.startOn, endOn: contracts.endOn })
    .from(contracts)
    .where(and(eq(contracts.orgId, q.orgId), eq(contracts.contractorId, q.contractorId), lte(contracts.startOn, q.today)))
    .orderBy(asc(contracts.title), asc(contracts.id));
}

/** The periods a portal shows live: the previous quarter (its appeal window, its finalising) and today's, inside the term. */
function livePeriods(c: { startOn: string; endOn: string }, today: IsoDate): Period[] {
  const current = periodOfDate(today);
  return [previousPeriod(current), current].filter((p) => periodEnd(p) >= c.startOn && periodStart(p) <= c.endOn);
}

/** The cost the scoring module gives the finding `id` in `input` (its deduction's full cost, before the dimension's floor). */
function costIn(score: QuarterScore, id: string): number {
  for (const d of score.dimensions) for (const x of d.deductions) if (x.findingId === id) return x.cost ?? x.points;
  return 0;
}

/**
 * The finding's cost now (from the quarter's live score), rectified on its
 * deadline, and rectified the day after it. A finding's cost (before the
 * dimension's floor) depends on the rubric and the finding alone, so each
 * "what if" scores a quarter holding only that finding: linear in the
 * findings, not quadratic, and still the module's own factors.
 */
function costsOf(rubric: Rubric, input: QuarterInput, finding: QuarterFinding & { id: string }, today: IsoDate, now: QuarterScore): FindingCost {
  const alone = (rectifiedOn: IsoDate): QuarterInput => ({
    period: input.period,
    asOf: rectifiedOn > input.asOf ? rectifiedOn : input.asOf,
    survey: { respondents: 0, questions: {} },
    findings: [{ ...finding, rectifiedOn }],
  });
  const lateDay = addDays(finding.dueOn, 1);
  return {
    now: costIn(now, finding.id),
    inTime: today <= finding.dueOn ? costIn(scoreQuarter(rubric, alone(finding.dueOn)), finding.id) : null,
    late: costIn(scoreQuarter(rubric, alone(today > lateDay ? today : lateDay)), finding.id),
  };
}

/**
 * The contractor's scores as of `today`: live quarters (the previous and the
 * current one, unless finalised), finalised quarters newest first, and the
 * costs of the open findings of the live quarters.
 * @example const { live, finalised, costs } = await contractorScores(db, { orgId, contractorId, today: "2027-01-05" });
 */
export async function contractorScores(db: Db, q: { orgId: string; contractorId: string; today: IsoDate; openFindingIds?: readonly string[] }): Promise<ContractorScores> {
  const own = await ownContracts(db, q);
  if (own.length === 0) return { live: [], finalised: [], costs: {} };
  const ids = own.map((c) => c.id);
  const titles = new Map(own.map((c) => [c.id, c.title]));
  const statuses = await db
    .select({ contractId: contractQuarters.contractId, period: contractQuarters.period, status: contractQuarters.status })
    .from(contractQuarters)
    .where(and(eq(contractQuarters.orgId, q.orgId), inArray(contractQuarters.contractId, ids)));
  const stored = new Map(statuses.map((s) => [`${s.contractId}|${s.period}`, s.status]));

  const live: PortalLiveScore[] = [];
  const costs: Record<string, FindingCost> = {};
  const wanted = new Set(q.openFindingIds ?? []);
  for (const c of own) {
    for (const period of livePeriods(c, q.today)) {
      const state = quarterStateOn(stored.get(`${c.id}|${period}`), { periodEnd: periodEnd(period), today: q.today });
      if (state === "finalised") continue;
      const contract = await scoreContract(db, q.orgId, c.id);
      const built = contract ? await buildQuarterInput(db, { orgId: q.orgId, contractId: c.id, period, asOf: q.today, contract }) : null;
      if (!contract || !built) continue;
      const score = scoreQuarter(built.rubric, built.input);
      const fee = feeOf(contract, period, score);
      live.push({
        contractId: c.id,
        contractTitle: c.title,
        period,
        state,
        total: score.total,
        grade: score.grade,
        vetoed: score.vetoed,
        provisional: score.provisional,
        respondents: score.satisfaction.respondents,
        fee: { quarterFeeFen: fee.quarterFeeFen, payableFen: fee.payableFen, deductedFen: fee.deductedFen, percent: fee.percent },
      });
      for (const f of built.input.findings) {
        if (f.id && wanted.has(f.id)) costs[f.id] = costsOf(built.rubric, built.input, { ...f, id: f.id }, q.today, score);
      }
    }
  }

  const snapshots = await db
    .select({
      contractId: quarterScores.contractId,
      period: quarterScores.period,
      revision: quarterScores.revision,
      output: quarterScores.output,
      fee: quarterScores.fee,
      respondents: quarterScores.respondents,
    })
    .from(quarterScores)
    .innerJoin(
      contractQuarters,
      and(eq(contractQuarters.orgId, quarterScores.orgId), eq(contractQuarters.contractId, quarterScores.contractId), eq(contractQuarters.period, quarterScores.period)),
    )
    .where(
      and(
        eq(quarterScores.orgId, q.orgId),
        inArray(quarterScores.contractId, ids),
        eq(contractQuarters.status, "finalised"),
        sql`${quarterScores.revision} = (select max(q2.revision) from ${quarterScores} q2 where q2.org_id = ${quarterScores.orgId} and q2.contract_id = ${quarterScores.contractId} and q2.period = ${quarterScores.period})`,
      ),
    )
    .orderBy(desc(quarterScores.period), asc(quarterScores.contractId));
  const finalised = snapshots.map((s): PortalFinalScore => ({
    contractId: s.contractId,
    contractTitle: titles.get(s.contractId) ?? "",
    period: s.period,
    revision: s.revision,
    total: s.output.total,
    grade: s.output.grade,
    vetoed: s.output.vetoed,
    provisional: s.output.provisional,
    respondents: s.respondents,
    fee: { quarterFeeFen: s.fee.quarterFeeFen, payableFen: s.fee.payableFen, deductedFen: s.fee.deductedFen, percent: s.fee.percent },
    deductions: s.output.dimensions.flatMap((d) =>
      d.deductions.filter((x) => x.points > 0).map((x) => ({ itemId: x.itemId, findingId: x.findingId ?? null, points: x.points, reason: x.reason })),
    ),
  }));
  return { live, finalised, costs };
}
