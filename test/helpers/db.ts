/**
 * A fresh, migrated libSQL file in its own temp folder — the same client and
 * migrator the app uses — for integration tests. Call `cleanup()` in afterEach/afterAll.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Client } from "@libsql/client";
import { createDb, type CreateDbOptions, type Db } from "../../db/client";
import { migrateDb } from "../../db/migrate";

export interface TestDb {
  db: Db;
  client: Client;
  url: string;
  dir: string;
  cleanup: () => Promise<void>;
}

export async function createTestDb(
  options: { migrate?: boolean; migrationsFolder?: string } & Pick<CreateDbOptions, "lockTimeoutMs"> = {},
): Promise<TestDb> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "kaoping-db-"));
  const { db, client, url, ready } = createDb({ url: `file:${path.join(dir, "test.db")}`, lockTimeoutMs: options.lockTimeoutMs });
  await ready;
  if (options.migrate !== false) await migrateDb(db, { migrationsFolder: options.migrationsFolder });
  return {
    db,
    client,
    url,
    dir,
    cleanup: async () => {
      client.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
