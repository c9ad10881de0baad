/**
 * The database connection: an embedded libSQL file (the default) or a remote
 * libSQL server (Turso, sqld). Server-only — reach it through app/**\/*.server.ts.
 *
 *   DATABASE_URL         file:data/kaoping.db (default; relative to the working directory)
 *                        | libsql://… | http(s)://… | ws(s)://…
 *   DATABASE_AUTH_TOKEN  sent to remote servers only
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { createClient, type Client, type ResultSet } from "@libsql/client";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import type { SQLiteTransaction } from "drizzle-orm/sqlite-core";
import * as schema from "./schema";
import { SerialClient } from "./serial-client";

export type Schema = typeof schema;
/** What `drizzle(client, { schema })` returns; `$client` is the (serial) libSQL client underneath. */
export type Db = LibSQLDatabase<Schema> & { $client: Client };
/** The `tx` of `db.transaction(async (tx) => …)`. */
export type Tx = SQLiteTransaction<"async", ResultSet, Schema, ExtractTablesWithRelations<Schema>>;
/** Query helpers that only read or write take either, so they compose inside a transaction. */
export type DbOrTx = Db | Tx;

export type DbKind = "file" | "remote";

export const DEFAULT_DATABASE_URL = "file:data/kaoping.db";

/**
 * Per-connection settings for an embedded file. WAL lets readers (a backup, a
 * second process) work beside the writer and persists in the file;
 * NORMAL is safe under WAL (a power cut may lose the last commits, never
 * corrupt) and measurably faster; foreign keys are per connection in SQLite.
 * secure_delete overwrites deleted content with zeros, so a page or WAL frame
 * keeps no left-over copy of a row (survey anonymity, docs/decisions/004); it
 * is per connection too, so it is set (and checked) again after a reconnect.
 * A remote server owns its own settings: none of these are sent there.
 */
export const FILE_PRAGMAS = [
  "PRAGMA journal_mode=WAL",
  "PRAGMA foreign_keys=ON",
  "PRAGMA synchronous=NORMAL",
  "PRAGMA secure_delete=ON",
] as const;

/** Milliseconds SQLite waits on a lock held by another process (the migrate CLI, a seed) before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

export interface ResolvedDbConfig {
  kind: DbKind;
  /** For a file: `file:` + an absolute path (plus any query string). */
  url: string;
  /** Remote only. */
  authToken?: string;
  /** File only: the database file's absolute path. */
  filePath?: string;
  /** What `createDb` runs on the connection: FILE_PRAGMAS for a file, nothing for a remote server. */
  pragmas: readonly string[];
}

export interface DbConfig {
  url?: string;
  authToken?: string;
}

const REMOTE_SCHEMES = ["libsql:", "http:", "https:", "ws:", "wss:"];

/**
 * Works out where the database is, from explicit config, then the environment,
 * then the default. Pure (the working directory is a parameter), so a test can
 * prove that remote URLs get the token and no file pragmas.
 * @example resolveDbConfig({ DATABASE_URL: "libsql://x.turso.io", DATABASE_AUTH_TOKEN: "t" })
 *   // { kind: "remote", url: "libsql://x.turso.io", authToken: "t", pragmas: [] }
 */
export function resolveDbConfig(
  env: Record<string, string | undefined> = process.env,
  config: DbConfig = {},
  cwd: string = process.cwd(),
): ResolvedDbConfig {
  // An empty variable (`DATABASE_URL=` in a .env) means "not set", not "the empty path".
  const url = (config.url || env.DATABASE_URL || DEFAULT_DATABASE_URL).trim();
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0].toLowerCase();

  if (scheme === "file:") {
    const [rest = "", query] = url.slice("file:".length).split(/\?(.*)/s);
    // file:///abs and file://localhost/abs are absolute; file:rel is relative to cwd.
    const raw = rest.replace(/^\/\/(localhost)?(?=\/)/, "");
    if (raw === "" || raw.startsWith("//")) throw new Error(`DATABASE_URL: no file path in ${JSON.stringify(url)}`);
    const filePath = path.resolve(cwd, raw);
    return {
      kind: "file",
      url: `file:${filePath}${query ? `?${query}` : ""}`,
      filePath,
      pragmas: FILE_PRAGMAS,
    };
  }
  if (scheme && REMOTE_SCHEMES.includes(scheme)) {
    const authToken = config.authToken || env.DATABASE_AUTH_TOKEN || undefined;
    return { kind: "remote", url, ...(authToken ? { authToken } : {}), pragmas: [] };
  }
  throw new Error(
    `DATABASE_URL must start with file:, libsql:, http(s): or ws(s): — got ${JSON.stringify(url.slice(0, 40))}`,
  );
}

export interface DbHandle {
  db: Db;
  /** For a file, a SerialClient (see serial-client.ts); use it, never a second client on the same file in-process. */
  client: Client;
  kind: DbKind;
  url: string;
  /**
   * Settles once the connection is set up; rejects if it could not be (every
   * query rejects then too). Await it at start-up to fail fast.
   */
  ready: Promise<void>;
}

export interface CreateDbOptions extends DbConfig {
  /** Environment to read DATABASE_URL / DATABASE_AUTH_TOKEN from (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** How long a call may wait behind an open interactive transaction (file only). Default 10 s. */
  lockTimeoutMs?: number;
}

/**
 * Opens the database. Synchronous — no top-level await needed anywhere —
 * because the file connection's pragmas are queued ahead of every call.
 * @example const { db } = createDb({ url: "file:/tmp/x/test.db" });
 */
export function createDb(options: CreateDbOptions = {}): DbHandle {
  const resolved = resolveDbConfig(options.env ?? process.env, options);

  if (resolved.kind === "remote") {
    const client = createClient({ url: resolved.url, authToken: resolved.authToken });
    return { db: drizzle(client, { schema }), client, kind: "remote", url: resolved.url, ready: Promise.resolve() };
  }

  // libSQL cannot create the folder and fails with an opaque ConnectionFailed(14).
  mkdirSync(path.dirname(resolved.filePath!), { recursive: true });
  const inner = createClient({ url: resolved.url, timeout: BUSY_TIMEOUT_MS, concurrency: 1 });
  const client = new SerialClient(inner, {
    lockTimeoutMs: options.lockTimeoutMs ?? 10_000,
    init: async (c) => {
      for (const pragma of resolved.pragmas) await c.execute(pragma);
      const fk = await c.execute("PRAGMA foreign_keys");
      if (Number(fk.rows[0]?.[0]) !== 1) throw new Error("SQLite refused to enable foreign keys on this connection");
      const secureDelete = await c.execute("PRAGMA secure_delete");
      if (Number(secureDelete.rows[0]?.[0]) !== 1) throw new Error("SQLite refused to enable secure_delete on this connection");
    },
  });
  return { db: drizzle(client, { schema }), client, kind: "file", url: resolved.url, ready: client.ready };
}

// Kept on globalThis so Vite's dev server, which re-evaluates modules on every
// change, does not open a new client (and leak the old one) each time.
const globalForDb = globalThis as typeof globalThis & { __kaopingDb?: DbHandle };

/**
 * The process-wide database, opened on first use from the environment.
 * Lazily, because a top-level await (or I/O at import) breaks Vite's client build.
 */
export function getDb(): DbHandle {
  globalForDb.__kaopingDb ??= createDb();
  return globalForDb.__kaopingDb;
}
