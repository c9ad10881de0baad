/**
 * The connection layer: pragmas, foreign keys across transactions and batches,
 * queuing behind interactive transactions, and where DATABASE_URL points.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createClient } from "@libsql/client";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb, DEFAULT_DATABASE_URL, FILE_PRAGMAS, resolveDbConfig, type Db } from "../../db/client";
import { memberships, organisations, users } from "../../db/schema";
import { LockTimeoutError } from "../../db/serial-client";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildMembership, buildUser, makeOrg, makeUser } from "../helpers/factories";

/** Walks an error's `cause` chain (drizzle wraps driver errors) for SQLite's message. */
function messages(error: unknown): string {
  const parts: string[] = [];
  for (let e = error; e instanceof Error; e = e.cause) parts.push(e.message);
  return parts.join(" <- ");
}

async function expectForeignKeyViolation(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the write should have been refused").not.toBeNull();
  expect(messages(error)).toMatch(/FOREIGN KEY constraint failed/);
}

const pragma = async (db: Db, name: string) => Object.values((await db.all<Record<string, unknown>>(sql.raw(`PRAGMA ${name}`)))[0]!)[0];

describe("a file database", () => {
  let t: TestDb;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestDb();
    orgId = (await makeOrg(t.db)).id;
  });
  afterAll(() => t.cleanup());

  /** A membership for a user that does not exist: the canary write. */
  const orphanMembership = () => buildMembership({ orgId, userId: "no-such-user" });

  it("is in WAL mode with synchronous=NORMAL, foreign keys on and a 5 s busy timeout", async () => {
    expect(await pragma(t.db, "journal_mode")).toBe("wal");
    expect(await pragma(t.db, "synchronous")).toBe(1);
    expect(await pragma(t.db, "foreign_keys")).toBe(1);
    expect(await pragma(t.db, "busy_timeout")).toBe(5000);
  });

  it("refuses a membership for a missing user", async () => {
    await expectForeignKeyViolation(t.db.insert(memberships).values(orphanMembership()));
  });

  it("still enforces foreign keys after a committed and a rolled-back db.transaction()", async () => {
    await t.db.transaction(async (tx) => {
      await tx.insert(users).values(buildUser());
    });
    await expectForeignKeyViolation(t.db.insert(memberships).values(orphanMembership()));

    await expect(
      t.db.transaction(async (tx) => {
        await tx.insert(users).values(buildUser());
        tx.rollback();
      }),
    ).rejects.toThrow();
    await expectForeignKeyViolation(t.db.insert(memberships).values(orphanMembership()));
    expect(await pragma(t.db, "foreign_keys")).toBe(1);
  });

  it("enforces foreign keys inside a transaction", async () => {
    await expectForeignKeyViolation(
      t.db.transaction(async (tx) => {
        await tx.insert(memberships).values(orphanMembership());
      }),
    );
  });

  it("enforces foreign keys inside and after a db.batch(), rolling the whole batch back", async () => {
    const user = buildUser();
    await expectForeignKeyViolation(
      t.db.batch([t.db.insert(users).values(user), t.db.insert(memberships).values(orphanMembership())]),
    );
    expect(await t.db.select().from(users).where(eq(users.id, user.id!))).toEqual([]);

    await t.db.batch([t.db.insert(users).values(buildUser())]);
    await expectForeignKeyViolation(t.db.insert(memberships).values(orphanMembership()));
  });

  it("keeps the pragmas on every call made concurrently (one connection, not a pool)", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => pragma(t.db, i % 2 ? "synchronous" : "foreign_keys")),
    );
    expect(results).toEqual(Array.from({ length: 20 }, () => 1));
  });

  it("makes calls wait for an open transaction instead of failing, then enforces foreign keys on them", async () => {
    const user = buildUser();
    let committed = false;
    const tx = t.db.transaction(async (tx) => {
      await tx.insert(users).values(user);
      await new Promise((r) => setTimeout(r, 50)); // a transaction that yields to the event loop
      committed = true;
    });
    await new Promise((r) => setTimeout(r, 5));
    // Issued while the transaction is open: queued behind it, then run.
    const read = t.db.select().from(users).where(eq(users.id, user.id!));
    const bad = t.db.insert(memberships).values(orphanMembership());
    const rows = await read;
    expect(committed).toBe(true);
    expect(rows).toHaveLength(1);
    await expectForeignKeyViolation(bad);
    await tx;
  });

  it("runs 10 concurrent write transactions without SQLITE_BUSY", async () => {
    const made = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.db.transaction(async (tx) => {
          const [u] = await tx.insert(users).values(buildUser()).returning();
          await new Promise((r) => setTimeout(r, 2));
          await tx.insert(memberships).values(buildMembership({ orgId, userId: u!.id }));
          return u!.id;
        }),
      ),
    );
    expect(new Set(made).size).toBe(10);
  });
});

describe("using db instead of tx inside a transaction", () => {
  it("ends with a LockTimeoutError naming the likely cause, not a hang", async () => {
    const t = await createTestDb({ lockTimeoutMs: 200 });
    try {
      const error = await t.db
        .transaction(async () => {
          await t.db.select().from(organisations); // wrong handle: waits for the transaction it is in
        })
        .catch((e: unknown) => e);
      // drizzle wraps driver errors ("Failed query: …"); ours is the cause.
      expect((error as Error).cause).toBeInstanceOf(LockTimeoutError);
      expect(messages(error)).toMatch(/instead of `tx`/);
      // The lock was given back: the database is usable again.
      expect(await makeUser(t.db)).toHaveProperty("id");
    } finally {
      await t.cleanup();
    }
  });
});

