/**
 * The demo's appeals (异议申诉, issue 14): two appeals in past quarters, filed
 * by the contractor's own site manager inside the quarter's appeal window and
 * decided by the demo supervisor before the quarter is signed off — through
 * the app's `fileAppeal` and `decideAppeal`, each with the day it happens on
 * as its `today`, as steps of the seed's walk through the quarters
 * (seed/demo-scores.ts), so the quarters' finalisations that follow score
 * what the decisions left.
 *
 * - **Upheld:** the property contractor (安居物业) contests the severity of a
 *   major finding of the last finalised quarter; the supervisor lowers it to
 *   minor, so that quarter's snapshot deducts the minor finding's points.
 * - **Dismissed:** the greening contractor (绿源园林) contests the repeat mark of
 *   a dead-plant style repeat in the quarter before it (or, on a day whose
 *   quarter has no repeat, the finding itself); the supervisor dismisses it.
 *
 * Two halves like the scores: {@link planDemoAppeals} (pure: which quarter,
 * which days) and {@link demoAppealSteps} (the writes, choosing the contested
 * finding from the seeded inspection history, deterministically).
 */
import { and, asc, eq, inArray, isNotNull, isNull, ne } from "drizzle-orm";
import { DEFAULT_APPEAL_WINDOW_DAYS, type AppealTarget } from "../domain/appeals";
import { officialDays } from "../domain/holidays-cn";
import { appealWindow, calendarOf, isWorkingDay, nextDay, nthWorkingDay, type WorkingCalendar } from "../domain/working-days";
import type { Db } from "../db/client";
import { decideAppeal } from "../db/queries/appeals/decide";
import { fileAppeal } from "../db/queries/appeals/file";
import type { WriteContext } from "../db/queries/context";
import { findings } from "../db/schema";
import { addDays, periodEnd } from "../scoring/dates";
import type { Severity } from "../scoring/types";
import type { DemoIds } from "./demo";
import { demoContracts, type DemoContractKey } from "./demo-data";

// ---------------------------------------------------------------- the texts

/** The property contractor's reason, and the supervisor's for upholding it. */
export const DEMO_UPHELD_APPEAL_REASON =
  "该问题发现时现场人员已在处置，影响范围仅限单个点位，发现后即按要求整改；按考核细则应属一般问题，申请将严重程度由较重调整为一般。";
export const DEMO_UPHELD_DECISION_REASON = "经核对巡查照片与整改记录，问题影响范围确为单个点位且处置及时，按考核细则认定为一般问题，申诉成立，严重程度调整为一般。";

/** The greening contractor's reason against a repeat mark, and the supervisor's for dismissing it. */
export const DEMO_DISMISSED_APPEAL_REASON = "本次问题系前次整改后遭遇持续高温等新情况所致，与前次问题并非同一成因，申请取消重复问题认定。";
/** …against the finding itself, on a day whose quarter has no repeat to contest. */
export const DEMO_DISMISSED_FINDING_REASON = "问题发现前已安排整改，巡查时正在处置中，申请撤销该问题。";
export const DEMO_DISMISSED_DECISION_REASON = "经核对巡查记录与现场照片，问题属实，申诉所述情况不能改变问题认定，且未采取遮阳、补水等防范措施，申诉驳回。";

// ---------------------------------------------------------------- the plan (pure)

/** Counted back from the current quarter: 2 is the last finalised quarter, 3 the one before. */
const UPHELD = { contractKey: "property" as DemoContractKey, quartersBack: 2 };
const DISMISSED = { contractKey: "greening" as DemoContractKey, quartersBack: 3 };

/** The demo organisation's working calendar around `period`'s window: the official schedule, no entries of its own. */
function demoCalendar(period: string): WorkingCalendar {
  const year = Number(periodEnd(period).slice(0, 4));
  return calendarOf(officialDays(year), officialDays(year + 1));
}

/**
 * The last day of `period`'s appeal window in the demo organisation (the
 * default window, the official schedule, no entries of its own — what
 * `appealWindowOf` reads from its database).
 */
export function demoWindowClosesOn(period: string): string {
  return appealWindow({ draftFrom: addDays(periodEnd(period), 1), days: DEFAULT_APPEAL_WINDOW_DAYS, calendar: demoCalendar(period) }).closesOn;
}

/** The first working day after `period`'s appeal window: the earliest day it finalises without an override. */
export function demoFirstDayAfterWindow(period: string): string {
  const calendar = demoCalendar(period);
  let day = nextDay(demoWindowClosesOn(period));
  while (!isWorkingDay(day, calendar)) day = nextDay(day);
  return day;
}

export interface PlannedAppeal {
  decision: "uphold" | "dismiss";
  contractKey: DemoContractKey;
  period: string;
  /** The second working day of the window (the site manager reads the draft score first). */
  fileOn: string;
  /** The fourth working day of the window: decided while it is still open. */
  decideOn: string;
}

/**
 * The two appeals for the quarters `periods` (oldest first, the current one
 * last), or none when the demo has too few finalised quarters.
 * @example planDemoAppeals(demoQuarters("2026-11-18")).map((a) => [a.decision, a.period]) // [["uphold", "2026-Q2"], ["dismiss", "2026-Q1"]]
 */
