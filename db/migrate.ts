/**
 * Applies the committed SQL migrations in db/migrations — the one migrator
 * used by the app's start-up, the tests and `npm run db:migrate`.
 * Each run applies only what is new, in one transaction with foreign keys off
 * (libSQL's `migrate`), so a table rebuild neither trips nor cascades.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/libsql/migrator";
import type { Db } from "./client";

/**
 * Beside this file when run from source; from the working directory when this
 * module has been bundled elsewhere (e.g. a server build) and the folder did not travel.
 */
export function defaultMigrationsFolder(): string {
  const candidates = [
    fileURLToPath(new URL("./migrations", import.meta.url)),
    path.resolve(process.cwd(), "db/migrations"),
  ];
  const found = candidates.find((dir) => existsSync(path.join(dir, "meta", "_journal.json")));
  if (!found) throw new Error(`No migrations found (looked in ${candidates.join(", ")})`);
  return found;
}

/** @example await migrateDb(createDb().db) */
export async function migrateDb(db: Db, options: { migrationsFolder?: string } = {}): Promise<void> {
  await migrate(db, { migrationsFolder: options.migrationsFolder ?? defaultMigrationsFolder() });
}
