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
