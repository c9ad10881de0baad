/**
 * Reminders (issue 15): which rules exist, who each is for, their defaults
 * and bounds, the key that makes each reminder exist once per (rule, object,
 * day), and quiet hours in the organisation's zone. Pure and browser-safe:
 * the clock is always passed in.
 */

export const REMINDER_RULES = [
  /** A rectification deadline tomorrow (the contractor's people and the inspector). */
  "finding_due_tomorrow",
  /** A rectification deadline passed today (the contractor's people and the inspector). */
  "finding_overdue",
  /** A reported fix waiting more than `days` for verification (supervisors). */
  "verification_waiting",
  /** A veto waiting for the second supervisor's confirmation (supervisors). */
  "veto_pending",
  /** An invite campaign closing within `days` below its response-rate target (supervisors). */
  "campaign_closing_low",
  /** A quarter in draft awaiting sign-off (supervisors). */
  "quarter_awaiting_signoff",
  /** A quarter's appeal window closing within `days` (the contractor's people). */
  "appeal_window_closing",
  /** Contracts entering the tender horizon, once a month (procurement). */
  "tender_horizon",
] as const;
export type ReminderRule = (typeof REMINDER_RULES)[number];

export type ReminderAudience = "contractor" | "inspector" | "supervisor" | "procurement";

export interface RuleSpec {
  audience: readonly ReminderAudience[];
  /** The rule's one number, when it has one (days), with its bounds. */
  days?: { default: number; min: number; max: number };
}

export const RULE_SPECS: Record<ReminderRule, RuleSpec> = {
  finding_due_tomorrow: { audience: ["contractor", "inspector"] },
  finding_overdue: { audience: ["contractor", "inspector"] },
  verification_waiting: { audience: ["supervisor"], days: { default: 2, min: 1, max: 14 } },
  veto_pending: { audience: ["supervisor"] },
  campaign_closing_low: { audience: ["supervisor"], days: { default: 3, min: 1, max: 14 } },
  quarter_awaiting_signoff: { audience: ["supervisor"] },
  appeal_window_closing: { audience: ["contractor"], days: { default: 1, min: 0, max: 10 } },
  tender_horizon: { audience: ["procurement"] },
};

export function isReminderRule(value: unknown): value is ReminderRule {
  return typeof value === "string" && (REMINDER_RULES as readonly string[]).includes(value);
}

/** An organisation's setting of one rule. */
export interface RuleSetting {
  rule: ReminderRule;
  enabled: boolean;
  days: number | null;
}

/** Every rule as it stands with no setting stored: on, with its default days. */
export function defaultRuleSettings(): RuleSetting[] {
  return REMINDER_RULES.map((rule) => ({ rule, enabled: true, days: RULE_SPECS[rule].days?.default ?? null }));
}

/** Why a rule's days cannot be stored (null when they can): only rules with days take them, whole and in bounds. */
export function ruleDaysProblem(rule: ReminderRule, days: number | null): "not_allowed" | "required" | "out_of_range" | null {
  const spec = RULE_SPECS[rule].days;
  if (!spec) return days === null ? null : "not_allowed";
  if (days === null) return "required";
  return Number.isInteger(days) && days >= spec.min && days <= spec.max ? null : "out_of_range";
}

/**
 * The key a reminder is created under: one per rule, object and day, for one
 * recipient (a user id) or channel. A second run the same day, a restart or a
 * second process meets the unique index and creates nothing.
 * @example reminderKey("finding_overdue", "fnd_1", "2026-07-16") // "finding_overdue|fnd_1|2026-07-16"
 */
export function reminderKey(rule: ReminderRule, objectId: string, day: string): string {
  return `${rule}|${objectId}|${day}`;
}

/** "HH:MM" as minutes after midnight, or null when it is not a time of day. */
export function minutesOf(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes after local midnight at `now` in `timeZone`. */
export function localMinutes(timeZone: string, now: Date): number {
  let f = clockFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    clockFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get("hour") * 60 + get("minute");
}

export interface QuietHours {
  /** "HH:MM", local: group messages are held from then … */
  from: string;
  /** … until then (the next morning when `to` ≤ `from`). Equal times: never quiet. */
  to: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { from: "21:00", to: "08:00" };

/**
 * Whether `now` falls in the quiet hours in `timeZone` (the organisation's, never the server's).
 * @example isQuiet({ from: "21:00", to: "08:00" }, "Asia/Shanghai", new Date("2026-07-15T14:30:00Z")) // true: 22:30 in Shanghai
 */
export function isQuiet(quiet: QuietHours, timeZone: string, now: Date): boolean {
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  if (from === null || to === null) throw new RangeError(`not a time "HH:MM": ${JSON.stringify(quiet)}`);
  if (from === to) return false;
  const at = localMinutes(timeZone, now);
  return from < to ? at >= from && at < to : at >= from || at < to;
}

/**
 * The first instant at or after `now` outside the quiet hours (`now` itself
 * when it is not quiet): when a held group message may go. Found by stepping
 * whole minutes, which is exact for every zone's offsets (whole minutes) and
 * at most a day of steps.
 */
export function quietUntil(quiet: QuietHours, timeZone: string, now: Date): Date {
  if (!isQuiet(quiet, timeZone, now)) return now;
  const start = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  for (let minute = 1; minute <= 24 * 60; minute++) {
    const at = new Date(start.getTime() + minute * 60_000);
    if (!isQuiet(quiet, timeZone, at)) return at;
  }
  return now;
}
