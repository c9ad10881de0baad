/**
 * The data layer's refusals of a recording (db/queries/inspections/record.ts)
 * as the form's messages: which field they belong to (or the form), and the
 * i18n key. One place, so every recording route says the same.
 */
import type { RecordRefusal } from "../../db/queries/inspections/record";
import { MAX_PHOTOS } from "../../domain/findings";
import { msg, type FieldErrors } from "~/utils/messages";

const FIELD_OF: Partial<Record<RecordRefusal, string>> = {
  unknown_item: "itemId",
  due_before_found: "dueOn",
  too_many_photos: "photos",
  site_not_covered: "contractId",
};

/** The field errors and form error of a refusal. */
export function refusalErrors(error: RecordRefusal): { fieldErrors: FieldErrors; formError?: string } {
  const message = error === "too_many_photos" ? msg("inspections.errors.too_many_photos", { max: MAX_PHOTOS }) : msg(`inspections.errors.${error}`);
  const field = FIELD_OF[error];
  return field ? { fieldErrors: { [field]: [message] } } : { fieldErrors: {}, formError: message };
}

/** The HTTP status of a refusal: an id that is not the organisation's is a 404, a locked quarter a 409, the rest 400. */
export function refusalStatus(error: RecordRefusal): number {
  if (error === "not_found") return 404;
  if (error === "quarter_locked") return 409;
  if (error === "forbidden" || error === "not_patrol_leader") return 403;
  return 400;
}
