import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@guild/db/embedded";
import { createTestDatabase, startTestCluster } from "@guild/db/testing";
import { S3RVER_CREDENTIALS } from "@guild/storage";
import { startEmbeddedS3 } from "@guild/storage/embedded";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Origin of the Guild server under test, e.g. http://127.0.0.1:41234. */
    baseURL: string;
    /** Its database, for the operator's commands a test runs (pnpm db:setup-admin). */
    databaseUrl: string;
  }
}

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const webDir = join(repoRoot, "apps/web");
const serverDir = join(repoRoot, "apps/server");

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds the SPA when dist/ is missing or older than its sources, so a stale build never passes. */
function ensureWebBuilt() {
  const built = join(webDir, "dist/index.html");
  const sources = ["src", "build", "index.html", "vite.config.ts", "package.json"]
    .map((p) => join(webDir, p))
    .filter((p) => existsSync(p));
  const sourceTime = Math.max(...sources.map(newestMtime));
  if (existsSync(built) && statSync(built).mtimeMs >= sourceTime) return;
  process.stdout.write("e2e: building apps/web (dist missing or stale)\n");
  const result = spawnSync("pnpm", ["--filter", "@guild/web", "build"], {
    cwd: repoRoot,
    stdio: "inherit",
    // vitest sets NODE_ENV=test, which Vite would keep: React's development build would be
    // bundled and the e2e tests would not drive what `pnpm build` ships.
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`web build failed (exit ${result.status})`);
}

async function waitForHealthy(url: string, server: ChildProcess, output: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null)
      throw new Error(`server exited with ${server.exitCode} before it was healthy:\n${output()}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not healthy after 60 s:\n${output()}`);
}

/**
 * One throwaway PostgreSQL cluster, one S3 server and one production-like server (built SPA, no
 * Vite) for the whole e2e run. NODE_ENV=test keeps the dev mailbox on, which is how the tests
 * follow mail links. The S3 server's bucket lets the app's origin upload, as an operator would
 * configure a real store.
 */
export default async function setup(project: TestProject) {
  rmSync(join(repoRoot, "e2e/test-results"), { recursive: true, force: true });
  ensureWebBuilt();
  const cluster = await startTestCluster();
  const database = await createTestDatabase(cluster.url);
  await database.sql.end();

  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const s3Dir = mkdtempSync(join(tmpdir(), "guild-e2e-s3-"));
  const s3 = await startEmbeddedS3({ directory: s3Dir, buckets: ["guild"], origins: [baseURL] });
  let log = "";
  const server = spawn(process.execPath, ["src/index.ts"], {
    cwd: serverDir,
    env: {
      ...process.env,
      NODE_ENV: "test",
      HOST: "127.0.0.1",
      PORT: String(port),
      BASE_URL: baseURL,
      DATABASE_URL: database.url,
      S3_URL: s3.url,
      S3_BUCKET: "guild",
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
      LOG_LEVEL: "warn",
      // Every browser test signs up from 127.0.0.1, and better-auth allows 10 sign-ups a minute
      // per address: with the files running in parallel, the later ones (two-factor,
      // delete-account) were refused and timed out on the sign-up form. The limits themselves
      // are tested against a real server in apps/server (abuse.test.ts).
      GUILD_DISABLE_RATE_LIMIT: "true",
      // A clock the tests move with POST /dev/clock (and the jobs it has queued): a task reminder
      // due in minutes arrives without waiting. Only task-reminder.test.ts moves it, by minutes.
      GUILD_TEST_CLOCK: "true",
      // Each organization's Stripe customer is on a test clock of its own, which only its test
      // advances (billing-past-due.test.ts): the files share this server and its stand-in.
      STRIPE_STAND_IN_CLOCKS: "per-customer",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  server.stdout?.on("data", keep);
  server.stderr?.on("data", keep);

  const stop = async () => {
    if (server.exitCode === null) {
      const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
      server.kill("SIGTERM");
      const timeout = setTimeout(() => server.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timeout);
    }
    await cluster.stop();
    await s3.stop();
    rmSync(s3Dir, { recursive: true, force: true });
  };

  try {
    await waitForHealthy(baseURL, server, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide("baseURL", baseURL);
  project.provide("databaseUrl", database.url);

  return async () => {
    await stop();
    if (process.env.E2E_SERVER_LOG) process.stdout.write(log);
  };
}
