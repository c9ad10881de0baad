/**
 * Column helpers shared by every table, so the conventions live in one place:
 * random text ids made by the app, ISO-8601 UTC instants, "YYYY-MM-DD" days,
 * "YYYY-Qn" periods — all text, which sorts correctly and reads in a dump.
 */
import { sql } from "drizzle-orm";
import { check, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { newId } from "../ids";
import { nowIso } from "../time";

/** Text primary key; `newId()` fills it when the caller leaves it out. */
export const idColumn = () => text("id").primaryKey().$defaultFn(newId);

/** An instant, ISO 8601 in UTC; filled with the current time when left out. */
export const createdAtColumn = () => text("created_at").notNull().$defaultFn(() => nowIso());

/**
 * A column as a bare name for CHECK constraints. drizzle-kit writes
 * `"table"."column"` otherwise, and SQLite refuses that inside the
 * `__new_table` a rebuild migration creates ("no such column"), so every
 * future rebuild of a table with a CHECK would fail.
 */
export const col = (column: AnySQLiteColumn) => sql.identifier(column.name);

/**
 * Cheap shape checks (GLOB) for text dates. They stop the classic slip of
 * writing a full timestamp where a calendar day belongs — which for survey
 * responses would also break anonymity. NULL passes, as CHECK does.
 */
const DAY_GLOB = "[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]";
const PERIOD_GLOB = "[0-9][0-9][0-9][0-9]-Q[1-4]";

export const dayCheck = (name: string, column: AnySQLiteColumn) =>
  check(name, sql`${col(column)} GLOB ${sql.raw(`'${DAY_GLOB}'`)}`);

export const periodCheck = (name: string, column: AnySQLiteColumn) =>
  check(name, sql`${col(column)} GLOB ${sql.raw(`'${PERIOD_GLOB}'`)}`);

/** Counts, money, sizes. (Enums get no CHECK: adding a value later would need a table rebuild.) */
export const nonNegativeCheck = (name: string, column: AnySQLiteColumn) =>
  check(name, sql`${col(column)} >= 0`);
