/**
 * The organisation settings page's forms (issue 12), told apart by a hidden
 * `intent`: the patrol target, the renewal policy with the tender horizon, and
 * "restore the defaults". One schema for react-hook-form in the browser and
 * the action (the authority); the table's CHECKs refuse whatever slips past.
 *
 * Browser-safe: the defaults come from the scoring module and domain/, which
 * import nothing of the project.
 */
import { z } from "zod";
import { MAX_APPEAL_WINDOW_DAYS, MIN_APPEAL_WINDOW_DAYS } from "../../domain/appeals";
import { PATROL_TARGETS } from "../../domain/findings";
import { DEFAULT_TENDER_HORIZON, TENDER_HORIZONS, type TenderHorizon } from "../../domain/procurement";
import { DEFAULT_RENEWAL_POLICY } from "../../scoring/renewal";
import type { RenewalPolicy } from "../../scoring/types";
import { msg } from "~/utils/forms";

/** Upper bounds of the two counts: three years of quarters, two years of failures in a row. */
export const MAX_MIN_QUARTERS = 12;
export const MAX_FAIL_STREAK = 8;

/** The policy's fields in the order the form shows them. */
export const POLICY_FIELDS = ["minQuarters", "renewMinAverage", "renewMinQuarter", "conditionalMinAverage", "failStreakToReject"] as const satisfies readonly (keyof RenewalPolicy)[];
type PolicyField = (typeof POLICY_FIELDS)[number];
// Every field of RenewalPolicy is on the form: a new one fails the typecheck here.
const _allFields: Record<Exclude<keyof RenewalPolicy, PolicyField>, never> = {};

/** A whole number from 1 to `max`, posted as text. */
const count = (max: number) =>
  z
    .string(msg("form.required"))
    .trim()
    .min(1, msg("form.required"))
    .refine((s) => /^\d{1,3}$/.test(s) && Number(s) >= 1 && Number(s) <= max, msg("settings.errors.count", { max }))
    .transform(Number);

/** A score from 0 to 100 with at most one decimal, posted as text. */
const score = () =>
  z
    .string(msg("form.required"))
    .trim()
    .min(1, msg("form.required"))
    .refine((s) => /^\d{1,3}(\.\d+)?$/.test(s) && Number(s) <= 100, msg("settings.errors.score"))
    .refine((s) => !/\.\d{2,}$/.test(s), msg("settings.errors.decimals"))
    .transform(Number);

const HORIZON_VALUES = TENDER_HORIZONS.map(String) as [string, ...string[]];

export const PatrolTargetSchema = z.object({
  // A page rendered before the forms had intents posts none: it was the patrol target's.
  intent: z.literal("patrol").default("patrol"),
  patrolTarget: z.enum(PATROL_TARGETS, msg("patrols.setting.invalid")),
});

export const PolicySchema = z
  .object({
    intent: z.literal("policy"),
    minQuarters: count(MAX_MIN_QUARTERS),
    renewMinAverage: score(),
    renewMinQuarter: score(),
    conditionalMinAverage: score(),
    failStreakToReject: count(MAX_FAIL_STREAK),
    tenderHorizonMonths: z.enum(HORIZON_VALUES, msg("settings.errors.horizon")).transform((s) => Number(s) as TenderHorizon),
  })
  .superRefine((v, ctx) => {
    // Renewing with conditions needs less than renewing outright (recommendRenewal reads them in that order).
    if (v.conditionalMinAverage > v.renewMinAverage) {
      ctx.addIssue({ code: "custom", path: ["conditionalMinAverage"], message: msg("settings.errors.conditionalAboveRenew", { renew: v.renewMinAverage }) });
    }
  });

/** The appeal window (issue 14): working days after the quarter ends. */
export const AppealWindowSchema = z.object({
  intent: z.literal("appeals"),
  appealWindowDays: z
    .string(msg("form.required"))
    .trim()
    .min(1, msg("form.required"))
    .refine((s) => /^\d{1,2}$/.test(s) && Number(s) >= MIN_APPEAL_WINDOW_DAYS && Number(s) <= MAX_APPEAL_WINDOW_DAYS, msg("settings.errors.appealWindow", { min: MIN_APPEAL_WINDOW_DAYS, max: MAX_APPEAL_WINDOW_DAYS }))
    .transform(Number),
});

/** Saves the module's defaults (the policy and the horizon). */
export const DefaultsSchema = z.object({ intent: z.literal("defaults") });

export const SettingsActionSchema = z.discriminatedUnion("intent", [PatrolTargetSchema, PolicySchema, AppealWindowSchema, DefaultsSchema]);
export const SETTINGS_INTENTS = ["patrol", "policy", "appeals", "defaults"] as const;

/** What the policy form posts (and shows): text, as the inputs hold it. */
export type PolicyValues = z.input<typeof PolicySchema>;

/** The form's values for a policy and horizon. */
export function policyValues(policy: RenewalPolicy, horizon: TenderHorizon): PolicyValues {
  return {
    intent: "policy",
    minQuarters: String(policy.minQuarters),
    renewMinAverage: String(policy.renewMinAverage),
    renewMinQuarter: String(policy.renewMinQuarter),
    conditionalMinAverage: String(policy.conditionalMinAverage),
    failStreakToReject: String(policy.failStreakToReject),
    tenderHorizonMonths: String(horizon),
  };
}

/** The defaults shown beside each field and saved by "restore defaults". */
export const DEFAULT_SETTINGS = Object.freeze({ renewalPolicy: { ...DEFAULT_RENEWAL_POLICY } as RenewalPolicy, tenderHorizonMonths: DEFAULT_TENDER_HORIZON });
