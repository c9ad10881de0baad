/**
 * The demo's quarterly scores (issue 11, "Extend the demo through the same
 * code paths"): every past quarter of every contract finalised, one of them
 * corrected as revision 2, the last ended quarter a `draft` awaiting
 * sign-off and the current quarter live — written through the app's own
 * functions (`finaliseQuarter`, `reopenQuarter`, `recordFinding`,
 * `withdrawFinding`), so each snapshot is exactly what a supervisor's click
 * would have stored.
 *
 * Which quarters are past follows the seed's day (`today`, from the seed's
 * clock — `KAOPING_CLOCK` when set): of `demoQuarters(today)`, the last is
 * the current one, the one before it has ended and stays a draft, and all
 * older ones are finalised. The seed walks its clock through the quarters:
 * each step runs with `today` set to the day it happens on — a quarter is
 * finalised a few working days after it ends, and never before its appeal
 * window (5 working days from the day after it ends) has closed, so no
 * sign-off needs an override reason for the window — in the order of those days.
 * Two appeals (seed/demo-appeals.ts) are filed and decided inside the windows
 * of two past quarters, before those quarters are finalised.
 * (The stored instants, `finalisedAt` and the audit's `at`, are those of the
 * seed run, as with every row the app's functions write here.)
 *
 * The correction tells a real story: in the quarter four before the current
 * one, a patrol leader's phone lost its signal in the conference centre and
 * the finding he had just recorded went in a second time. The duplicate was
 * never rectified (the contractor fixed the one problem and answered the
 * original), so at finalisation it scored as an overdue repeat. The
 * contractor (嘉会会务, otherwise excellent, so the deduction shows in full:
 * no dimension is already at zero) objected; three weeks later the supervisor
 * reopened the quarter, withdrew the duplicate and finalised revision 2 —
 * computed with revision 1's `asOf`, and higher by what the duplicate cost.
 *
 * Two halves: {@link planDemoScores} (pure: the days and texts, from `today`
 * and the fixed seed) and {@link seedDemoScores} (writes the plan).
 */
import { and, asc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Db } from "../db/client";
import type { WriteContext } from "../db/queries/context";
import { recordFinding } from "../db/queries/inspections/record";
import { withdrawFinding } from "../db/queries/inspections/lifecycle";
import { finaliseQuarter, reopenQuarter, type FinaliseResult } from "../db/queries/scores/finalise";
import { findings, inspections } from "../db/schema";
import { addDays, dayNumber, periodEnd, periodStart } from "../scoring/dates";
import type { DemoIds } from "./demo";
import { demoContracts, demoQuarters, type DemoContractKey } from "./demo-data";
import { demoAppealSteps, demoFirstDayAfterWindow, type SeededAppeal } from "./demo-appeals";
import { demoRandom } from "./random";

// ---------------------------------------------------------------- the texts

/** The reopening's reason (stored on the quarter and as revision 2's `reason`). */
export const DEMO_REOPEN_REASON =
  "误录扣分项，撤回后重新定稿：本季度巡查中同一网格的同一问题因网络中断被重复提交，承包方提出异议，经核对巡查记录属实。";

/** Why the duplicate finding is withdrawn. */
export const DEMO_WITHDRAW_REASON = "重复录入：与同日同一网格已登记并已整改的问题为同一事项，巡查时网络中断后重复提交，经核实撤回。";

/**
 * Written when the data asks for it (a veto still pending or a fix not yet
 * verified on the finalisation day): why the supervisor finalises anyway.
 */
export const DEMO_OVERRIDE_REASON =
  "待复查事项已于定稿前与承包方现场核对，整改情况属实，复查记录随后补录；为按期办理季度服务费结算，经分管领导同意先行定稿。";

/** Written when the quarter is provisional (too few respondents to the survey). */
export const DEMO_PROVISIONAL_JUSTIFICATION =
  "本季度满意度问卷有效回收份数不足，结合日常网格巡查、季度考核检查及服务对象座谈意见综合评定，经考核小组讨论同意定稿。";

