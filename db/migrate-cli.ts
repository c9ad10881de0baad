/**
 * `npm run db:migrate`: applies pending migrations to DATABASE_URL and exits
 * non-zero on failure, so a deploy script stops before starting the app.
 */
import { createDb } from "./client";
import { migrateDb } from "./migrate";

const { db, client, kind, url, ready } = createDb();
// Never print a remote URL's query string or the token.
const where = kind === "file" ? url : url.replace(/\?.*$/, "");
try {
  await ready;
  await migrateDb(db);
  console.log(`Migrations applied to ${where}`);
} catch (error) {
  console.error(`Migration failed on ${where}:`, error);
  process.exitCode = 1;
} finally {
  client.close();
}
