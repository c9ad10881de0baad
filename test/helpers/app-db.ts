/**
 * Points the app's database singleton (`getDb()`, used by every *.server.ts
 * module) at a fresh, migrated temp file, so route loaders and actions can be
 * called directly in integration tests against a real libSQL database.
 */
import { createTestDb, type TestDb } from "./db";

type Handle = { db: TestDb["db"]; client: TestDb["client"]; kind: "file"; url: string; ready: Promise<void> };
const globalForDb = globalThis as typeof globalThis & { __kaopingDb?: Handle };

export async function installAppDb(): Promise<TestDb> {
  const testDb = await createTestDb();
  globalForDb.__kaopingDb = { db: testDb.db, client: testDb.client, kind: "file", url: testDb.url, ready: Promise.resolve() };
  return {
    ...testDb,
    cleanup: async () => {
      delete globalForDb.__kaopingDb;
      await testDb.cleanup();
    },
  };
}
