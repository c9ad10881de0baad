/** The refusals of the contract queries, as answers of an action: each on the field it concerns. */
import type { ContractWriteError } from "../../db/queries/contracts";
import { fieldError, invalid } from "./respond.server";
import { msg } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

type Refusal = ContractWriteError | { ok: false; error: "not_found" } | { ok: false; error: "locked"; field: "contractorId" | "serviceType" };

export function contractWriteRefused(result: Refusal, values?: Record<string, unknown>) {
  const save = { intent: "save", values };
  // Another organisation's contractor or site (or one deleted meanwhile): as for any foreign id.
  invariantResponse(result.error !== "not_found", ...NOT_FOUND);
  switch (result.error) {
    case "archived":
      return result.field === "contractorId"
        ? fieldError("contractorId", msg("admin.errors.contractorArchived"), save)
        : fieldError("siteIds", msg("admin.errors.siteArchived"), save);
    case "locked":
      return result.field === "serviceType"
        ? fieldError("serviceType", msg("admin.errors.lockedServiceType"), save)
        : fieldError("contractorId", msg("admin.errors.lockedContractor"), save);
    case "invalid_term":
      return fieldError("endOn", msg("admin.errors.invalidTerm"), save);
    case "invalid_value":
      return fieldError("annualValue", msg("admin.errors.invalidValue"), save);
    case "invalid_quarterly_fee":
      return fieldError("quarterlyFee", msg("admin.errors.invalidQuarterlyFee"), save);
    case "invalid_payment_rule":
      return invalid({}, { formError: msg("admin.errors.invalidPaymentRule"), ...save });
    case "duplicate_code":
      return fieldError("code", msg("admin.errors.duplicateContractCode"), save);
  }
}
