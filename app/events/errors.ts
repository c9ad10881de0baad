/** The message key of each refusal of the events data layer (db/queries/inspections/events.ts). */
import type { EventWriteError } from "../../db/queries/inspections/events";

export const EVENT_ERROR_MESSAGES: Record<Exclude<EventWriteError, "not_found">, { field?: string; key: string }> = {
  invalid_item: { field: "itemId", key: "events.errors.itemNotInRubric" },
  invalid_day: { field: "occurredOn", key: "form.invalidDate" },
  outside_term: { field: "occurredOn", key: "events.errors.outsideTerm" },
  in_future: { field: "occurredOn", key: "events.errors.inFuture" },
  quarter_locked: { key: "events.errors.quarterLocked" },
  not_allowed: { key: "events.errors.notAllowed" },
  not_pending: { key: "events.errors.notPending" },
  already_withdrawn: { key: "events.errors.alreadyWithdrawn" },
};