// ---------------------------------------------------------------- the plan (pure)

/**
 * Which contract's quarter is corrected, counted back from the current
 * quarter (4: well inside the finalised ones). The meeting contract has a
 * finding to duplicate in that quarter on every day of 2026–2027 (checked
 * against the inspection plan), and its totals never bottom out.
 */
const CORRECTED_CONTRACT: DemoContractKey = "meeting";
const CORRECTED_QUARTERS_BACK = 4;
/** The correction: reopened this many days after the first finalisation, finalised again the next working day. */
const REOPEN_AFTER_DAYS = 21;

export type DemoQuarterFate = "finalised" | "draft" | "open";

export interface PlannedQuarterScore {
  contractKey: DemoContractKey;
  period: string;
  fate: DemoQuarterFate;
  /** The day it is finalised (revision 1's `asOf`), for `fate: "finalised"`. */
  finaliseOn: string | null;
}

export interface PlannedCorrection {
  contractKey: DemoContractKey;
  period: string;
  /** The day the duplicate is recorded: the original's day. Chosen from the database (see seedDemoScores). */
  reopenOn: string;
  /** Revision 2's day; its `asOf` stays revision 1's. */
  refinaliseOn: string;
}

export interface DemoScoresPlan {
  today: string;
  quarters: PlannedQuarterScore[];
  correction: PlannedCorrection;
}

/** Saturday or Sunday (1970-01-01 was a Thursday). */
function weekend(day: string): boolean {
  const wd = (((dayNumber(day) + 4) % 7) + 7) % 7;
  return wd === 0 || wd === 6;
}

/** The first working day on or after `day`. */
function workingDayFrom(day: string): string {
  let d = day;
  while (weekend(d)) d = addDays(d, 1);
  return d;
}

const laterOf = (a: string, b: string) => (a < b ? b : a);

/**
 * The fate of every contract's quarter on `today` and the days it is written
 * on. Pure and deterministic: the same day always gives the same plan.
 * @example planDemoScores("2026-11-18").quarters.filter((q) => q.fate === "draft").map((q) => q.period) // five × "2026-Q3"
 */
export function planDemoScores(today: string): DemoScoresPlan {
  const periods = demoQuarters(today);
  const last = periods.length - 1;
  const quarters: PlannedQuarterScore[] = [];
  // Quarter by quarter: the supervisor signs the contracts off in the first working days after the quarter ends.
  periods.forEach((period, i) => {
    const random = demoRandom(`scores/${period}`);
    const firstDay = addDays(periodEnd(period), random.int(4, 8));
    for (const contract of demoContracts(today)) {
      const fate: DemoQuarterFate = i === last ? "open" : i === last - 1 ? "draft" : "finalised";
      // Not before the appeal window has closed (issue 14): a sign-off inside it would need an override reason.
      const planned = fate === "finalised" ? workingDayFrom(addDays(firstDay, random.int(0, 3))) : null;
      const finaliseOn = planned === null ? null : laterOf(planned, demoFirstDayAfterWindow(period));
      quarters.push({ contractKey: contract.key, period, fate, finaliseOn });
    }
  });
  const period = periods[last - CORRECTED_QUARTERS_BACK]!;
  const first = quarters.find((q) => q.contractKey === CORRECTED_CONTRACT && q.period === period)!.finaliseOn!;
  const reopenOn = workingDayFrom(addDays(first, REOPEN_AFTER_DAYS));
  return { today, quarters, correction: { contractKey: CORRECTED_CONTRACT, period, reopenOn, refinaliseOn: workingDayFrom(addDays(reopenOn, 1)) } };
}

// ---------------------------------------------------------------- writing it

