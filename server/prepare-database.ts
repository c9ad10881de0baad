import { getDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { todayIn } from "../domain/days";
import { DEMO_ORG, DEMO_PASSWORD } from "../seed/demo-data";
import { describeSeed, seedDemo } from "../seed/demo";
import { hashPassword } from "./password";
import { now as clockNow } from "../db/time";

export interface PrepareOptions {
  /** Create the demo organisation (KAOPING_DEMO, default on). */
  demo: boolean;
  now?: Date;
}

/**
 * Runs before the server listens: applies pending migrations (the same
 * migrator the tests use) and, on an embedded database, creates the demo
 * organisation unless KAOPING_DEMO=off.
 *
 * The demo goes only into a local file that holds no other organisation
 * (`seedDemo` checks); on a remote server it is skipped. Once it exists, a
 * start costs one query: the password is hashed only when the demo is created.
 */
export async function prepareDatabase({ demo, now = clockNow() }: PrepareOptions): Promise<void> {
  const { db, kind, url } = getDb();
  await migrateDb(db);

  if (!demo) return;
  if (kind !== "file") {
    console.log("Demo organisation skipped: DATABASE_URL is a remote server (the demo is only created in a local file). Set KAOPING_DEMO=off to silence this.");
    return;
  }
  const result = await seedDemo(db, { today: todayIn(DEMO_ORG.timeZone, now), passwordHash: () => hashPassword(DEMO_PASSWORD) });
  if (result.created || result.reason !== "exists" || !result.complete) console.log(describeSeed(result, url.replace(/^file:/, "")));
}
