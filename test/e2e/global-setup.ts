import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { spawnServer } from "./app";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated database with the demo organisation, copied by each file's `startApp()`. */
    templateDb: string;
  }
}

/**
 * Seeds the demo once per run into a template database by starting the
 * production server (built by `npm test`) on it and stopping it again; each
 * test file then starts its own server on a copy (test/e2e/app.ts).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "kaoping-e2e-template-"));
  const file = path.join(dir, "template.db");
  const { child } = await spawnServer(`file:${file}`);
  await new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
  project.provide("templateDb", file);
  return () => rmSync(dir, { recursive: true, force: true });
}
