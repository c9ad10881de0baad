/**
 * The app's clock: every "now" and "today" on the server comes from here, so
 * `KAOPING_CLOCK` (db/time.ts) moves all of them together in tests.
 */
import { todayIn } from "../../domain/days";
import { now } from "../../db/time";

export { now };

/** Today in the organisation's zone, "YYYY-MM-DD". */
export function todayFor(org: { timeZone: string }): string {
  return todayIn(org.timeZone, now());
}
