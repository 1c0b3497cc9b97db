// Enqueueing jobs from inside a tenant transaction (TenantScope.enqueue). The queue is
// graphile-worker's, in its own schema; the runner lives in @guild/api (jobs/).
import { sql } from "drizzle-orm";
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
