// Enqueueing outside a tenant transaction (mail better-auth asks for, maintenance fan-out), and
// moving a test clock with the queue. These run as the app's own database role, which owns
// graphile-worker's schema; tenant code goes through scope.enqueue instead.
import { type Clock, type Database, sql, type TaskName, type TestClock } from "@guild/db";

export interface SystemJobOptions {
  runAt?: Date;
  jobKey?: string;
  maxAttempts?: number;
}

/**
 * Adds a system task's job (jobs/define.ts): committed at once on the database, or with the
 * caller's transaction when given one (the Stripe webhook logs its event and enqueues its
 * processing together).
 */
export async function enqueueSystemJob(
  db: Pick<Database, "execute">,
  clock: Clock,
  task: string,
  payload: object,
  options: SystemJobOptions = {},
): Promise<void> {
  const runAt = options.runAt ? clock.toDatabase(options.runAt).toISOString() : null;
  await db.execute(sql`select graphile_worker.add_job(
    identifier => ${task}, payload => ${JSON.stringify(payload)}::json,
    run_at => ${runAt}::timestamptz, job_key => ${options.jobKey ?? null}::text,
    max_attempts => ${options.maxAttempts ?? 10})`);
}

/**
 * Adds a tenant task's job for each of the given organizations, as guild_enqueue would from their
 * own transactions (the organization stamped in the payload, the key prefixed with it): how
 * system work fans out to every organization.
 */
export async function enqueueForOrganizations(
  db: Database,
  task: TaskName,
  organizationIds: readonly string[],
  options: { jobKey?: string } = {},
): Promise<void> {
  if (organizationIds.length === 0) return;
  await db.execute(sql`select graphile_worker.add_jobs(array(
    select row(${task}, json_build_object('organizationId', org), null, null, 10,
               case when ${options.jobKey ?? null}::text is null then null
                    else org::text || ':' || ${task} || ':' || ${options.jobKey ?? null}::text end,
               0, null)::graphile_worker.job_spec
    from unnest(${`{${organizationIds.join(",")}}`}::uuid[]) as org))`);
}

/**
 * Moves a test clock forward and every waiting job with it, so what became due on the clock is
 * due in the database too (a job's run_at is compared with PostgreSQL's now()). Then wakes the
 * runners. Tests and the dev clock endpoint only.
 */
export async function advanceJobClock(db: Database, clock: TestClock, ms: number): Promise<void> {
  clock.advance(ms);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select count(*) from (
      select graphile_worker.reschedule_jobs(array[j.id],
        run_at => j.run_at - ${ms} * interval '1 millisecond')
      from graphile_worker.jobs j where j.locked_at is null) moved`);
    await tx.execute(sql`select pg_notify('jobs:insert', '{"r":0,"count":1}')`);
  });
}
