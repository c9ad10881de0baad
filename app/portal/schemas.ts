/**
 * The contractor portal's forms (issue 14): one zod schema for the page and
 * the action. Browser-safe.
 */
import { z } from "zod";
import { RectifySchema } from "~/findings/schemas";
import { fields, msg } from "~/utils/forms";

/** The longest appeal reason (the data layer holds the same bound). */
export const MAX_APPEAL_REASON = 1000;

/** The appeal form as the browser checks it, whatever it contests (photos ride along as files). */
export const AppealFormSchema = z.object({
  intent: z.literal("appeal"),
  target: z.enum(["finding", "repeat", "veto"], msg("contractor.appeal.errors.target")),
  reason: fields.requiredText(MAX_APPEAL_REASON),
});

/** An appeal of the finding itself or of its repeat mark (the finding's page). */
export const FindingAppealSchema = AppealFormSchema.extend({ target: z.enum(["finding", "repeat"], msg("contractor.appeal.errors.target")) });

/** An appeal of a veto (the veto's page). */
export const VetoAppealSchema = AppealFormSchema.extend({ target: z.literal("veto", msg("contractor.appeal.errors.target")) });

/** The contractor's steps on a finding: report the fix, or appeal. */
export const ContractorFindingSchema = z.discriminatedUnion("intent", [RectifySchema, FindingAppealSchema]);
export const CONTRACTOR_FINDING_INTENTS = ["rectify", "appeal"] as const;
