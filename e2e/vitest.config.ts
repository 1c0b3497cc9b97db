import { defineConfig } from "vitest/config";

// Browser tests against one server (built SPA) and one throwaway PostgreSQL started in
// globalSetup. Not part of the root `vitest run`: `pnpm test` runs them as their own step.
export default defineConfig({
  test: {
    globalSetup: ["./support/global-setup.ts"],
    include: ["tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
  },
});
