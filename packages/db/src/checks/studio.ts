// db:check, content studio (schema/studio.ts): a post's state and its publishing must tell one
// story. A published post has its publish record (the job's proof, written with the state
// change) and a record belongs to a published post; a scheduled post has its studio.publish job
// waiting in the queue (key <organization>:studio.publish:<post>, with attempts left) and is not
// long overdue: otherwise it would never go out, or went out without a trace.
import { sql } from "drizzle-orm";
import type { Database } from "../client.ts";
import { organization } from "../schema/index.ts";
import { asSystem, withTenant } from "../tenant.ts";
import type { CheckDomain, Finding } from "./registry.ts";

/** Publishing retries for a minute or two; an hour past its instant means it is stuck. */
const OVERDUE_MS = 3_600_000;

/** The keys of the studio.publish jobs still to run (attempts left), across organizations. */
async function pendingPublishKeys(db: Database): Promise<Set<string>> {
  const rows = await db.execute<{ key: string }>(sql`
    select key from graphile_worker.jobs
    where task_identifier = 'studio.publish' and key is not null and attempts < max_attempts`);
  return new Set(rows.map((r) => r.key));
}

export const studioChecks: CheckDomain = {
  name: "studio",
  async tenantCounts(scope) {
    const [row] = await scope.db.execute<Record<string, number>>(sql`
      select count(*) filter (where state = 'draft')::int as draft,
             count(*) filter (where state = 'scheduled')::int as scheduled,
             count(*) filter (where state = 'published')::int as published,
             count(*) filter (where state = 'failed')::int as failed
      from studio_post where organization_id = ${scope.organizationId}`);
    if (!row) throw new Error("studio counts returned nothing");
    return {
      "draft posts": row.draft ?? 0,
      "scheduled posts": row.scheduled ?? 0,
      "published posts": row.published ?? 0,
      "failed posts": row.failed ?? 0,
    };
  },
  globalChecks: [
    {
      name: "studio.scheduled_job",
      rule: "every scheduled studio post has its publishing job waiting",
      async run(db) {
        const keys = await pendingPublishKeys(db);
        const found: Finding[] = [];
        // Studio posts are tenant rows: read in each organization's own scope.
        const orgs = await db
          .select({ id: organization.id, slug: organization.slug })
          .from(organization);
        for (const org of orgs) {
          const rows = await withTenant(db, asSystem(org.id, "db:check"), (scope) =>
            scope.db.execute<{ id: string; scheduled_at: string }>(sql`
              select id, scheduled_at::text from studio_post
              where organization_id = ${org.id} and state = 'scheduled' order by scheduled_at`),
          );
          for (const r of rows)
            if (!keys.has(`${org.id}:studio.publish:${r.id}`))
              found.push({
                subject: `${org.slug}: studio post ${r.id}`,
                detail: `scheduled for ${r.scheduled_at} but no studio.publish job is waiting`,
              });
        }
        return found;
      },
    },
  ],
  tenantChecks: [
    {
      name: "studio.publish_record",
      rule: "a published studio post has its publish record, and a record its published post",
      async run(scope) {
        const rows = await scope.db.execute<{
          id: string;
          state: string;
          record: string | null;
        }>(sql`
          select p.id, p.state, r.id as record from studio_post p
          left join studio_publish r on r.organization_id = p.organization_id
            and r.studio_post_id = p.id
          where p.organization_id = ${scope.organizationId}
            and ((p.state = 'published') <> (r.id is not null))
          order by p.created_at`);
        return rows.map((r) => ({
          subject: `studio post ${r.id}`,
          detail: r.record
            ? `has a publish record but is ${r.state}`
            : "is published with no publish record",
        }));
      },
    },
    {
      name: "studio.overdue",
      rule: "no studio post is still scheduled an hour after its instant",
      async run(scope) {
        const before = new Date(scope.now().getTime() - OVERDUE_MS).toISOString();
        const rows = await scope.db.execute<{
          id: string;
          scheduled_at: string;
          attempts: number;
        }>(sql`
          select id, scheduled_at::text, attempts from studio_post
          where organization_id = ${scope.organizationId} and state = 'scheduled'
            and scheduled_at < ${before}::timestamptz
          order by scheduled_at`);
        return rows.map((r) => ({
          subject: `studio post ${r.id}`,
          detail: `still scheduled for ${r.scheduled_at} after ${r.attempts} attempts`,
        }));
      },
    },
  ],
};
