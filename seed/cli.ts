/**
 * `npm run db:seed [-- --reset]`: creates the demo organisation on DATABASE_URL
 * (default file:data/kaoping.db), migrating first. Without `--reset` it does
 * nothing when the demo exists already. With `--reset` it deletes the demo
 * database file and builds it again — see `resetDemoDatabase` in ./demo for
 * why that is the honest way to rebuild it, and what it refuses — and empties
 * the uploads folder (KAOPING_UPLOADS or data/uploads; see ./uploads-reset for
 * what it refuses).
 *
 * Only a local file: the demo is never written to a remote server, which may
 * hold real organisations.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createDb, resolveDbConfig } from "../db/client";
import { migrateDb } from "../db/migrate";
import { todayIn } from "../domain/days";
import { hashPassword } from "../server/password";
import { DEMO_ORG, DEMO_PASSWORD } from "./demo-data";
import { DemoResetRefused, describeSeed, resetDemoDatabase, seedDemo } from "./demo";
import { now } from "../db/time";
import { uploadsDir } from "../server/uploads";
import { emptyUploads, planUploadsReset } from "./uploads-reset";

export type SeedTarget = { ok: true; filePath: string; url: string } | { ok: false; message: string };

/**
 * Where the demo may be written: only an embedded database file. Pure, so the
 * refusal of `libsql://…` and friends is tested without a server.
 * @example seedTarget({ DATABASE_URL: "libsql://x.turso.io" }).ok // false
 */
export function seedTarget(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): SeedTarget {
  let resolved;
  try {
    resolved = resolveDbConfig(env, {}, cwd);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  if (resolved.kind !== "file" || !resolved.filePath) {
    // Never print the query string of a remote URL: it may carry a token.
    const where = resolved.url.replace(/\?.*$/, "");
    return {
      ok: false,
      message:
        `The demo seed writes only to a local database file, and DATABASE_URL points at a remote server (${where}). ` +
        "Use file:… (e.g. DATABASE_URL=file:data/kaoping.db), or create a real organisation with `npm run org:create`.",
    };
  }
  return { ok: true, filePath: resolved.filePath, url: resolved.url };
}

/** The command itself (exported for the tests): reads DATABASE_URL and KAOPING_UPLOADS, returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let reset: boolean;
  try {
    const { values } = parseArgs({ args: argv, options: { reset: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } } });
    if (values.help) {
      console.log("Usage: npm run db:seed [-- --reset]\n  Creates the demo organisation on DATABASE_URL (a local file). --reset deletes that file, empties the uploads folder and builds it again.");
      return 0;
    }
    reset = values.reset === true;
  } catch (error) {
    console.error(`db:seed: ${(error as Error).message}\nUsage: npm run db:seed [-- --reset]`);
    return 2;
  }

  const target = seedTarget();
  if (!target.ok) {
    console.error(`db:seed refused: ${target.message}`);
    return 1;
  }

  if (reset) {
    try {
      // Check the uploads folder before anything is deleted; empty it only once the database is gone.
      const uploads = planUploadsReset(uploadsDir(), { databaseFile: target.filePath });
      const removed = await resetDemoDatabase(target);
      console.log(removed ? `Deleted the demo database ${target.filePath}` : `No database at ${target.filePath} yet`);
      emptyUploads(uploads);
      console.log(`Emptied the uploads folder ${uploadsDir()} (${uploads.length} entries)`);
    } catch (error) {
      if (error instanceof DemoResetRefused) {
        console.error(`db:seed --reset refused: ${error.message}`);
        return 1;
      }
      throw error;
    }
  }

  const { db, client, ready } = createDb({ url: target.url });
  try {
    await ready;
    await migrateDb(db);
    const today = todayIn(DEMO_ORG.timeZone, now());
    // Hashed once for all demo accounts (argon2 is deliberately slow).
    const result = await seedDemo(db, { today, passwordHash: () => hashPassword(DEMO_PASSWORD) });
    const report = describeSeed(result, target.filePath);
    if (!result.created && result.reason === "other_organisations") {
      console.error(`db:seed refused: ${report}`);
      return 1;
    }
    console.log(report);
    return 0;
  } finally {
    client.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error("db:seed failed:", error);
      process.exitCode = 1;
    },
  );
}
