/**
 * Appeals (异议申诉, issue 14): a contractor contests a finding, its repeat
 * mark or a veto; a supervisor upholds or dismisses it. Pure and import-free.
 */

/** What an appeal contests: the finding itself (withdraw it or lower its severity), its repeat mark, or a veto. */
export const APPEAL_TARGETS = ["finding", "repeat", "veto"] as const;
export type AppealTarget = (typeof APPEAL_TARGETS)[number];

export const APPEAL_STATES = ["pending", "upheld", "dismissed"] as const;
export type AppealState = (typeof APPEAL_STATES)[number];

/** What an upheld appeal did (null while pending or when dismissed). */
export const APPEAL_OUTCOMES = ["finding_withdrawn", "severity_lowered", "repeat_cleared", "veto_withdrawn"] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

/** Working days of the appeal window when the organisation has not set one. */
export const DEFAULT_APPEAL_WINDOW_DAYS = 5;
export const MIN_APPEAL_WINDOW_DAYS = 1;
export const MAX_APPEAL_WINDOW_DAYS = 20;

/** The longest appeal reason or decision reason (the forms and the data layer share it). */
export const MAX_APPEAL_TEXT = 1000;

/** A trimmed reason within bounds, or null when missing, blank, too long or not text. */
export function appealText(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const t = value.trim();
  return t.length === 0 || t.length > MAX_APPEAL_TEXT ? null : t;
}

/** The severities, mildest first (scoring/types.ts SEVERITIES; domain/ imports nothing of scoring). */
const SEVERITY_ORDER = ["minor", "major", "critical"] as const;
export type AppealSeverity = (typeof SEVERITY_ORDER)[number];

/** Why an appeal may not be filed (null from {@link appealRefusal}: it may). */
export type AppealRefusal = "window_closed" | "quarter_finalised" | "not_recorded_yet" | "not_appealable";

/**
 * What the contested thing looks like now, by target: a finding that is not
 * withdrawn; for "repeat" also a repeat mark that still counts
 * (domain/rectification.ts repeatCounts); a veto that is not withdrawn.
 */
export type AppealTargetState =
  | { target: "finding"; findingStatus: string }
  | { target: "repeat"; findingStatus: string; repeatCounts: boolean }
  | { target: "veto"; vetoStatus: string };

/** Whether the finding, its repeat mark or the veto can be contested at all (whatever the day). */
export function targetAppealable(s: AppealTargetState): boolean {
  switch (s.target) {
    case "finding":
      return s.findingStatus !== "withdrawn";
    case "repeat":
      return s.findingStatus !== "withdrawn" && s.repeatCounts;
    case "veto":
      return s.vetoStatus !== "withdrawn";
  }
}

/**
 * Why an appeal may not be filed on `today`, or null when it may. An appeal
 * runs from the day the finding or veto is recorded (`recordedOn`: foundOn /
 * occurredOn) to the last day of its quarter's window (`closesOn`,
 * db/queries/calendar.ts appealWindowOf; null: no window, i.e. closed), both
 * included, and never once the quarter is finalised (a reopened quarter
 * inside its window still takes one). The target comes first: a withdrawn
 * finding has nothing left to contest whatever the day.
 * @example appealRefusal({ quarterState: "draft", today: "2026-10-14", recordedOn: "2026-09-20", closesOn: "2026-10-13", targetState: { target: "finding", findingStatus: "open" } }) // "window_closed"
 */
export function appealRefusal(o: {
  quarterState: string | null | undefined;
  today: string;
  recordedOn: string;
  closesOn: string | null;
  targetState: AppealTargetState;
}): AppealRefusal | null {
  if (!targetAppealable(o.targetState)) return "not_appealable";
  if (o.quarterState === "finalised") return "quarter_finalised";
  if (o.today < o.recordedOn) return "not_recorded_yet";
  if (o.closesOn === null || o.today > o.closesOn) return "window_closed";
  return null;
}

/**
 * The severities an upheld appeal may lower a finding to: only milder ones
 * (critical → major or minor, major → minor, minor → none).
 * @example milderSeverities("critical") // ["minor", "major"]
 */
export function milderSeverities(severity: string): AppealSeverity[] {
  const at = (SEVERITY_ORDER as readonly string[]).indexOf(severity);
  return at <= 0 ? [] : SEVERITY_ORDER.slice(0, at);
}

/**
 * What an upheld appeal may do to its target: a finding is withdrawn or (when
 * a milder severity exists) lowered; a repeat mark is cleared; a veto withdrawn.
 * @example upheldOutcomes("finding", "minor") // ["finding_withdrawn"]
 */
export function upheldOutcomes(target: AppealTarget, severity?: string | null): AppealOutcome[] {
  switch (target) {
    case "finding":
      return severity && milderSeverities(severity).length > 0 ? ["finding_withdrawn", "severity_lowered"] : ["finding_withdrawn"];
    case "repeat":
      return ["repeat_cleared"];
    case "veto":
      return ["veto_withdrawn"];
  }
}

/**
 * The outcome an upheld decision asks for, or null when it is not allowed: a
 * finding target with `severityTo` lowers the severity (to a milder one only),
 * without it withdraws the finding; the other targets take no severity.
 * @example upheldOutcome({ target: "finding", severity: "major", severityTo: "minor" }) // "severity_lowered"
 */
export function upheldOutcome(o: { target: AppealTarget; severity: string | null; severityTo?: string | null }): AppealOutcome | null {
  const to = o.severityTo ?? null;
  if (o.target !== "finding") return to === null ? upheldOutcomes(o.target)[0]! : null;
  if (to === null) return "finding_withdrawn";
  return o.severity !== null && (milderSeverities(o.severity) as string[]).includes(to) ? "severity_lowered" : null;
}
