// The job runner: graphile-worker with our own pg pool, started by the server (once per
// instance) and by tests. Handlers of tenant tasks run in withTenant for the job's organization
// as the system actor; the task name is the actor's reason, so it reaches the activity log.
import { asSystem, withTenant } from "@guild/db";
import {
  type CronItem,
  type JobHelpers,
  Logger,
  parseCronItems,
  type Runner,
  run,
  runOnce,
  type Task,
  type TaskList,
} from "graphile-worker";
import pg from "pg";
import { z } from "zod";
import type { AnyTask, JobDeps } from "./define.ts";
import { cronItems, tasks } from "./index.ts";

const organizationStamp = z.object({ organizationId: z.uuid() });

/** The task list graphile-worker runs, from the registry (jobs/index.ts). */
export function createTaskList(deps: JobDeps, registry: Record<string, AnyTask> = tasks): TaskList {
  const list: TaskList = {};
  for (const [name, task] of Object.entries(registry)) {
    const handler: Task = async (raw: unknown, helpers: JobHelpers) => {
      const stamped = organizationStamp.safeParse(raw);
      if (task.kind === "system") {
        // guild_enqueue stamps every tenant-enqueued job: a system task must not run for one.
        if (stamped.success)
          throw new Error(`${name} is a system task and cannot be enqueued by an organization`);
        await task.run(task.payload.parse(raw), { deps, helpers });
        return;
      }
      if (!stamped.success)
        throw new Error(`${name} is a tenant task: its job has no organization`);
      const { organizationId } = stamped.data;
      await task.run(task.payload.parse(raw), {
        organizationId,
        tenant: (fn) =>
          withTenant(deps.db, asSystem(organizationId, `job:${name}`, deps.clock), fn),
        deps,
        helpers,
      });
    };
    list[name] = handler;
  }
  return list;
}

function workerLogger(deps: JobDeps): Logger {
  return new Logger((scope) => (level, message, meta) => {
    if (level === "debug") return;
    deps.log(
      level === "error" ? "error" : level === "warning" ? "warn" : "info",
      `jobs: ${message}`,
      {
        ...(scope.taskIdentifier ? { task: scope.taskIdentifier } : {}),
        ...(scope.jobId ? { jobId: scope.jobId } : {}),
        ...(meta && typeof meta === "object" ? { meta } : {}),
      },
    );
  });
}

/**
 * Our own pool, with error handlers: graphile-worker's own (from a connection string) is ended
 * without waiting and without handlers, so stopping PostgreSQL right after the runner crashed
 * the process in tests (research: graphile-worker.md §8).
 */
function createPool(databaseUrl: string, size: number, deps: JobDeps) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: size });
  const onError = (error: Error) =>
    deps.log("warn", "jobs: database connection error", { err: error.message });
  pool.on("error", onError);
  pool.on("connect", (client) => client.on("error", onError));
  return pool;
}

export interface JobRunnerOptions {
  databaseUrl: string;
  /** Jobs run at once in this process (default 4). */
  concurrency?: number;
  /** How often to look for jobs that became due (new ones arrive by LISTEN at once). */
  pollIntervalMs?: number;
  /** Scheduled tasks (default: the registry's cron items). Tests pass [] to run them by hand. */
  cron?: CronItem[];
  /** The tasks to run (default: the registry, jobs/index.ts). */
  tasks?: Record<string, AnyTask>;
}

export interface JobRunner {
  stop(): Promise<void>;
  /** The underlying runner's events (job:success, job:error, …), for tests and logs. */
  events: Runner["events"];
}

/** Starts the runner; `stop()` lets running jobs finish (and records them) before returning. */
export async function startJobRunner(deps: JobDeps, options: JobRunnerOptions): Promise<JobRunner> {
  const concurrency = options.concurrency ?? 4;
  const pool = createPool(options.databaseUrl, concurrency + 2, deps);
  const runner = await run({
    pgPool: pool,
    // The server stops the runner itself (graceful HTTP shutdown first, PostgreSQL last).
    noHandleSignals: true,
    taskList: createTaskList(deps, options.tasks),
    parsedCronItems: parseCronItems(options.cron ?? cronItems),
    preset: {
      worker: {
        concurrentJobs: concurrency,
        pollInterval: options.pollIntervalMs ?? 2000,
        // Record a job that finishes during stop() inside stop(); otherwise it stays locked for
        // four hours and runs again.
        completeJobBatchDelay: 0,
        failJobBatchDelay: 0,
        // Handlers get helpers.abortSignal this long before stop() gives up on them.
        gracefulShutdownAbortTimeout: 10_000,
        logger: workerLogger(deps),
      },
    },
  });
  let stopping: Promise<void> | null = null;
  return {
    events: runner.events,
    stop() {
      stopping ??= (async () => {
        try {
          await runner.stop();
        } finally {
          await pool.end();
        }
      })();
      return stopping;
    },
  };
}

/**
 * Runs every job that is due now, and the jobs those enqueue, then returns: for tests and
 * scripts that move a test clock (advanceJobClock) and want what became due to have happened.
 */
export async function runDueJobs(
  deps: JobDeps,
  databaseUrl: string,
  registry: Record<string, AnyTask> = tasks,
): Promise<void> {
  const pool = createPool(databaseUrl, 3, deps);
  try {
    await runOnce(
      {
        pgPool: pool,
        noHandleSignals: true,
        preset: { worker: { logger: workerLogger(deps) } },
      },
      createTaskList(deps, registry),
    );
  } finally {
    await pool.end();
  }
}
