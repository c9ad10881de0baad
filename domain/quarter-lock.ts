/**
 * The quarter-lock model, defined once (docs/product.md §5).
 * Every path that writes something belonging to a contract's quarter — survey
 * responses today; findings, bonuses, vetoes and corrections later — asks
 * these predicates, and the one SQL gate that must decide inside a write
 * transaction is built from {@link WRITABLE_QUARTER_STATES} (see
 * db/queries/surveys/submission/sql.ts), so the two cannot drift apart.
 *
 * Pure and import-free: the browser bundle may use it.
 */

/** The longest override reason, provisional justification or reopen reason a quarter keeps (form and data layer). */
export const MAX_SCORE_TEXT = 1000;

/** The states of a contract's quarter (db/schema/contracts.ts QUARTER_STATUSES). */
export const QUARTER_STATES = ["open", "draft", "finalised", "reopened"] as const;
export type QuarterState = (typeof QUARTER_STATES)[number];

/** The states in which a quarter's findings, bonuses, vetoes, corrections and survey responses may be written. */
export const WRITABLE_QUARTER_STATES = ["open", "draft", "reopened"] as const satisfies readonly QuarterState[];

/**
 * Whether the contract-quarter may be written: open, draft or reopened — not
 * finalised. A quarter without a row yet counts as "open".
 * @example contractQuarterWritable("finalised") // false
 */
export function contractQuarterWritable(state: QuarterState | null | undefined): boolean {
  return (WRITABLE_QUARTER_STATES as readonly string[]).includes(state ?? "open");
}

/**
 * The state a contract's quarter is in on `today`: a stored `finalised` or
 * `reopened` as it is; otherwise `open` while the quarter runs and `draft`
 * from the day after its last day — computed from the organisation's days,
 * so no job has to move it. `periodEnd` is the quarter's last day
 * (scoring/dates.ts periodEnd), `today` the organisation's day.
 * @example quarterStateOn(null, { periodEnd: "2026-09-30", today: "2026-10-01" }) // "draft"
 */
export function quarterStateOn(stored: QuarterState | null | undefined, days: { periodEnd: string; today: string }): QuarterState {
  if (stored === "finalised" || stored === "reopened") return stored;
  return days.today > days.periodEnd ? "draft" : "open";
}

/**
 * The day a quarter that is not finalised is scored as of: its first
 * finalisation's day once it has one (a reopened quarter's next revision
 * keeps it, so a fix recorded later does not turn overdue into late), else
 * today. Every live score and every finalisation asks this.
 * @example scoringDay("2026-10-05", "2026-11-18") // "2026-10-05"
 */
export function scoringDay(firstAsOf: string | null | undefined, today: string): string {
  return firstAsOf ?? today;
}

export type CampaignStatus = "draft" | "open" | "closed";

/** Why a campaign does not take a response on a day (null: it does). */
export type CampaignRefusal = "finalised" | "closed" | "not_open_yet";

export interface CampaignWindow {
  campaignStatus: CampaignStatus;
  /** First day responses are taken, "YYYY-MM-DD" in the organisation's zone. */
  opensOn: string;
  /** Last day responses are taken, inclusive. */
  closesOn: string;
  /** The day it is in the organisation's zone. */
  today: string;
  /** The contract quarter's state (null/undefined: no row yet, i.e. open). */
  quarterState: QuarterState | null | undefined;
}

/**
 * Why the campaign does not accept responses on `today`, or null when it does.
 * The quarter comes first (a finalised quarter is final whatever the campaign
 * says), then closed (status or past its last day), then not yet open.
 * @example campaignRefusal({ campaignStatus: "open", opensOn: "2026-09-01", closesOn: "2026-09-30", today: "2026-10-01", quarterState: "open" }) // "closed"
 */
export function campaignRefusal(c: CampaignWindow): CampaignRefusal | null {
  if (!contractQuarterWritable(c.quarterState)) return "finalised";
  if (c.campaignStatus === "closed" || c.today > c.closesOn) return "closed";
  if (c.campaignStatus === "draft" || c.today < c.opensOn) return "not_open_yet";
  return null;
}

/**
 * The campaign accepts responses: it is open, `today` is inside its days, and
 * its quarter may be written.
 * @example campaignAcceptsResponses({ campaignStatus: "open", opensOn: "2026-09-01", closesOn: "2026-09-30", today: "2026-09-10", quarterState: "reopened" }) // true
 */
export function campaignAcceptsResponses(c: CampaignWindow): boolean {
  return campaignRefusal(c) === null;
}
