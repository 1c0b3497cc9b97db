// Production runs one server process per CPU core: a Node process runs JavaScript on one core,
// and `pnpm bench` measured lead.list at 813 req/s with one process and 1,128 with two on this
// 2-core machine. The primary owns everything that must happen once (embedded PostgreSQL,
// migrations, seed, the auth secret) and supervises the workers; each worker is a complete
// server (worker.ts) on the shared port. Nothing else changes for more processes: sessions and
// rate limits live in PostgreSQL.
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { describeMail } from "@guild/auth";
import type { ServerEnv } from "./env.ts";
import { createLogger } from "./log.ts";
import {
  banner,
  describeStorage,
  prepareDatabase,
  prepareStorage,
  resolveAuthSecret,
  storageEnv,
} from "./server.ts";

const STOP_TIMEOUT_MS = 15_000;
/** A worker that lived this long was healthy: its death is not part of a crash loop. */
const HEALTHY_UPTIME_MS = 10_000;
/**
 * A worker that dies young is restarted after 1, 2, 4, 8, 16 s (WORKER_RESTART_DELAY_MS doubling);
 * the 6th time in a row: give up.
 */
const MAX_CRASHES_IN_A_ROW = 6;

/** How many server processes to run: one per core in production, one in dev (Vite, HMR). */
export function workerCount(env: ServerEnv, options: { vite?: boolean } = {}): number {
  if (options.vite || env.NODE_ENV !== "production") return 1;
  return env.WEB_CONCURRENCY ?? availableParallelism();
}

export interface ClusterOptions {
  env: ServerEnv;
  workers: number;
  /** Overrides env.PORT; 0 picks a free port (tests, bench). */
  port?: number;
  /**
   * Workers keep crashing (e.g. the database is gone): everything has been stopped; default
   * exits with 1 so the orchestrator sees the failure instead of a primary serving nothing.
   */
  onGiveUp?: () => void;
}

function exited(worker: Worker): Promise<void> {
  if (worker.isDead()) return Promise.resolve();
  return new Promise((resolve) => worker.once("exit", () => resolve()));
}

async function stopWorker(worker: Worker): Promise<void> {
  if (worker.isDead()) return;
  // The worker closes gracefully on SIGTERM (finishes in-flight requests, closes its pool).
  worker.process.kill("SIGTERM");
  const timer = setTimeout(() => worker.process.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited(worker);
  clearTimeout(timer);
}

export async function startCluster(options: ClusterOptions) {
  const { env } = options;
  const log = createLogger(env.LOG_LEVEL, { service: "guild-server", role: "primary" });
  const database = await prepareDatabase(env, log);
  let storage: Awaited<ReturnType<typeof prepareStorage>>;
  try {
    // One embedded S3 server (when S3_URL is unset) for every worker, owned by the primary.
    storage = await prepareStorage(env, log, options.port ?? env.PORT);
  } catch (error) {
    await database.embedded?.stop().catch(() => {});
    throw error;
  }
  const workerEnv = {
    DATABASE_URL: database.databaseUrl,
    // Resolved once: workers generating their own would not accept each other's sessions.
    AUTH_SECRET: await resolveAuthSecret(env),
    PORT: String(options.port ?? env.PORT),
    ...storageEnv(storage.config),
  };
  // Workers run worker.ts whoever started the primary (index.ts, the bench), with the same node
  // flags (heap settings).
  cluster.setupPrimary({ exec: fileURLToPath(new URL("./worker.ts", import.meta.url)) });

  let stopping = false;
  const workers = new Set<Worker>();
  const restarts = new Set<NodeJS.Timeout>();
  /** Each worker slot counts its own crashes in a row, so one slot's loop can't hide behind another. */
  const fork = (slot: { crashesInARow: number }) => {
    const worker = cluster.fork(workerEnv);
    const startedAt = Date.now();
    workers.add(worker);
    worker.once("exit", (code, signal) => {
      workers.delete(worker);
      if (stopping) return;
      const uptimeMs = Date.now() - startedAt;
      slot.crashesInARow = uptimeMs >= HEALTHY_UPTIME_MS ? 0 : slot.crashesInARow + 1;
      if (slot.crashesInARow >= MAX_CRASHES_IN_A_ROW) {
        log.error("a worker keeps crashing: stopping", { worker: worker.id, code, signal });
        void stop().finally(options.onGiveUp ?? (() => process.exit(1)));
        return;
      }
      const restartInMs =
        slot.crashesInARow === 0 ? 0 : env.WORKER_RESTART_DELAY_MS * 2 ** (slot.crashesInARow - 1);
      log.error("worker exited", { worker: worker.id, code, signal, uptimeMs, restartInMs });
      const timer = setTimeout(() => {
        restarts.delete(timer);
        if (!stopping) fork(slot);
      }, restartInMs);
      restarts.add(timer);
    });
    return worker;
  };

  const stop = async () => {
    stopping = true;
    for (const timer of restarts) clearTimeout(timer);
    await Promise.all([...workers].map(stopWorker));
    await storage.embedded?.stop().catch(() => {});
    await database.embedded?.stop();
  };

  let port: number;
  try {
    const ports = await Promise.all(
      Array.from({ length: options.workers }, () => {
        const worker = fork({ crashesInARow: 0 });
        return new Promise<number>((resolve, reject) => {
          let listeningOn: number | null = null;
          worker.once("listening", (address) => {
            listeningOn = address.port;
          });
          // Started once the worker's app is ready (worker.ts), not merely listening: until then
          // it answers 503.
          worker.on("message", (message: unknown) => {
            if (
              typeof message === "object" &&
              message !== null &&
              "type" in message &&
              message.type === "guild:ready" &&
              listeningOn !== null
            )
              resolve(listeningOn);
          });
          worker.once("exit", (code) =>
            reject(new Error(`a worker exited during start (${code})`)),
          );
        });
      }),
    );
    port = ports[0] ?? 0;
  } catch (error) {
    await stop();
    throw error;
  }

  const url = env.BASE_URL ?? `http://localhost:${port}`;
  const mail = describeMail(env.SMTP_URL, env.NODE_ENV === "production");
  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    databaseUrl: database.databaseUrl,
    /** Process ids of the live workers. */
    workerPids: () => [...workers].flatMap((w) => (w.process.pid ? [w.process.pid] : [])),
    close: () => {
      closing ??= (async () => {
        log.info("shutting down: stopping workers");
        await stop();
        log.info("stopped");
      })();
      return closing;
    },
    banner: () =>
      banner({
        url,
        databaseUrl: database.databaseUrl,
        embedded: database.embedded !== null,
        demo: database.demo,
        noAccounts: database.noAccounts,
        mail,
        files: describeStorage(storage.config, storage.embedded !== null),
        workers: options.workers,
      }),
  };
}
