import { defineConfig } from "vitest/config";

/** Browser tests: a production server per file, Chromium driven by playwright-core. */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    globalSetup: ["test/e2e/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file starts its own server on its own copy of the demo (test/e2e/app.ts),
    // so two files may run side by side: the suite takes about 60% of the time.
    maxWorkers: 2,
    pool: "forks",
  },
});
