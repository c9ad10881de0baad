/**
 * A libSQL client for an embedded file that runs every call, one at a time,
 * on a single connection whose pragmas were set before its first use.
 *
 * Why (measured with @libsql/client 0.18.0, libsql 0.5.29 — see
 * test/integration/db-client.test.ts):
 * - The file client keeps a pool (default 20 connections). A call borrows a
 *   connection across an `await`, so two calls started together — a
 *   `Promise.all`, Remix's parallel loaders — or any call while an interactive
 *   transaction is open gets a NEW connection. Per-connection pragmas set on
 *   the first one are absent there: `synchronous` is back to FULL.
 *   (`foreign_keys` happens to be ON by default in this libsql build, and the
 *   busy timeout comes from `createClient({ timeout })`, but nothing else carries over.)
 * - libSQL executes statements synchronously, so extra connections buy no
 *   parallelism inside one process; they only let a second writer meet
 *   SQLITE_BUSY and freeze the event loop for the busy timeout.
 *
 * So: the pool is capped at one connection (`concurrency: 1`), initialised
 * once, and a FIFO lock in front of it queues calls — an interactive
 * transaction holds the lock until it commits or rolls back, and others wait
 * (asynchronously) instead of failing with TRANSACTION_ACTIVE or SQLITE_BUSY.
 * The price: code that uses `db` instead of `tx` inside `db.transaction()`
 * would wait for itself; that wait ends with a LockTimeoutError naming the cause.
 * Keep transactions to their own statements (prefer `db.batch`).
 */
import type { Client, InArgs, InStatement, Replicated, ResultSet, Transaction, TransactionMode } from "@libsql/client";

export class LockTimeoutError extends Error {
  override name = "LockTimeoutError";
}

type Release = () => void;

/** A first-in-first-out async mutex with a bounded wait. */
class FifoLock {
  #tail: Promise<void> = Promise.resolve();
  #queued = 0;

  acquire(timeoutMs: number, what: string): Promise<Release> {
    let open!: () => void;
    const mine = new Promise<void>((resolve) => (open = resolve));
    const previous = this.#tail;
    this.#tail = previous.then(() => mine);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.#queued--;
      open();
    };
    const uncontended = this.#queued === 0;
    this.#queued++;
    if (uncontended) return previous.then(() => release);

    return new Promise<Release>((resolve, reject) => {
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        reject(
          new LockTimeoutError(
            `${what} waited ${timeoutMs} ms for the database: a transaction is still open. ` +
              "Is `db` used instead of `tx` inside `db.transaction()`, or does a transaction await slow work?",
          ),
        );
      }, timeoutMs);
      timer.unref?.();
      void previous.then(() => {
        if (timedOut) return release(); // our turn came too late: pass it on at once
        clearTimeout(timer);
        resolve(release);
      });
    });
  }
}

export interface SerialClientOptions {
  /** Runs on the connection before any other call, and again after `reconnect()`. */
  init: (client: Client) => Promise<void>;
  /** How long a call may wait behind an open transaction. */
  lockTimeoutMs: number;
}

export class SerialClient implements Client {
  readonly #inner: Client;
  readonly #lock = new FifoLock();
  readonly #options: SerialClientOptions;
  #ready!: Promise<void>;

  /** `inner` must be a file client created with `concurrency: 1`. */
  constructor(inner: Client, options: SerialClientOptions) {
    this.#inner = inner;
    this.#options = options;
    this.#initialise();
  }

  /** Settles when the connection's pragmas are set; rejects if they could not be. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  get closed(): boolean {
    return this.#inner.closed;
  }

  get protocol(): string {
    return this.#inner.protocol;
  }

  #initialise(): void {
    // Queued first, so no call can reach the connection before its pragmas.
    this.#ready = this.#lock.acquire(this.#options.lockTimeoutMs, "initialise").then(async (release) => {
      try {
        await this.#options.init(this.#inner);
      } finally {
        release();
      }
    });
    // Callers see the failure through `ready` and every later call; don't also crash on "unhandled".
    this.#ready.catch(() => {});
  }

  async #run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    const release = await this.#lock.acquire(this.#options.lockTimeoutMs, what);
    try {
      await this.#ready;
      return await fn();
    } finally {
      release();
    }
  }

  execute(stmt: InStatement): Promise<ResultSet>;
  execute(sql: string, args?: InArgs): Promise<ResultSet>;
  execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
    return this.#run("execute", () =>
      typeof stmtOrSql === "string" ? this.#inner.execute(stmtOrSql, args) : this.#inner.execute(stmtOrSql),
    );
  }

  batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
    return this.#run("batch", () => this.#inner.batch(stmts, mode));
  }

  migrate(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#run("migrate", () => this.#inner.migrate(stmts));
  }

  executeMultiple(sql: string): Promise<void> {
    return this.#run("executeMultiple", () => this.#inner.executeMultiple(sql));
  }

  sync(): Promise<Replicated> {
    return this.#run("sync", () => this.#inner.sync());
  }

  async transaction(mode: TransactionMode = "write"): Promise<Transaction> {
    const release = await this.#lock.acquire(this.#options.lockTimeoutMs, "transaction");
    try {
      await this.#ready;
      const tx = await this.#inner.transaction(mode);
      return new LockedTransaction(tx, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  close(): void {
    this.#inner.close();
  }

  reconnect(): void {
    // The pool reopens with a fresh connection that has none of our pragmas.
    void this.#inner.reconnect();
    this.#initialise();
  }
}

/** An interactive transaction that gives the client's lock back when it ends, however it ends. */
class LockedTransaction implements Transaction {
  readonly #tx: Transaction;
  readonly #release: Release;

  constructor(tx: Transaction, release: Release) {
    this.#tx = tx;
    this.#release = release;
  }

  get closed(): boolean {
    return this.#tx.closed;
  }

  execute(stmt: InStatement): Promise<ResultSet> {
    return this.#tx.execute(stmt);
  }

  batch(stmts: InStatement[]): Promise<ResultSet[]> {
    return this.#tx.batch(stmts);
  }

  executeMultiple(sql: string): Promise<void> {
    return this.#tx.executeMultiple(sql);
  }

  async commit(): Promise<void> {
    try {
      await this.#tx.commit();
    } finally {
      this.#release();
    }
  }

  async rollback(): Promise<void> {
    try {
      await this.#tx.rollback();
    } finally {
      this.#release();
    }
  }

  close(): void {
    try {
      this.#tx.close();
    } finally {
      this.#release();
    }
  }
}
