import { defineConfig } from "drizzle-kit";

/**
 * drizzle-kit reads this for `npm run db:generate`. Migrations are generated,
 * reviewed and committed; a committed migration is never edited — a change is
 * a new migration. `push` is for throw-away experiments only.
 * The URL matters only to `studio`/`push`; `generate` works from the schema alone.
 */
export default defineConfig({
  dialect: "turso",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  dbCredentials: {
    url: process.env.DATABASE_URL || "file:data/kaoping.db",
    authToken: process.env.DATABASE_AUTH_TOKEN,
  },
  strict: true,
  verbose: true,
});
