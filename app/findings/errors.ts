/**
 * The data layer's refusals of a lifecycle step (db/queries/inspections/lifecycle.ts)
 * as the page shows them: a field's message where one field is at fault,
 * otherwise a form message, with the HTTP status the action answers.
 */
import { MAX_PHOTOS } from "../../domain/findings";
import type { LifecycleError } from "../../db/queries/inspections/lifecycle";
import { msg } from "~/utils/forms";

export function refusalOf(error: Exclude<LifecycleError, "not_found">): { field?: string; message: string; status: number } {
  switch (error) {
    case "fixed_before_found":
      return { field: "fixedOn", message: msg("findings.errors.fixedBeforeFound"), status: 400 };
    case "fixed_in_future":
      return { field: "fixedOn", message: msg("findings.errors.fixedInFuture"), status: 400 };
    case "photo_required":
      return { field: "photos", message: msg("findings.errors.photoRequired"), status: 400 };
    case "too_many_photos":
      return { field: "photos", message: msg("findings.errors.tooManyPhotos", { max: MAX_PHOTOS }), status: 400 };
    case "invalid":
      return { message: msg("form.required"), status: 400 };
    case "quarter_locked":
      return { message: msg("findings.errors.quarterLocked"), status: 409 };
    case "conflict":
      return { message: msg("findings.errors.conflict"), status: 409 };
    case "not_allowed":
      return { message: msg("findings.errors.notAllowed"), status: 409 };
  }
}
