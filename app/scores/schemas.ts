/**
 * The two forms of a quarter's score page, told apart by a hidden `intent`:
 * finalise (an override reason when something blocks it, a justification when
 * the quarter is provisional) and reopen (a reason). The page validates with
 * the schema the quarter needs (`finaliseFormSchema`); the action parses the
 * union and leaves the rules that depend on the data to `finaliseQuarter`,
 * whose refusals `scoreRefusal` turns into the same messages.
 */
import { z } from "zod";
import type { FinaliseError, ReopenResult } from "../../db/queries/scores/finalise";
import { MAX_SCORE_TEXT } from "../../domain/quarter-lock";
import { fields, msg } from "~/utils/forms";


export const FinaliseSchema = z.object({
  intent: z.literal("finalise"),
  overrideReason: fields.optionalText(MAX_SCORE_TEXT),
  provisionalJustification: fields.optionalText(MAX_SCORE_TEXT),
});
export const ReopenSchema = z.object({ intent: z.literal("reopen"), reason: fields.requiredText(MAX_SCORE_TEXT) });

export const ScoreActionSchema = z.discriminatedUnion("intent", [FinaliseSchema, ReopenSchema]);
export type ScoreActionInput = z.output<typeof ScoreActionSchema>;
export const SCORE_INTENTS = ["finalise", "reopen"] as const;

/** What the quarter asks of a finalisation, as the page knows it. */
export interface FinaliseNeeds {
  /** A veto is pending or a fix awaits verification. */
  override: boolean;
  /** The quarter is provisional. */
  justification: boolean;
}

/** The finalise form's schema in the browser: the texts this quarter requires are required. */
export function finaliseFormSchema(needs: FinaliseNeeds) {
  return FinaliseSchema.superRefine((v, ctx) => {
    if (needs.override && !v.overrideReason) ctx.addIssue({ code: "custom", path: ["overrideReason"], message: msg("quarter.errors.overrideRequired") });
    if (needs.justification && !v.provisionalJustification)
      ctx.addIssue({ code: "custom", path: ["provisionalJustification"], message: msg("quarter.errors.justificationRequired") });
  });
}

/** The data layer's refusals, not_found aside (the action answers it with a 404). */
type Refusal = Exclude<FinaliseError | Extract<ReopenResult, { ok: false }>["error"], "not_found">;

/**
 * A refusal of `finaliseQuarter` / `reopenQuarter` (not_found aside: a 404) as
 * the page shows it: a field's message where one field is missing, otherwise a
 * form message, with the status the action answers. Nothing was written.
 */
export function scoreRefusal(
  intent: (typeof SCORE_INTENTS)[number],
  error: Refusal,
): { field?: string; message: string; status: 400 | 409 } {
  switch (error) {
    case "blocked":
      return { field: "overrideReason", message: msg("quarter.errors.overrideRequired"), status: 400 };
    case "needs_justification":
      return { field: "provisionalJustification", message: msg("quarter.errors.justificationRequired"), status: 400 };
    case "invalid":
      return intent === "reopen" ? { field: "reason", message: msg("form.required"), status: 400 } : { message: msg("quarter.errors.invalid"), status: 400 };
    case "not_ended":
      return { message: msg("quarter.errors.notEnded"), status: 409 };
    case "outside_term":
      return { message: msg("quarter.errors.outsideTerm"), status: 409 };
    case "already_finalised":
      return { message: msg("quarter.errors.alreadyFinalised"), status: 409 };
    case "not_finalised":
      return { message: msg("quarter.errors.notFinalised"), status: 409 };
    case "conflict":
      return { message: msg("quarter.errors.conflict"), status: 409 };
  }
}
