/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

// Vitest also reads this file; the Remix plugin only belongs to dev and build.
const underVitest = process.env.VITEST !== undefined;

/**
 * Text chunks (app/i18n/locales/**, loaded on demand by app/i18n/client.ts) are
 * named `texts-<file>-<hash>.js`, so tests and the weight bench can tell them
 * from code chunks of the same name (survey-page, survey.css…).
 */
function chunkFileNames(chunk: { facadeModuleId: string | null }): string {
  return chunk.facadeModuleId?.includes("/app/i18n/locales/") ? "assets/texts-[name]-[hash].js" : "assets/[name]-[hash].js";
}

export default defineConfig({
  server: { port: 3000 },
  build: { rollupOptions: { output: { chunkFileNames } } },
  plugins: [...(underVitest ? [] : [remix(remixConfig)]), tsconfigPaths()],
  test: {
    include: ["scoring/**/*.test.ts", "domain/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "seed/**/*.test.ts", "test/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Vitest's default is one worker fewer than the cores: one, on the 2-core machines
    // here. Each file has its own database, so two at a time is safe and nearly halves the run.
    maxWorkers: 2,
  },
});
