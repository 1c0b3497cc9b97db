import { defineConfig } from "vitest/config";

// The root run: every package's tests share one embedded PostgreSQL (globalSetup) and each test
// file copies the migrated template database, so files run in parallel.
export default defineConfig({
  test: {
    globalSetup: ["./packages/db/src/testing-global-setup.ts"],
    include: [
      "packages/*/src/**/*.test.ts",
      "apps/*/src/**/*.test.ts",
      "examples/*/src/**/*.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
