// What the benches that start servers share (run.ts, community.ts, learning.ts, webhooks.ts):
// their teardown, the Guild production server started as `pnpm start` runs it, the PostgreSQL
// postmaster whose backends' CPU they count, one target's measurement under load, signing in and
// tRPC query URLs, the statements a service sends (for raw SQL twins), and how they print.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type MemberActor, type TenantScope, withTenant } from "@guild/db";
import { createTestDatabase, startTestCluster } from "@guild/db/testing";
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

/** A throwaway embedded PostgreSQL cluster and a migrated database in it, gone at teardown. */
export async function startThrowawayDatabase(teardown: Teardown) {
  step("starting embedded PostgreSQL (throwaway) and migrating");
  const cluster = await startTestCluster();
  teardown.add(() => cluster.stop());
  const database = await createTestDatabase(cluster.url);
  teardown.add(() => database.drop());
  return database;
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

/** One target's figures under load, as the benches with raw SQL twins print them. */
export interface MeasuredTarget {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Non-2xx responses and errors. */
  failed: number;
  serverCpuMs: number;
  postgresCpuMs: number;
}

export const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");

/**
 * The figures of each target and its raw SQL twin (`raw_<name>`), as table lines, and the
 * verdicts: the ratio to the twin (judged against `vsRaw` when given) and p99 against its ceiling.
 */
export function twinTable(
  results: ReadonlyMap<string, MeasuredTarget>,
  targets: ReadonlyArray<{ name: string; vsRaw: number | null; p99Ms: number }>,
) {
  const row = (r: MeasuredTarget) =>
    `  ${r.name.padEnd(20)} ${fmt(r.requestsPerSecond).padStart(7)} ${`${fmt(r.p50)} ms`.padStart(8)} ${`${fmt(r.p99)} ms`.padStart(8)} ${String(r.failed).padStart(7)} ${fmt(r.serverCpuMs, 2).padStart(11)} ${fmt(r.postgresCpuMs, 2).padStart(7)}`;
  const lines = [
    `  ${"target".padEnd(20)} ${"req/s".padStart(7)} ${"p50".padStart(8)} ${"p99".padStart(8)} ${"failed".padStart(7)} ${"server cpu".padStart(11)} ${"pg cpu".padStart(7)}`,
  ];
  const verdicts: string[] = [];
  for (const target of targets) {
    const app = results.get(target.name);
    const raw = results.get(`raw_${target.name}`);
    if (app) lines.push(row(app));
    if (raw) lines.push(row(raw));
    if (!app) continue;
    if (raw) {
      const ratio = app.requestsPerSecond / raw.requestsPerSecond;
      const cpu = app.serverCpuMs / raw.serverCpuMs;
      verdicts.push(
        `  ${`${target.name} / raw`.padEnd(26)} ${fmt(ratio, 2).padStart(5)} x req/s, ${fmt(cpu, 1)} x server cpu` +
          (target.vsRaw === null
            ? ""
            : `   target >= ${target.vsRaw}  ${verdict(ratio >= target.vsRaw)}`),
      );
    }
    verdicts.push(
      `  ${`${target.name} p99`.padEnd(26)} ${`${fmt(app.p99)} ms`.padStart(8)}   target <= ${target.p99Ms} ms  ${verdict(app.p99 <= target.p99Ms)}`,
    );
  }
  lines.push(
    "",
    "  (cpu: milliseconds of CPU per request in the server's processes and in PostgreSQL's backends;",
    "   raw_*: node:http + postgres.js sending the same statements, no framework, session, transaction or RLS)",
  );
  return { lines, verdicts };
}

/** A report's last lines: a busy machine, failed requests (figures not valid), the total time. */
export function reportTail(
  results: Iterable<MeasuredTarget>,
  busy: { loadAverage: number; when: string },
  started: number,
) {
  const failed = [...results].filter((r) => r.failed > 0);
  return {
    valid: failed.length === 0,
    lines: [
      ...(busy.loadAverage > cpus().length / 2
        ? ["", `  note: the machine was busy ${busy.when}; req/s and latency are noisy`]
        : []),
      ...(failed.length
        ? [
            "",
            `  FAILED REQUESTS in ${failed.map((r) => r.name).join(", ")}: figures are not valid`,
          ]
        : []),
      "",
      `  (total ${fmt((Date.now() - started) / 1000)} s)`,
    ],
  };
}
