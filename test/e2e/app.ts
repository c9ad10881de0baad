/**
 * One production server per browser-test file, on its own copy of the demo
 * database and its own port, so no file sees another's writes. The demo is
 * seeded once per run into a template (global-setup.ts); each server starts
 * from a copy of it, so start-up finds the demo and only migrates (a no-op).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
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
  /** Everything the server printed so far (the request log, when KAOPING_LOG is on). */
  output(): string;
  stop(): Promise<void>;
}

export { spawnServer };

let current: App | undefined;

/** The app this file started last: `newContext` opens its pages there. */
export function currentApp(): App {
  if (!current) throw new Error("call startApp() in beforeAll first");
  return current;
}

/** A server on a fresh copy of the seeded demo database; stop it in afterAll. */
export async function startApp({ env = {} }: { env?: Record<string, string> } = {}): Promise<App> {
  const dir = mkdtempSync(path.join(tmpdir(), "kaoping-e2e-"));
  const file = path.join(dir, "e2e.db");
  const template = inject("templateDb");
  copyFileSync(template, file);
  if (existsSync(`${template}-wal`)) copyFileSync(`${template}-wal`, `${file}-wal`);
  const databaseUrl = `file:${file}`;
  const { port, child, output } = await spawnServer(databaseUrl, env);
  const app: App = {
    baseURL: `http://localhost:${port}`,
    port,
    pid: child.pid ?? 0,
    databaseUrl,
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
