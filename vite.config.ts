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

export default defineConfig({
  server: { port: 3000 },
  plugins: [...(underVitest ? [] : [remix(remixConfig)]), tsconfigPaths()],
  test: {
    include: ["scoring/**/*.test.ts", "domain/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "seed/**/*.test.ts", "test/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
