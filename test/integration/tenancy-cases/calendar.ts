/** Tenancy cases of db/queries/calendar.ts: organisation A reaches for B's calendar entry (B has one on 2026-10-12). */
import type { Db } from "../../../db/client";
import * as calendar from "../../../db/queries/calendar";
import type { World } from "../../helpers/world";

type Case = (db: Db, w: World) => Promise<unknown>;

export const calendarCases: Record<string, Case> = {
  "calendar.ts#listCalendarEntries": (db, w) => calendar.listCalendarEntries(db, { orgId: w.orgA.id, from: "2026-01-01", to: "2026-12-31" }),
  // A clears the day B has an entry on: A has none, so not_found, and B's entry stays.
  "calendar.ts#clearCalendarDay": (db, w) => calendar.clearCalendarDay(db, w.ctxA, { day: "2026-10-12" }),
};
