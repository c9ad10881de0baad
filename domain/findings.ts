/**
 * The rules of inspections, findings, bonuses and vetoes that are not scores
 * (docs/product.md §6): the lifecycle a finding moves through, what its list
 * status is on a given day, the default deadline per severity, the repeat
 * window and the four-eyes rule of a veto.
 *
 * Pure and import-free (days are "YYYY-MM-DD" strings, which compare in
 * calendar order): the browser bundle may use it. Day arithmetic is
 * scoring/dates.ts `addDays`.
 */

export const INSPECTION_KINDS = ["patrol", "spot", "assessment"] as const;
/** patrol 日常巡查 (one grid cell, by its patrol leader); spot 专项检查 and assessment 季度考核 (one contract). */
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

/** The severities, mildest first (scoring/types.ts SEVERITIES, repeated here because domain/ imports nothing). */
export type FindingSeverity = "minor" | "major" | "critical";

/**
 * The lifecycle state stored on a finding:
 * open → rectified (a fix recorded, awaiting verification) → verified;
 * rectified → open again when verification fails; open/rectified → withdrawn.
 */
export const FINDING_STATES = ["open", "rectified", "verified", "withdrawn"] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/** What lists filter by and show: the stored state with "overdue" derived from the day. */
export const FINDING_LIST_STATUSES = ["open", "overdue", "awaiting_verification", "closed", "withdrawn"] as const;
export type FindingListStatus = (typeof FINDING_LIST_STATUSES)[number];

export const FINDING_EVENT_KINDS = [
  "created",
  "photo_added",
  "rectified",
  "verified",
  "verification_failed",
  "withdrawn",
  "repeat_cleared",
  /** An appeal (issue 14) was filed on the finding or its repeat mark, then decided. */
  "appeal_filed",
  "appeal_upheld",
  "appeal_dismissed",
  /** An upheld appeal lowered the severity (the note says from what to what). */
  "severity_lowered",
  /** A later repeat mark re-checked after the finding it rested on was withdrawn or re-marked. */
  "repeat_rechecked",
] as const;
export type FindingEventKind = (typeof FINDING_EVENT_KINDS)[number];

export const BONUS_STATES = ["counted", "withdrawn"] as const;
export type BonusState = (typeof BONUS_STATES)[number];

export const VETO_STATES = ["pending", "confirmed", "withdrawn"] as const;
export type VetoState = (typeof VETO_STATES)[number];

/** Days from `foundOn` to the default rectification deadline (editable on the form). */
export const DEFAULT_DUE_DAYS: Readonly<Record<FindingSeverity, number>> = { critical: 1, major: 3, minor: 7 };

/** A finding of the same item at the same place within this many days after an earlier one is a repeat of it. */
export const REPEAT_WINDOW_DAYS = 30;

/** At most this many photos on one finding, rectification, bonus or veto. */
export const MAX_PHOTOS = 10;

/**
 * A finding's list status on `today` (a day in the organisation's zone):
 * open past its deadline is "overdue" (the deadline day itself is still in time).
 * @example findingListStatus({ status: "open", dueOn: "2026-11-30" }, "2026-12-01") // "overdue"
 */
export function findingListStatus(f: { status: FindingState; dueOn: string }, today: string): FindingListStatus {
  switch (f.status) {
    case "open":
      return today > f.dueOn ? "overdue" : "open";
    case "rectified":
      return "awaiting_verification";
    case "verified":
      return "closed";
    case "withdrawn":
      return "withdrawn";
  }
}

/**
 * Rectified after its deadline: the fix's day is later than `dueOn`.
 * @example isLate({ dueOn: "2026-11-30", rectifiedOn: "2026-12-01" }) // true
 */
export function isLate(f: { dueOn: string; rectifiedOn: string | null }): boolean {
  return f.rectifiedOn !== null && f.rectifiedOn > f.dueOn;
}

/** The lifecycle steps a finding in `state` allows. */
export function allowedFindingSteps(state: FindingState): readonly ("rectify" | "verify" | "fail_verification" | "withdraw" | "add_photo")[] {
  switch (state) {
    case "open":
      return ["rectify", "withdraw", "add_photo"];
    case "rectified":
      return ["verify", "fail_verification", "withdraw"];
    case "verified":
    case "withdrawn":
      return [];
  }
}

/**
 * A veto counts only once someone other than its recorder confirms it: a
 * second supervisor, or an admin (a centre with one supervisor).
 * @example mayConfirmVeto({ recordedBy: "u1", status: "pending" }, { userId: "u1", role: "supervisor" }) // false
 */
export function mayConfirmVeto(
  veto: { recordedBy: string; status: VetoState },
  by: { userId: string; role: string },
): boolean {
  return veto.status === "pending" && veto.recordedBy !== by.userId && (by.role === "supervisor" || by.role === "admin");
}

/** How often each grid cell should be patrolled (an organisation setting; default weekly). */
export const PATROL_TARGETS = ["daily", "weekly", "fortnightly", "monthly"] as const;
export type PatrolTarget = (typeof PATROL_TARGETS)[number];
