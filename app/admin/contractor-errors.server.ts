/** The refusals of the contractor queries, as answers of an action. */
import type { ContractorWriteError } from "../../db/queries/contractors";
import { fieldError } from "./respond.server";
import { msg } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export function contractorWriteRefused(error: ContractorWriteError | "not_found", values?: Record<string, unknown>) {
  invariantResponse(error !== "not_found", ...NOT_FOUND);
  switch (error) {
    case "invalid_credit_code":
      return fieldError("creditCode", msg("admin.errors.invalidCreditCode"), { intent: "save", values });
    case "duplicate_credit_code":
      return fieldError("creditCode", msg("admin.errors.duplicateCreditCode"), { intent: "save", values });
  }
}