export interface DemoScoresSummary {
  /** Contract-quarters finalised (each once, one of them twice). */
  finalised: number;
  /** Snapshots written: `finalised` + the correction's revision 2. */
  snapshots: number;
  /** The contract-quarters left as drafts awaiting sign-off. */
  drafts: number;
  correction: { contractKey: DemoContractKey; period: string; withdrawnFindingId: string; totalBefore: number; totalAfter: number };
  /** The appeals filed and decided (seed/demo-appeals.ts), upheld first. */
  appeals: SeededAppeal[];
  /** Sign-offs that needed the override reason (a pending veto or an unverified fix on the day), as "contractKey period". */
  overridden: string[];
}

function must<R extends { ok: boolean }>(result: R, what: string): Extract<R, { ok: true }> {
  if (!result.ok) throw new Error(`demo seed: ${what} was refused: ${JSON.stringify(result)}`);
  return result as Extract<R, { ok: true }>;
}

/**
 * Finalises as a supervisor would: first as it stands; when refused because
 * the data needs a written reason (a pending veto or an unverified fix, a
 * provisional quarter), again with the reason the form would ask for.
 */
async function finaliseAsSupervisor(
  db: Db,
  ctx: WriteContext,
  q: { contractId: string; period: string; today: string },
  overridden?: () => void,
): Promise<Extract<FinaliseResult, { ok: true }>> {
  const texts: { overrideReason?: string; provisionalJustification?: string } = {};
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await finaliseQuarter(db, ctx, { ...q, ...texts });
    if (result.ok) {
      if (texts.overrideReason) overridden?.();
      return result;
    }
    if (result.error === "blocked" && !texts.overrideReason) texts.overrideReason = DEMO_OVERRIDE_REASON;
    else if (result.error === "needs_justification" && !texts.provisionalJustification) texts.provisionalJustification = DEMO_PROVISIONAL_JUSTIFICATION;
    else return must(result, `finalising ${q.period} of ${q.contractId}`);
  }
  throw new Error(`demo seed: finalising ${q.period} of ${q.contractId} kept being refused`);
}

/**
 * The finding that goes in twice: a finding of the corrected contract-
 * quarter in a grid cell, fixed and verified, not itself a repeat, found
 * after the previous quarter's sign-off and due at least two weeks before the
 * quarter ends (so its duplicate is overdue by finalisation) — the first such
 * major one, else the first such one. The seed's rows are ordered by day and
 * instant, which the inspection plan fixes, so the choice is deterministic.
 */
async function originalOfDuplicate(db: Db, ids: DemoIds, plan: DemoScoresPlan) {
  const { period, contractKey } = plan.correction;
  const rows = await db
    .select({ finding: findings, kind: inspections.kind })
    .from(findings)
    .innerJoin(inspections, eq(inspections.id, findings.inspectionId))
    .where(
      and(
        eq(findings.orgId, ids.orgId),
        eq(findings.contractId, ids.contracts[contractKey]),
        eq(findings.period, period),
        eq(findings.status, "verified"),
        isNotNull(findings.gridCellId),
        isNull(findings.repeatOfId),
        inArray(inspections.kind, ["patrol", "spot"]),
      ),
    )
    .orderBy(asc(findings.foundOn), asc(findings.createdAt));
  const earliest = addDays(periodStart(period), 14);
  const latestDue = addDays(periodEnd(period), -14);
  const fits = rows.filter((r) => r.finding.foundOn >= earliest && r.finding.dueOn <= latestDue);
  const chosen = fits.find((r) => r.finding.severity === "major") ?? fits[0];
  if (!chosen) throw new Error(`demo seed: no finding of ${contractKey} ${period} to duplicate`);
  return chosen;
}

type Step = { day: string; order: number; run: () => Promise<void> };

/**
 * Writes the plan for `today` in the order of its days (see the file's comment).
 * @example await seedDemoScores(db, { today: "2026-11-18", ids });
 */
