// The job queue for real: graphile-worker's runner against PostgreSQL, jobs enqueued from tenant
// transactions through guild_enqueue, and a test clock moving queued work forward.
import { asSystem, createTestClock, eq, invitation, sql, withTenant } from "@guild/db";
import { jobsStatus } from "@guild/db/jobs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { type ApiFixture, createApiFixture } from "../testing.ts";
import { systemTask } from "./define.ts";
import { startJobRunner } from "./runner.ts";
import { advanceJobClock, enqueueSystemJob } from "./system.ts";

let fx: ApiFixture;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  orgA = (await fx.createOrg("jobs-a")).org.id;
  orgB = (await fx.createOrg("jobs-b")).org.id;
});
afterAll(() => fx.drop());

interface QueuedJob {
  task: string;
  payload: Record<string, unknown>;
  key: string | null;
}

async function queued(task: string): Promise<QueuedJob[]> {
  return fx.sql<QueuedJob[]>`
    select t.identifier as task, j.payload, j.key
    from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = ${task} order by j.id`;
}

async function clearQueue() {
  await fx.sql`delete from graphile_worker._private_jobs`;
}

describe("enqueueing from a tenant transaction", () => {
  it("stamps the transaction's organization over whatever the payload says", async () => {
    await clearQueue();
    // A payload claiming another organization, as a buggy or hostile caller might send it.
    const payload = JSON.stringify({
      invitationId: "00000000-0000-4000-8000-000000000000",
      organizationId: orgB,
    });
    await withTenant(fx.db, asSystem(orgA, "test"), (scope) =>
      scope.db.execute(
        sql`select guild_enqueue('invitation.mail', ${payload}::json, null, null, 'replace', 1, 0)`,
      ),
    );
    const [job] = await queued("invitation.mail");
    expect(job?.payload.organizationId).toBe(orgA);
  });

  it("exists only if the transaction commits", async () => {
    await clearQueue();
    await withTenant(fx.db, asSystem(orgA, "test"), async (scope) => {
      await scope.enqueue("invitation.mail", {
        invitationId: "00000000-0000-4000-8000-000000000001",
      });
      throw new Error("roll back");
    }).catch(() => {});
    expect(await queued("invitation.mail")).toEqual([]);
  });

  it("keys jobs per organization: the same key in another organization replaces nothing", async () => {
    await clearQueue();
    for (const [org, id] of [
      [orgA, "00000000-0000-4000-8000-00000000000a"],
      [orgB, "00000000-0000-4000-8000-00000000000b"],
    ] as const)
      await withTenant(fx.db, asSystem(org, "test"), (scope) =>
        scope.enqueue("invitation.mail", { invitationId: id }, { jobKey: "reminder" }),
      );
    const jobs = await queued("invitation.mail");
    expect(jobs.map((j) => [j.payload.organizationId, j.key])).toEqual([
      [orgA, `${orgA}:invitation.mail:reminder`],
      [orgB, `${orgB}:invitation.mail:reminder`],
    ]);
    // In its own organization the key does replace the waiting job (a reminder that moves).
    await withTenant(fx.db, asSystem(orgA, "test"), (scope) =>
      scope.enqueue(
        "invitation.mail",
        { invitationId: "00000000-0000-4000-8000-0000000000aa" },
        { jobKey: "reminder" },
      ),
    );
    const after = await queued("invitation.mail");
    expect(after.map((j) => j.payload.invitationId).sort()).toEqual([
      "00000000-0000-4000-8000-00000000000b",
      "00000000-0000-4000-8000-0000000000aa",
    ]);
  });

  it("gives the tenant role no way into the queue itself", async () => {
    const refused = await withTenant(fx.db, asSystem(orgA, "test"), (scope) =>
      scope.db.execute(sql`select count(*) from graphile_worker.jobs`),
    ).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ cause: { code: "42501" } });
  });
});

