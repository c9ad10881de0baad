/** The refusals of the contractor queries, as answers of an action. */
import type { ContractorWriteError } from "../../db/queries/contractors";
import { fieldError, notFound } from "./respond.server";
import { msg } from "~/utils/forms";

export function contractorWriteRefused(error: ContractorWriteError | "not_found", values?: Record<string, unknown>) {
  switch (error) {
    case "not_found":
      return notFound();
    case "invalid_credit_code":
      return fieldError("creditCode", msg("admin.errors.invalidCreditCode"), { intent: "save", values });
    case "duplicate_credit_code":
      return fieldError("creditCode", msg("admin.errors.duplicateCreditCode"), { intent: "save", values });
  }
}