export async function seedDemoScores(db: Db, options: { today: string; ids: DemoIds }): Promise<DemoScoresSummary> {
  const { ids } = options;
  const plan = planDemoScores(options.today);
  const supervisor: WriteContext = { orgId: ids.orgId, actorUserId: ids.users.supervisor };
  const { contractKey, period } = plan.correction;
  const original = await originalOfDuplicate(db, ids, plan);
  const correction = { contractKey, period, withdrawnFindingId: "", totalBefore: 0, totalAfter: 0 };

  const steps: Step[] = [];
  let finalised = 0;
  const overridden: string[] = [];
  const appeals: SeededAppeal[] = [];
  steps.push(...demoAppealSteps(db, { ids, today: options.today, periods: demoQuarters(options.today), seeded: appeals }));
  for (const q of plan.quarters) {
    if (q.fate !== "finalised") continue;
    const contractId = ids.contracts[q.contractKey];
    steps.push({
      day: q.finaliseOn!,
      order: 1,
      run: async () => {
        const done = await finaliseAsSupervisor(db, supervisor, { contractId, period: q.period, today: q.finaliseOn! }, () => overridden.push(`${q.contractKey} ${q.period}`));
        finalised++;
        if (q.contractKey === contractKey && q.period === period) correction.totalBefore = done.total;
      },
    });
  }

  const f = original.finding;
  // Recorded by the same patrol leader, on the same round, as the app's form would have sent it.
  steps.push({
    day: f.foundOn,
    order: 0,
    run: async () => {
      const recorded = must(
        await recordFinding(db, { orgId: ids.orgId, actorUserId: f.createdBy }, {
          kind: original.kind,
          gridCellId: f.gridCellId,
          siteId: f.siteId,
          contractId: f.contractId,
          itemId: f.itemId,
          severity: f.severity,
          note: f.note,
          foundOn: f.foundOn,
          dueOn: f.dueOn,
          photos: [],
          today: f.foundOn,
        }),
        `the duplicate of a finding of ${contractKey} ${period}`,
      );
      correction.withdrawnFindingId = recorded.finding.id;
    },
  });
  steps.push({
    day: plan.correction.reopenOn,
    order: 2,
    run: async () => {
      const contractId = ids.contracts[contractKey];
      must(await reopenQuarter(db, supervisor, { contractId, period, reason: DEMO_REOPEN_REASON }), `reopening ${contractKey} ${period}`);
      must(
        await withdrawFinding(db, supervisor, { findingId: correction.withdrawnFindingId, reason: DEMO_WITHDRAW_REASON, today: plan.correction.reopenOn }),
        `withdrawing the duplicate of ${contractKey} ${period}`,
      );
    },
  });
  steps.push({
    day: plan.correction.refinaliseOn,
    order: 3,
    run: async () => {
      const again = await finaliseAsSupervisor(db, supervisor, { contractId: ids.contracts[contractKey], period, today: plan.correction.refinaliseOn }, () =>
        overridden.push(`${contractKey} ${period}`),
      );
      if (again.revision !== 2) throw new Error(`demo seed: the correction of ${contractKey} ${period} became revision ${again.revision}`);
      // The story is the deduction taken back: a revision that changes nothing would not show it.
      if (!(again.total > correction.totalBefore)) throw new Error(`demo seed: the correction of ${contractKey} ${period} did not raise the total (${correction.totalBefore} → ${again.total})`);
      correction.totalAfter = again.total;
    },
  });

  // The clock walks forward: each step on its day; on one day, the recording, then appeals, then sign-offs, then the correction.
  steps.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.order - b.order));
  for (const step of steps) {
    if (step.day >= options.today) throw new Error(`demo seed: a score step on ${step.day} is not before today (${options.today})`);
    await step.run();
  }
  return {
    finalised,
    snapshots: finalised + 1,
    drafts: plan.quarters.filter((q) => q.fate === "draft").length,
    correction,
    appeals: [...appeals].sort((a, b) => (a.decision === b.decision ? 0 : a.decision === "uphold" ? -1 : 1)),
    overridden,
  };
}