describe("reconnect()", () => {
  it("sets the pragmas again on the new connection", async () => {
    const t = await createTestDb();
    try {
      t.client.reconnect();
      expect(await pragma(t.db, "synchronous")).toBe(1);
      expect(await pragma(t.db, "foreign_keys")).toBe(1);
    } finally {
      await t.cleanup();
    }
  });
});

/**
 * What the wrapper exists for, measured on the bare client. If these start
 * failing after an upgrade of @libsql/client, the library changed: re-measure
 * and revisit db/serial-client.ts.
 */
describe("canary: a bare @libsql/client file client", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "kaoping-canary-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("opens extra pool connections on concurrent calls, and they lack pragmas set earlier", async () => {
    const raw = createClient({ url: `file:${path.join(dir, "raw.db")}`, timeout: 5000 });
    try {
      await raw.execute("PRAGMA synchronous=NORMAL");
      const rows = await Promise.all(Array.from({ length: 4 }, () => raw.execute("PRAGMA synchronous")));
      const values = rows.map((r) => Number(r.rows[0]![0]));
      expect(values).toContain(2); // FULL: a fresh connection
      // foreign_keys, by contrast, is on by default in this libsql build — even on fresh connections.
      const fk = await Promise.all(Array.from({ length: 4 }, () => raw.execute("PRAGMA foreign_keys")));
      expect(fk.map((r) => Number(r.rows[0]![0]))).toEqual([1, 1, 1, 1]);
    } finally {
      raw.close();
    }
  });
});

describe("resolveDbConfig", () => {
  it("defaults to file:data/kaoping.db in the working directory, with the file pragmas", () => {
    const c = resolveDbConfig({}, {}, "/srv/kaoping");
    expect(DEFAULT_DATABASE_URL).toBe("file:data/kaoping.db");
    expect(c).toEqual({
      kind: "file",
      url: "file:/srv/kaoping/data/kaoping.db",
      filePath: "/srv/kaoping/data/kaoping.db",
      pragmas: FILE_PRAGMAS,
    });
    expect(c.pragmas).toContain("PRAGMA foreign_keys=ON");
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(resolveDbConfig({ DATABASE_URL: "" }, {}, "/srv").url).toBe("file:/srv/data/kaoping.db");
  });

  it("keeps absolute file paths and ignores any token for a file", () => {
    const c = resolveDbConfig({ DATABASE_URL: "file:///var/lib/kaoping/k.db", DATABASE_AUTH_TOKEN: "secret" }, {}, "/srv");
    expect(c).toMatchObject({ kind: "file", url: "file:/var/lib/kaoping/k.db" });
    expect(c.authToken).toBeUndefined();
  });

  it("gives a libsql:// URL the token and no file pragmas", () => {
    const c = resolveDbConfig({ DATABASE_URL: "libsql://x.turso.io", DATABASE_AUTH_TOKEN: "tok" });
    expect(c).toEqual({ kind: "remote", url: "libsql://x.turso.io", authToken: "tok", pragmas: [] });
  });

  it.each(["http://127.0.0.1:8080", "https://db.example.cn", "ws://127.0.0.1:8080", "wss://db.example.cn"])(
    "treats %s as remote",
    (url) => {
      const c = resolveDbConfig({ DATABASE_URL: url });
      expect(c.kind).toBe("remote");
      expect(c.pragmas).toEqual([]);
      expect(c.authToken).toBeUndefined();
    },
  );

  it("prefers explicit config over the environment", () => {
    const c = resolveDbConfig({ DATABASE_URL: "file:env.db", DATABASE_AUTH_TOKEN: "env" }, { url: "libsql://a.turso.io", authToken: "cfg" });
    expect(c).toMatchObject({ kind: "remote", url: "libsql://a.turso.io", authToken: "cfg" });
  });

  it("refuses an unknown scheme, naming the variable", () => {
    expect(() => resolveDbConfig({ DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL/);
    expect(() => resolveDbConfig({ DATABASE_URL: "data/kaoping.db" })).toThrow(/DATABASE_URL/);
  });
});

describe("createDb", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  it("creates a missing nested folder for a file URL", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "kaoping-nested-"));
    dirs.push(dir);
    const file = path.join(dir, "a", "b", "c", "k.db");
    const { db, client, kind, ready } = createDb({ url: `file:${file}` });
    try {
      await ready;
      expect(kind).toBe("file");
      expect(await pragma(db, "journal_mode")).toBe("wal");
      expect(existsSync(file)).toBe(true);
    } finally {
      client.close();
    }
  });

  it("opens a remote URL without running anything on it", async () => {
    // Nothing listens on port 9: a pragma sent at start-up would make `ready` reject.
    const { kind, ready, client } = createDb({ url: "http://127.0.0.1:9", authToken: "tok" });
    try {
      expect(kind).toBe("remote");
      await expect(ready).resolves.toBeUndefined();
    } finally {
      client.close();
    }
  });
});
