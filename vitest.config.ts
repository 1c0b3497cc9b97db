import { defineConfig } from "vitest/config";

// The root run: every package's tests share one embedded PostgreSQL and one embedded S3 server
// (globalSetup); each test file copies the migrated template database and makes its own bucket,
// so files run in parallel.
export default defineConfig({
  test: {
    globalSetup: [
      "./packages/db/src/testing-global-setup.ts",
      "./packages/storage/src/testing-global-setup.ts",
    ],
    include: [
      "packages/*/src/**/*.test.ts",
      "apps/*/src/**/*.test.ts",
      "apps/web/build/*.test.ts",
      "examples/*/src/**/*.test.ts",
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Test files share each worker's module graph instead of importing drizzle, better-auth, the
    // S3 SDK and graphile-worker again per file: import was half of the run's CPU (8 API files:
    // 49.6 s of user CPU isolated, 27.7 s not, same run). Files share no state through modules:
    // each makes its own database, bucket, deps and clock.
    isolate: false,
  },
});
