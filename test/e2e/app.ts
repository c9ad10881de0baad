/**
 * One production server per browser-test file, on its own copy of the demo
 * database, its own copy of the demo's uploads folder and its own port, so no
 * file sees another's writes. The demo is seeded once per run into a template
 * (global-setup.ts); each server starts from a copy of it, so start-up finds
 * the demo and only migrates (a no-op).
 *
 * Every server runs on the same fixed day as the seed (`E2E_CLOCK`): the demo
 * and every quarter state are counted from today, so a test that depended on
 * the real date would pass on some days and fail on others.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { spawnServer } from "../helpers/server-process";

export interface App {
  /** `http://localhost:<port>` */
  baseURL: string;
  port: number;
  /** The server process's id (a test may read its memory from /proc). */
  pid: number;
  databaseUrl: string;
  /** This server's own uploads folder (KAOPING_UPLOADS), a copy of the demo's. */
  uploadsDir: string;
  /** Everything the server printed so far (the request log, when KAOPING_LOG is on). */
  output(): string;
  stop(): Promise<void>;
}

export { spawnServer };

/**
 * The instant the seed and every test server start their clock at
 * (`KAOPING_CLOCK`): a Wednesday in the middle of a quarter, 10:00 in Shanghai.
 */
export const E2E_CLOCK = "2026-11-18T10:00:00+08:00";

/** The demo's "today" under {@link E2E_CLOCK}, a day in Asia/Shanghai. */
export const E2E_TODAY = E2E_CLOCK.slice(0, 10);

/** The calendar day `n` days after `day` ("YYYY-MM-DD"; n may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

let current: App | undefined;

/** The app this file started last: `newContext` opens its pages there. */
export function currentApp(): App {
  if (!current) throw new Error("call startApp() in beforeAll first");
  return current;
}

/**
 * A server on a fresh copy of the seeded demo database and uploads folder, its
 * clock at {@link E2E_CLOCK}; `env` adds or overrides variables (another
 * `KAOPING_CLOCK`, say). Stop it in afterAll.
 */
export async function startApp({ env = {} }: { env?: Record<string, string> } = {}): Promise<App> {
  const dir = mkdtempSync(path.join(tmpdir(), "kaoping-e2e-"));
  const file = path.join(dir, "e2e.db");
  const template = inject("templateDb");
  copyFileSync(template, file);
  if (existsSync(`${template}-wal`)) copyFileSync(`${template}-wal`, `${file}-wal`);
  const uploads = path.join(dir, "uploads");
  const templateUploads = inject("templateUploads");
  if (existsSync(templateUploads)) cpSync(templateUploads, uploads, { recursive: true });
  else mkdirSync(uploads);
  const databaseUrl = `file:${file}`;
  const { port, child, output } = await spawnServer(databaseUrl, { KAOPING_CLOCK: E2E_CLOCK, KAOPING_UPLOADS: uploads, ...env });
  const app: App = {
    baseURL: `http://localhost:${port}`,
    port,
    pid: child.pid ?? 0,
    databaseUrl,
    uploadsDir: uploads,
    output,
    async stop() {
      if (current === app) current = undefined;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  current = app;
  return app;
}