describe("the runner", () => {
  it("refuses a system task enqueued by an organization, and a tenant task without one", async () => {
    await clearQueue();
    // What a tenant could do by calling guild_enqueue with a system task's name.
    await withTenant(fx.db, asSystem(orgA, "test"), (scope) =>
      scope.db.execute(sql`select guild_enqueue('mail.send',
        '{"to":"victim@test.example","subject":"x","text":"x"}'::json, null, null, 'replace', 1, 0)`),
    );
    await enqueueSystemJob(
      fx.db,
      fx.jobDeps.clock,
      "invitation.mail",
      { invitationId: "00000000-0000-4000-8000-000000000002" },
      { maxAttempts: 1 },
    );
    await fx.runJobs();
    expect(fx.mailer.mailbox?.list("victim@test.example")).toEqual([]);
    const errors = await fx.sql<{ task: string; last_error: string }[]>`
      select task_identifier as task, last_error from graphile_worker.jobs order by 1`;
    expect(errors).toEqual([
      {
        task: "invitation.mail",
        last_error: expect.stringContaining("is a tenant task: its job has no organization"),
      },
      {
        task: "mail.send",
        last_error: expect.stringContaining("cannot be enqueued by an organization"),
      },
    ]);
    const status = await jobsStatus(fx.url);
    expect(status.map((s) => [s.task, s.failed, s.last_error !== null])).toEqual([
      ["invitation.mail", 1, true],
      ["mail.send", 1, true],
    ]);
  });

  it("never runs a job twice, with two runners taking from one queue", async () => {
    await clearQueue();
    await fx.sql`create table if not exists job_runs (job_id bigint, run_by text)`;
    const counted = (runner: string) => ({
      "test.count": systemTask({
        payload: z.object({ n: z.number() }),
        async run(_payload, { helpers }) {
          await helpers.query("insert into job_runs values ($1, $2)", [helpers.job.id, runner]);
        },
      }),
    });
    const total = 400;
    await fx.sql`select graphile_worker.add_job('test.count', json_build_object('n', n))
                 from generate_series(1, ${total}) n`;
    const runners = await Promise.all(
      ["a", "b"].map((name) =>
        startJobRunner(fx.jobDeps, {
          databaseUrl: fx.url,
          concurrency: 4,
          cron: [],
          tasks: counted(name),
        }),
      ),
    );
    try {
      for (let waited = 0; waited < 30_000; waited += 100) {
        const [left] = await fx.sql<
          { n: number }[]
        >`select count(*)::int as n from graphile_worker.jobs`;
        if (left?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
    const [runs] = await fx.sql<{ runs: number; distinct_jobs: number; runners: number }[]>`
      select count(*)::int as runs, count(distinct job_id)::int as distinct_jobs,
             count(distinct run_by)::int as runners from job_runs`;
    expect(runs).toEqual({ runs: total, distinct_jobs: total, runners: 2 });
  });

  it("runs a job due tomorrow once a test clock has moved there, and not before", async () => {
    await clearQueue();
    const clock = createTestClock();
    const owner = await (await fx.createOrg("jobs-clock")).owner.caller("jobs-clock");
    const invite = await owner.invitation.create({ email: "later@test.example", role: "member" });
    await fx.runJobs({ clock }); // the invitation's own mail
    const before = fx.mailer.mailbox?.list("later@test.example").length ?? 0;
    const orgId = await fx.orgIdOf("jobs-clock");
    if (!orgId) throw new Error("no organization");
    await withTenant(fx.db, asSystem(orgId, "test", clock), (scope) =>
      scope.enqueue(
        "invitation.mail",
        { invitationId: invite.id },
        { runAt: new Date(scope.now().getTime() + 24 * 3600_000) },
      ),
    );
    await fx.runJobs({ clock });
    await advanceJobClock(fx.db, clock, 23 * 3600_000);
    await fx.runJobs({ clock });
    expect(fx.mailer.mailbox?.list("later@test.example")).toHaveLength(before);
    await advanceJobClock(fx.db, clock, 3600_000 + 60_000);
    await fx.runJobs({ clock });
    expect(fx.mailer.mailbox?.list("later@test.example")).toHaveLength(before + 1);
    // The invitation expires after 7 days on the same clock: a reminder queued past that sends nothing.
    await fx.db
      .update(invitation)
      .set({ expiresAt: clock.now() })
      .where(eq(invitation.id, invite.id));
    await withTenant(fx.db, asSystem(orgId, "test", clock), (scope) =>
      scope.enqueue("invitation.mail", { invitationId: invite.id }),
    );
    await fx.runJobs({ clock });
    expect(fx.mailer.mailbox?.list("later@test.example")).toHaveLength(before + 1);
  });
});
