/**
 * What may happen to a recorded finding next (docs/product.md §6), beyond the
 * lifecycle of domain/findings.ts: the actions a finding's page offers and the
 * data layer allows (one rule for both), whether a repeat mark still counts,
 * and the limits of a fix's day.
 *
 * Pure and import-free: the browser bundle may use it.
 */
import { allowedFindingSteps, type FindingState } from "./findings";

/** The longest note or reason of a step (the forms and the data layer share it). */
export const MAX_LIFECYCLE_TEXT = 1000;

/** Every step a supervisor can take on a recorded finding. */
export const FINDING_ACTIONS = ["rectify", "verify", "fail_verification", "withdraw", "clear_repeat"] as const;
export type FindingAction = (typeof FINDING_ACTIONS)[number];

/**
 * The steps that change what a quarter scored, so a locked (finalised)
 * quarter refuses them. Recording and verifying a fix do not: they are kept
 * even for a finalised quarter and never move its snapshot.
 */
export const SCORE_CHANGING_ACTIONS: readonly FindingAction[] = ["withdraw", "clear_repeat"];

export interface FindingForActions {
  status: FindingState;
  repeatOfId: string | null;
  repeatClearedReason: string | null;
}

/**
 * The repeat mark still counts (scoring reads `repeatOf`): the finding names an
 * earlier one and no supervisor cleared the mark. A cleared mark keeps
 * `repeatOfId` for the history; only this predicate decides whether it scores.
 * @example repeatCounts({ repeatOfId: "f1", repeatClearedReason: "另一处花坛" }) // false
 */
export function repeatCounts(f: { repeatOfId: string | null; repeatClearedReason: string | null }): boolean {
  return f.repeatOfId !== null && f.repeatClearedReason === null;
}

/**
 * Whether `action` is allowed on the finding in its state (ignoring the
 * quarter lock: see {@link findingActions}). Clearing a repeat mark is allowed
 * while the mark counts and the finding is not withdrawn (a withdrawn finding
 * scores nothing anyway).
 * @example findingActionAllowed({ status: "rectified", repeatOfId: null, repeatClearedReason: null }, "verify") // true
 */
export function findingActionAllowed(f: FindingForActions, action: FindingAction): boolean {
  if (action === "clear_repeat") return f.status !== "withdrawn" && repeatCounts(f);
  return (allowedFindingSteps(f.status) as readonly string[]).includes(action);
}

/**
 * The actions to offer on the finding's page: those its state allows, less the
 * score-changing ones when its quarter may not be written.
 * @example findingActions({ status: "open", repeatOfId: "f0", repeatClearedReason: null }, { quarterWritable: false }) // ["rectify"]
 */
export function findingActions(f: FindingForActions, o: { quarterWritable: boolean }): FindingAction[] {
  return FINDING_ACTIONS.filter(
    (a) => findingActionAllowed(f, a) && (o.quarterWritable || !SCORE_CHANGING_ACTIONS.includes(a)),
  );
}

/**
 * Why a fix's day is not acceptable, or null: not before the finding was found,
 * not after today (days compare as "YYYY-MM-DD" text).
 * @example fixDayProblem({ foundOn: "2026-07-15", fixedOn: "2026-07-14", today: "2026-07-20" }) // "before_found"
 */
export function fixDayProblem(o: { foundOn: string; fixedOn: string; today: string }): "before_found" | "in_future" | null {
  if (o.fixedOn < o.foundOn) return "before_found";
  if (o.fixedOn > o.today) return "in_future";
  return null;
}
