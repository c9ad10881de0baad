/** The refusals of the grid-cell queries, as answers of an action. */
import type { GridCellWriteError } from "../../db/queries/sites";
import { fieldError, notFound } from "./respond.server";
import { msg } from "~/utils/forms";

export function gridCellWriteRefused(result: GridCellWriteError, intent: string, values?: Record<string, unknown>) {
  switch (result.error) {
    case "not_found":
      // Another organisation's site or user (or one removed meanwhile): as for any foreign id.
      return notFound();
    case "duplicate_code":
      return fieldError("code", msg("admin.errors.duplicateCellCode"), { intent, values });
  }
}
