import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { E2E_CLOCK, spawnServer } from "./app";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated database with the demo organisation, copied by each file's `startApp()`. */
    templateDb: string;
    /** The demo's uploads folder (its photos), copied by each file's `startApp()`. */
    templateUploads: string;
  }
}

/**
 * Seeds the demo once per run into a template database and uploads folder by
 * starting the production server (built by `npm test`) on them, its clock at
 * `E2E_CLOCK`, and stopping it again; each test file then starts its own
 * server on copies, at the same clock (test/e2e/app.ts).
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "kaoping-e2e-template-"));
  const file = path.join(dir, "template.db");
  const uploads = path.join(dir, "uploads");
  const { child } = await spawnServer(`file:${file}`, { KAOPING_CLOCK: E2E_CLOCK, KAOPING_UPLOADS: uploads });
  await new Promise((resolve) => {
    child.once("exit", resolve);
    child.kill("SIGTERM");
  });
  project.provide("templateDb", file);
  project.provide("templateUploads", uploads);
  return () => rmSync(dir, { recursive: true, force: true });
}
