// Enqueueing jobs from inside a tenant transaction (TenantScope.enqueue). The queue is
// graphile-worker's, in its own schema; the runner lives in @guild/api (jobs/).
import { sql } from "drizzle-orm";
import postgres from "postgres";
import type { Clock, EnqueueOptions, TaskName } from "./scope.ts";
import type { TenantDb } from "./tenant.ts";

/**
 * Adds a job in the caller's tenant transaction through guild_enqueue (migration 0009), a
 * SECURITY DEFINER function that stamps the job with the transaction's organization
 * (app.organization_id) and prefixes its key with it: a tenant can neither queue work for another
 * organization nor replace another organization's job, and guild_tenant needs no rights on
 * graphile-worker's schema.
 */
export async function enqueueJob(
  db: TenantDb,
  clock: Clock,
  job: { task: TaskName; payload: unknown } & EnqueueOptions,
): Promise<void> {
  // Due now: the database's own now() (NULL), so a test clock's offset doesn't delay it.
  const runAt = job.runAt ? clock.toDatabase(job.runAt).toISOString() : null;
  await db.execute(sql`select guild_enqueue(
    ${job.task}, ${JSON.stringify(job.payload ?? {})}::json, ${runAt}::timestamptz,
    ${job.jobKey ?? null}::text, ${job.jobKeyMode === "preserveRunAt" ? "preserve_run_at" : "replace"},
    ${job.maxAttempts ?? null}::int, ${job.priority ?? null}::int)`);
}

export interface TaskStatus {
  task: string;
  due: number;
  scheduled: number;
  running: number;
  retrying: number;
  failed: number;
  stuck: number;
  last_error: string | null;
  last_error_at: Date | null;
}

/**
 * The job queue by task (graphile-worker's jobs view): what waits, what runs, what keeps
 * failing. Failed for good means all attempts used; such jobs stay until deleted by hand.
 */
export async function jobsStatus(url: string): Promise<TaskStatus[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await sql<TaskStatus[]>`
      select task_identifier as task,
        count(*) filter (where locked_at is null and attempts < max_attempts and run_at <= now())::int as due,
        count(*) filter (where locked_at is null and attempts < max_attempts and run_at > now())::int as scheduled,
        count(*) filter (where locked_at is not null)::int as running,
        count(*) filter (where locked_at is null and attempts > 0 and attempts < max_attempts
                           and last_error is not null)::int as retrying,
        count(*) filter (where attempts >= max_attempts)::int as failed,
        -- a runner that died holding a job: graphile-worker frees it after 4 hours
        count(*) filter (where locked_at < now() - interval '4 hours')::int as stuck,
        (array_agg(last_error order by updated_at desc) filter (where last_error is not null))[1] as last_error,
        max(updated_at) filter (where last_error is not null) as last_error_at
      from graphile_worker.jobs group by task_identifier order by task_identifier`;
  } finally {
    await sql.end();
  }
}
