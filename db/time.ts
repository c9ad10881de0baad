/**
 * The process's clock and timestamps for the database. Days in an
 * organisation's zone are domain/days.ts; calendar arithmetic on days and
 * quarters is scoring/dates.ts.
 *
 * `KAOPING_CLOCK` (an ISO instant, for tests and demos only) starts the clock
 * at that instant when the process starts; it then runs on in real time, so
 * events keep their order while "today" is the same on every run. Browser
 * tests that need a draft quarter or a deadline passing use it: the demo and
 * every quarter state are counted from today.
 */

function clockOffsetMs(env: Record<string, string | undefined> = process.env): number {
  const start = env.KAOPING_CLOCK;
  if (!start) return 0;
  const at = Date.parse(start);
  if (Number.isNaN(at)) throw new Error(`KAOPING_CLOCK must be an ISO instant such as 2026-11-18T10:00:00+08:00, not "${start}"`);
  return at - Date.now();
}

let offsetMs: number | undefined;

/** The current instant by the process's clock (real time unless `KAOPING_CLOCK` is set). */
export function now(): Date {
  offsetMs ??= clockOffsetMs();
  return new Date(Date.now() + offsetMs);
}

/** An instant for a timestamp column: ISO 8601 in UTC, milliseconds, "Z". */
export function nowIso(at: Date = now()): string {
  return at.toISOString();
}
