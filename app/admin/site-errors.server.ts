/** The refusals of the grid-cell queries, as answers of an action. */
import type { GridCellWriteError } from "../../db/queries/sites";
import { fieldError } from "./respond.server";
import { msg } from "~/utils/forms";
import { invariantResponse, NOT_FOUND } from "~/utils/invariant";

export function gridCellWriteRefused(result: GridCellWriteError, intent: string, values?: Record<string, unknown>) {
  // Another organisation's site or user (or one removed meanwhile): as for any foreign id.
  invariantResponse(result.error !== "not_found", ...NOT_FOUND);
  switch (result.error) {
    case "duplicate_code":
      return fieldError("code", msg("admin.errors.duplicateCellCode"), { intent, values });
  }
}
