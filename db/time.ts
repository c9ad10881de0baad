/**
 * Timestamps for the database. Days in an organisation's zone are
 * domain/days.ts; calendar arithmetic on days and quarters is scoring/dates.ts.
 */

/** An instant for a timestamp column: ISO 8601 in UTC, milliseconds, "Z". */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}
