/**
 * A refused appeal as the contractor's form shows it: the refusal at its
 * field (the photos, the reason) or above the form, 409 when the appeal is
 * no longer possible (already filed, quarter finalised), 400 otherwise.
 * Shared by the finding and the veto pages; "not found" is the caller's 404.
 */
import { data } from "@remix-run/node";
import type { FileAppealError } from "../../db/queries/appeals/file";
import type { FindingFormAnswer } from "~/findings/rectify-form";
import { msg } from "~/utils/forms";

export function appealRefusalAnswer(error: Exclude<FileAppealError, "not_found">, values: Record<string, unknown>) {
  const field = error === "too_many_photos" ? "photos" : error === "invalid" ? "reason" : null;
  const message = msg(`contractor.appeal.errors.${error}`);
  return data<FindingFormAnswer>(
    { fieldErrors: field ? { [field]: [message] } : {}, formError: field ? undefined : message, intent: "appeal", values },
    { status: error === "already_appealed" || error === "quarter_finalised" ? 409 : 400 },
  );
}
