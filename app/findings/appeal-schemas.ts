/**
 * The supervisor's decision form of an appeal (app/routes/supervisor.appeals.$id.tsx):
 * uphold or dismiss, a reason, and for an upheld finding appeal what to do —
 * withdraw it or lower its severity to a milder one (`outcome` "lower:minor").
 * Messages are i18n keys (app/i18n/locales/features/appeals.ts).
 */
import { z } from "zod";
import { MAX_APPEAL_TEXT } from "../../domain/appeals";
import { fields, msg } from "~/utils/forms";

export const DecideSchema = z.object({
  decision: z.enum(["uphold", "dismiss"], msg("appeals.errors.decision")),
  /** "withdraw" | "lower:minor" | "lower:major"; ignored when dismissing or for repeat and veto targets. */
  outcome: z.enum(["withdraw", "lower:minor", "lower:major"], msg("appeals.errors.severity")).optional(),
  reason: fields.requiredText(MAX_APPEAL_TEXT),
});
export type DecideInput = z.output<typeof DecideSchema>;
