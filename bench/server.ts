/**
 * Shared set-up for benchmarks that need the production server: a fresh build
 * when the sources changed, a free port, and `server.ts` started on a database
 * in a temp folder (as test/e2e/global-setup.ts does).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, spawnServer } from "../test/helpers/server-process";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the app unless build/ is newer than the sources and the build config (BENCH_SKIP_BUILD=1 skips the check). */
export function ensureBuild(who: string): void {
  const server = path.join(root, "build/server/index.js");
  const sources = Math.max(
    ...["app", "db", "scoring", "domain"].filter((d) => existsSync(path.join(root, d))).map((d) => newestMtime(path.join(root, d))),
    ...["vite.config.ts", "remix.config.js", "package-lock.json"].map((f) => statSync(path.join(root, f)).mtimeMs),
  );
  if (process.env.BENCH_SKIP_BUILD === "1") return;
  if (existsSync(server) && statSync(server).mtimeMs >= sources) return;
  console.log(`${who}: building (remix vite:build)…`);
  const r = spawnSync("npx", ["remix", "vite:build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error(`${who}: the build failed`);
}

export { freePort };

export interface RunningServer {
  baseURL: string;
  /** The `file:` URL of the server's database (the demo organisation, unless env says otherwise). */
  databaseUrl: string;
  stop(): Promise<void>;
}

/** Starts `server.ts` (production build) on a fresh database; by default it migrates and seeds the demo. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kaoping-bench-"));
  const databaseUrl = `file:${path.join(dir, "bench.db")}`;
  const { port, child } = await spawnServer(databaseUrl, env);
  return {
    baseURL: `http://127.0.0.1:${port}`,
    databaseUrl,
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
