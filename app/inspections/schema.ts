/**
 * The recording form's schemas, shared by the page (react-hook-form) and the
 * action (parseMultipartForm, the authority). Messages are i18n keys.
 *
 * The day of the finding is not posted: the server takes today in the
 * organisation's zone, so a phone's wrong clock cannot date a finding.
 */
import { z } from "zod";
import { DEFAULT_DUE_DAYS, INSPECTION_KINDS, type FindingSeverity } from "../../domain/findings";
import { addDays, isIsoDate } from "../../scoring/dates";
import { SEVERITIES } from "../../scoring/types";
import { clientKeyField } from "~/utils/photo-form";
import { fields, msg } from "~/utils/forms";

export const NOTE_MAX = 500;

const id = (message: string) => z.string(msg(message)).trim().min(1, msg(message)).max(64, msg(message));
const optionalId = z
  .string()
  .trim()
  .max(64, msg("form.malformed"))
  .optional()
  .transform((s) => (s ? s : undefined));

/** The default deadline of a finding of `severity` found on `foundOn`. */
export function defaultDueOn(severity: FindingSeverity, foundOn: string): string {
  return addDays(foundOn, DEFAULT_DUE_DAYS[severity]);
}

/** Where the finding is and what it concerns (hidden fields, chosen in the steps before the form). */
const place = {
  kind: z.enum(INSPECTION_KINDS, msg("form.malformed")),
  gridCellId: optionalId,
  siteId: optionalId,
  contractId: id("inspections.errors.chooseContract"),
};

/** A new finding: the form's own fields (item, severity, note, deadline; photos are the file field). */
export const RecordFindingSchema = z
  .object({
    ...place,
    itemId: z.string(msg("inspections.errors.chooseItem")).trim().min(1, msg("inspections.errors.chooseItem")).max(200, msg("inspections.errors.chooseItem")),
    severity: z.enum(SEVERITIES, msg("inspections.errors.chooseSeverity")),
    note: fields.requiredText(NOTE_MAX),
    dueOn: z
      .string(msg("form.required"))
      .trim()
      .min(1, msg("form.required"))
      .refine((s) => isIsoDate(s), msg("form.invalidDate")),
    clientKey: clientKeyField,
    /** The id of the open earlier finding the page already warned about (then saving goes ahead). */
    repeatSeen: optionalId,
  })
  .refine((v) => v.gridCellId || v.siteId, { path: ["gridCellId"], message: msg("inspections.errors.choosePlace") });
export type RecordFindingForm = z.infer<typeof RecordFindingSchema>;

/** The repeat warning's "add the photos to the earlier finding instead". */
export const AddPhotosSchema = z.object({ ...place, findingId: id("form.malformed"), clientKey: clientKeyField });

/** "Nothing found on this patrol". */
export const NothingFoundSchema = z.object({ ...place, contractId: optionalId, gridCellId: id("inspections.errors.choosePlace") });

export const RECORD_INTENTS = ["record", "addPhotos", "nothing"] as const;
export type RecordIntent = (typeof RECORD_INTENTS)[number];

/** The schema of a posted intent (an unknown intent is parsed as "record" and fails there if malformed). */
export function recordSchemaFor(intent: string | null) {
  if (intent === "addPhotos") return AddPhotosSchema;
  if (intent === "nothing") return NothingFoundSchema;
  return RecordFindingSchema;
}
