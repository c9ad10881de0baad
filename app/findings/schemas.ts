/**
 * The forms of a finding's page, one schema each, told apart by a hidden
 * `intent` (the page renders them, the action parses the union). Messages are
 * i18n keys (app/i18n/locales/features/findings.ts). The photos of the fix are
 * the multipart file field `photos`, checked by parseMultipartForm, not here.
 */
import { z } from "zod";
import { MAX_LIFECYCLE_TEXT } from "../../domain/rectification";
import { isIsoDate } from "../../scoring/dates";
import { fields, msg } from "~/utils/forms";

const day = z.string(msg("findings.errors.fixedOn")).trim().refine(isIsoDate, msg("findings.errors.fixedOn"));

export const RectifySchema = z.object({
  intent: z.literal("rectify"),
  fixedOn: day,
  note: fields.requiredText(MAX_LIFECYCLE_TEXT),
});
export const VerifySchema = z.object({ intent: z.literal("verify"), note: fields.optionalText(MAX_LIFECYCLE_TEXT) });
export const FailSchema = z.object({ intent: z.literal("fail_verification"), reason: fields.requiredText(MAX_LIFECYCLE_TEXT) });
export const WithdrawSchema = z.object({ intent: z.literal("withdraw"), reason: fields.requiredText(MAX_LIFECYCLE_TEXT) });
export const ClearRepeatSchema = z.object({ intent: z.literal("clear_repeat"), reason: fields.requiredText(MAX_LIFECYCLE_TEXT) });

export const FindingActionSchema = z.discriminatedUnion("intent", [RectifySchema, VerifySchema, FailSchema, WithdrawSchema, ClearRepeatSchema]);
export type FindingActionInput = z.output<typeof FindingActionSchema>;
export const FINDING_INTENTS = ["rectify", "verify", "fail_verification", "withdraw", "clear_repeat"] as const;
