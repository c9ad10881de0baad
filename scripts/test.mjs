#!/usr/bin/env node
/**
 * `npm test`: typecheck, lint, unit + integration tests, then the browser tests
 * against a production build. Browser tests never skip: when no Chromium is
 * found we install Debian's `chromium` and `fonts-noto-cjk` (as root), and
 * `poppler-utils` when `pdffonts` / `pdfinfo` are missing (the dossier's PDF
 * test reads its pages and fonts with them), or stop with instructions.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const onlyE2e = process.argv.includes("--only-e2e");

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`\n✗ ${label} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

/**
 * Runs checks side by side (typecheck and lint each use about one core),
 * printing each one's output whole when it ends so they do not interleave.
 */
async function runTogether(checks) {
  const results = await Promise.all(
    checks.map(
      ({ label, command, args }) =>
        new Promise((resolve) => {
          const child = spawn(command, args, { env: process.env });
          let output = "";
          child.stdout.on("data", (chunk) => (output += chunk));
          child.stderr.on("data", (chunk) => (output += chunk));
          child.on("close", (status, signal) => resolve({ label, command, args, output, status, signal }));
        }),
    ),
  );
  for (const { label, command, args, output } of results) console.log(`\n▶ ${label}: ${command} ${args.join(" ")}\n${output}`);
  const failed = results.find((r) => r.status !== 0);
  if (failed) {
    console.error(`\n✗ ${failed.label} failed (exit ${failed.status ?? failed.signal}).`);
    process.exit(failed.status || 1);
  }
}

function commandOk(command, args) {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p) => p && existsSync(p));
}

function hasCjkFont() {
  // "install ok installed" only: a removed package can leave its status behind.
  const status = spawnSync("dpkg-query", ["-W", "-f=${Status}", "fonts-noto-cjk"], { encoding: "utf8" }).stdout ?? "";
  return status.includes("install ok installed") || Boolean(spawnSync("fc-list", [":lang=zh"], { encoding: "utf8" }).stdout?.trim());
}

/** `pdffonts` and `pdfinfo` (Debian's poppler-utils) on PATH. */
function hasPoppler() {
  return commandOk("pdffonts", ["-v"]) && commandOk("pdfinfo", ["-v"]);
}

function ensureBrowser() {
  let chromium = findChromium();
  const missing = [];
  if (!chromium) missing.push("chromium");
  if (!hasCjkFont()) missing.push("fonts-noto-cjk");
  if (!hasPoppler()) missing.push("poppler-utils");
  if (missing.length > 0) {
    const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
    if (isRoot && commandOk("which", ["apt-get"])) {
      console.log(`\nInstalling ${missing.join(" ")} with apt-get for the browser tests…`);
      run("apt-get update", "apt-get", ["update", "-qq"]);
      run("apt-get install", "apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], {
        DEBIAN_FRONTEND: "noninteractive",
      });
      chromium = findChromium();
    }
  }
  if (!chromium) {
    console.error(
      "\n✗ The browser tests need Chromium and were not skipped.\n" +
        "  Install it with: sudo apt-get install chromium fonts-noto-cjk poppler-utils\n" +
        "  or point CHROMIUM_PATH at a Chromium or Chrome binary, then run npm test again.",
    );
    process.exit(1);
  }
  if (!hasPoppler()) {
    console.error(
      "\n✗ The browser tests need pdffonts and pdfinfo (the dossier's PDF is checked with them) and were not skipped.\n" +
        "  Install them with: sudo apt-get install poppler-utils, then run npm test again.",
    );
    process.exit(1);
  }
  return chromium;
}

// Each vitest run also writes a JSON report, so the closing line can count every test.
const reports = mkdtempSync(path.join(tmpdir(), "kaoping-test-"));
const counted = [];
function vitest(label, args, env) {
  const file = path.join(reports, `${counted.length}.json`);
  run(label, "npx", ["vitest", "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${file}`], env);
  counted.push(file);
}

if (!onlyE2e) {
  await runTogether([
    { label: "typecheck", command: "npx", args: ["tsc", "--noEmit"] },
    { label: "lint", command: "npx", args: ["eslint", ".", "--max-warnings", "0"] },
  ]);
  vitest("unit and integration tests", []);
}
const chromium = ensureBrowser();
run("production build", "npx", ["remix", "vite:build"]);
vitest("browser tests", ["--config", "vitest.e2e.config.ts"], { CHROMIUM_PATH: chromium });

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of counted) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
if (passed === 0) {
  console.error("\n✗ No test ran.");
  process.exit(1);
}
console.log("\n✓ All checks passed.");
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
