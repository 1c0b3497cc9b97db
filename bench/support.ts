// What the benches that start servers share (run.ts, community.ts, learning.ts, webhooks.ts):
// their teardown, the Guild production server started as `pnpm start` runs it, the PostgreSQL
// postmaster whose backends' CPU they count, one target's measurement under load, signing in and
// tRPC query URLs, the statements a service sends (for raw SQL twins), and how they print.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type MemberActor, type TenantScope, withTenant } from "@guild/db";
import type { createTestDatabase } from "@guild/db/testing";
import autocannon from "autocannon";
import type postgres from "postgres";
import { childPids, cpuMs } from "./cpu.ts";
import { type BenchServer, startServerProcess } from "./processes.ts";

const repoRoot = fileURLToPath(new URL("../", import.meta.url));

export function step(message: string) {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

export function fmt(n: number, digits = 0) {
  return n.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function percentile(values: number[], p: number) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export interface Teardown {
  /** Runs at the end, last added first. */
  add(fn: () => Promise<unknown>): void;
  /** Runs every step once, however often it is called. */
  cleanUp(): Promise<void>;
  /** Says why, cleans up and exits with `code`. */
  abort(reason: string, code: number): void;
}

/**
 * The bench's throwaway database, servers and directories, torn down at the end, on Ctrl-C or
 * SIGTERM, or when `timeLimitMs` has passed, so a bench never leaves a process behind.
 */
export function teardownOnExit(timeLimitMs: number): Teardown {
  const steps: Array<() => Promise<unknown>> = [];
  let cleaning: Promise<void> | null = null;
  const cleanUp = () => {
    cleaning ??= (async () => {
      // After Ctrl-C the terminal has signalled PostgreSQL too: a failed step is reported, not fatal.
      for (const fn of steps.reverse())
        await fn().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
    })();
    return cleaning;
  };
  const abort = (reason: string, code: number) => {
    console.error(`\nbench: ${reason}; cleaning up`);
    void cleanUp().finally(() => process.exit(code));
  };
  process.once("SIGINT", () => abort("interrupted", 130));
  process.once("SIGTERM", () => abort("terminated", 143));
  setTimeout(() => abort(`time limit of ${timeLimitMs / 1000} s reached`, 2), timeLimitMs).unref();
  return { add: (fn) => steps.push(fn), cleanUp, abort };
}

/** The cluster's postmaster, whose children are the backends serving every pool. */
export async function postmasterPid(sql: postgres.Sql) {
  const [row] = await sql<[{ setting: string }]>`
    select setting from pg_settings where name = 'data_directory'`;
  if (!row) throw new Error("no data_directory");
  const pidLine = (await readFile(join(row.setting, "postmaster.pid"), "utf8")).split("\n")[0];
  return Number(pidLine);
}

/** Forks bench/servers/<script> and stops it at teardown. */
export async function startBenchServer(
  teardown: Teardown,
  name: string,
  script: string,
  env: Record<string, string> = {},
  execArgv: string[] = [],
): Promise<BenchServer> {
  const server = await startServerProcess({
    name,
    script: join(repoRoot, "bench/servers", script),
    env,
    execArgv,
  });
  teardown.add(() => server.stop());
  return server;
}

/**
 * The Guild production server (bench/servers/guild.ts) on `databaseUrl`, with the node flags of
 * apps/server's `start` script and its processes (one per core, or `workers`), so the bench
 * measures what production runs; its embedded S3 keeps files in `dataDir`. `profileDir` adds
 * --cpu-prof (one profile per thread, written as the processes exit); `env` adds to or overrides
 * the server's environment.
 */
export function startGuildServer(
  teardown: Teardown,
  options: {
    databaseUrl: string;
    dataDir: string;
    workers?: string | undefined;
    profileDir?: string | null;
    env?: Record<string, string>;
  },
): Promise<BenchServer> {
  return startBenchServer(
    teardown,
    "Guild",
    "guild.ts",
    {
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      GUILD_DATA_DIR: options.dataDir,
      EMBEDDED_S3_PORT: "0",
      HOST: "127.0.0.1",
      AUTH_SECRET: randomBytes(32).toString("hex"),
      GUILD_DISABLE_RATE_LIMIT: "true",
      LOG_LEVEL: "silent",
      ...(options.workers ? { WEB_CONCURRENCY: options.workers } : {}),
      ...options.env,
    },
    [
      "--max-semi-space-size=64",
      ...(options.profileDir ? ["--cpu-prof", "--cpu-prof-dir", options.profileDir] : []),
    ],
  );
}

/**
 * The Guild server's environment for benches that sign in as the demo's people (password
 * "guild-demo-1234"): NODE_ENV test seeds the demo organization at boot; one process on 127.0.0.1.
 */
export function demoServerEnv(databaseUrl: string): Record<string, string> {
  return {
    NODE_ENV: "test",
    WEB_CONCURRENCY: "1",
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret-00",
    LOG_LEVEL: "warn",
    GUILD_DISABLE_RATE_LIMIT: "true",
  };
}

/** How hard a target is driven: open connections, then seconds of warm-up and of measuring. */
export interface LoadShape {
  connections: number;
  warmupS: number;
  durationS: number;
}

/**
 * One target under autocannon: a warm-up, then the measured run, with the CPU milliseconds per
 * request spent in the server's processes (a cluster's workers are its children) and in
 * PostgreSQL's backends.
 */
export async function measureTarget(
  target: { url: string; server: Pick<BenchServer, "pid">; headers?: Record<string, string> },
  postmaster: number,
  load: LoadShape,
) {
  const options = {
    url: target.url,
    connections: load.connections,
    headers: target.headers ?? {},
    timeout: 10,
  };
  await autocannon({ ...options, duration: load.warmupS });
  const backends = childPids(postmaster);
  const serverPids = [target.server.pid, ...childPids(target.server.pid)];
  const before = { server: cpuMs(serverPids), postgres: cpuMs(backends) };
  const result = await autocannon({ ...options, duration: load.durationS });
  const requests = Math.max(1, result.requests.total);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    serverCpuMs: (cpuMs(serverPids) - before.server) / requests,
    postgresCpuMs: (cpuMs(backends) - before.postgres) / requests,
  };
}

/** A tRPC query's URL, as the web app sends it (GET, the input as `{"json": …}`). */
export function trpcUrl(base: string, path: string, input: Record<string, unknown>) {
  return `${base}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
}

/** Signs in by email and password; answers the session cookie header. */
export async function signIn(
  server: BenchServer,
  credentials: { email: string; password: string },
): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: `http://localhost:${server.port}` },
    body: JSON.stringify(credentials),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (response.status !== 200 || !cookie)
    throw new Error(`sign-in failed (${response.status}): ${await response.text()}`);
  return cookie;
}

export interface Statement {
  text: string;
  parameters: Array<string | number | boolean | null>;
}

/**
 * The statements a service call sends inside its tenant transaction, read off the wire: what a
 * raw SQL twin (bench/servers/raw-statements.ts) sends again.
 */
export async function captureStatements(
  database: Awaited<ReturnType<typeof createTestDatabase>>,
  organizationId: string,
  actor: MemberActor,
  service: (scope: TenantScope) => Promise<unknown>,
): Promise<Statement[]> {
  const sent: Statement[] = [];
  database.sql.options.debug = (_connection: number, text: string, parameters: unknown[]) => {
    const values = parameters.map((p) => {
      if (p === null || typeof p === "string" || typeof p === "number" || typeof p === "boolean")
        return p;
      throw new Error(`unexpected parameter ${String(p)}`);
    });
    sent.push({ text, parameters: values });
  };
  try {
    await withTenant(database.db, { organizationId, actor }, service);
  } finally {
    database.sql.options.debug = false;
  }
  // The transaction's own statements (BEGIN, the tenant settings, COMMIT) are not the endpoint's.
  return sent.filter(
    (s) =>
      !/^\s*(begin|commit|rollback)\s*$/i.test(s.text) && !s.text.includes("set_config('role'"),
  );
}