export function planDemoAppeals(periods: readonly string[]): PlannedAppeal[] {
  return [
    { decision: "uphold" as const, ...UPHELD },
    { decision: "dismiss" as const, ...DISMISSED },
  ].flatMap(({ decision, contractKey, quartersBack }) => {
    const period = periods[periods.length - 1 - quartersBack];
    if (!period) return [];
    const draftFrom = addDays(periodEnd(period), 1);
    const calendar = demoCalendar(period);
    return [{ decision, contractKey, period, fileOn: nthWorkingDay(draftFrom, 2, calendar), decideOn: nthWorkingDay(draftFrom, 4, calendar) }];
  });
}

// ---------------------------------------------------------------- writing it

export interface SeededAppeal {
  appealId: string;
  decision: "uphold" | "dismiss";
  contractKey: DemoContractKey;
  period: string;
  target: AppealTarget;
  findingId: string;
  /** The contested finding's severity when filed, and (upheld) after. */
  severityFrom: Severity;
  severityTo: Severity | null;
  fileOn: string;
  decideOn: string;
}

export type AppealStep = { day: string; order: number; run: () => Promise<void> };

function must<R extends { ok: boolean }>(result: R, what: string): Extract<R, { ok: true }> {
  if (!result.ok) throw new Error(`demo seed: ${what} was refused: ${JSON.stringify(result)}`);
  return result as Extract<R, { ok: true }>;
}

/**
 * The finding an appeal contests, from the seeded history (ordered by day and
 * instant, which the inspection plan fixes): for the upheld appeal the first
 * major finding of the contract-quarter; for the dismissed one the first
 * counting repeat, else the first finding. Never a withdrawn one.
 */
async function contestedFinding(db: Db, ids: DemoIds, a: PlannedAppeal): Promise<{ target: AppealTarget; id: string; severity: Severity }> {
  const base = and(eq(findings.orgId, ids.orgId), eq(findings.contractId, ids.contracts[a.contractKey]), eq(findings.period, a.period), ne(findings.status, "withdrawn"));
  const first = async (where: ReturnType<typeof and>) => {
    const [row] = await db.select({ id: findings.id, severity: findings.severity }).from(findings).where(where).orderBy(asc(findings.foundOn), asc(findings.createdAt), asc(findings.id)).limit(1);
    return row ?? null;
  };
  if (a.decision === "uphold") {
    const major = await first(and(base, eq(findings.severity, "major")));
    if (major) return { target: "finding", ...major };
    const critical = await first(and(base, inArray(findings.severity, ["critical"])));
    if (critical) return { target: "finding", ...critical };
    throw new Error(`demo seed: no major finding of ${a.contractKey} ${a.period} to appeal`);
  }
  const repeat = await first(and(base, isNotNull(findings.repeatOfId), isNull(findings.repeatClearedReason)));
  if (repeat) return { target: "repeat", ...repeat };
  const any = await first(base);
  if (any) return { target: "finding", ...any };
  throw new Error(`demo seed: no finding of ${a.contractKey} ${a.period} to appeal`);
}

/**
 * The filing and decision steps of the demo's appeals, for the seed's walk
 * (order 0.5 and 0.6 on their days: after that day's recordings, before its
 * sign-offs — the quarters they are in finalise after the window anyway).
 * `seeded` is filled in as the steps run.
 */
export function demoAppealSteps(db: Db, o: { ids: DemoIds; today: string; periods: readonly string[]; seeded: SeededAppeal[] }): AppealStep[] {
  const { ids } = o;
  const supervisor: WriteContext = { orgId: ids.orgId, actorUserId: ids.users.supervisor };
  const contracts = demoContracts(o.today);
  const steps: AppealStep[] = [];
  for (const a of planDemoAppeals(o.periods)) {
    const contractorKey = contracts.find((c) => c.key === a.contractKey)!.contractorKey;
    const person: WriteContext = { orgId: ids.orgId, actorUserId: ids.contractorPeople[contractorKey] };
    const entry: SeededAppeal = { appealId: "", decision: a.decision, contractKey: a.contractKey, period: a.period, target: "finding", findingId: "", severityFrom: "minor", severityTo: null, fileOn: a.fileOn, decideOn: a.decideOn };
    steps.push({
      day: a.fileOn,
      order: 0.5,
      run: async () => {
        const contested = await contestedFinding(db, ids, a);
        const reason = a.decision === "uphold" ? DEMO_UPHELD_APPEAL_REASON : contested.target === "repeat" ? DEMO_DISMISSED_APPEAL_REASON : DEMO_DISMISSED_FINDING_REASON;
        const filed = must(
          await fileAppeal(db, person, { contractorId: ids.contractors[contractorKey], target: contested.target, findingId: contested.id, reason, photos: [], today: a.fileOn }),
          `the ${a.decision} appeal of ${a.contractKey} ${a.period}`,
        );
        Object.assign(entry, { appealId: filed.appealId, target: contested.target, findingId: contested.id, severityFrom: contested.severity });
        o.seeded.push(entry);
      },
    });
    steps.push({
      day: a.decideOn,
      order: 0.6,
      run: async () => {
        const severityTo: Severity | null = a.decision === "uphold" ? (entry.severityFrom === "critical" ? "major" : "minor") : null;
        must(
          await decideAppeal(db, supervisor, {
            appealId: entry.appealId,
            decision: a.decision,
            reason: a.decision === "uphold" ? DEMO_UPHELD_DECISION_REASON : DEMO_DISMISSED_DECISION_REASON,
            severityTo,
            today: a.decideOn,
          }),
          `deciding the ${a.decision} appeal of ${a.contractKey} ${a.period}`,
        );
        entry.severityTo = severityTo;
      },
    });
  }
  return steps;
}
