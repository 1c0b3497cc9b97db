// Every stream reads "the organization's events after my position" on each wake-up, inside the
// reader's tenant transaction, where row-level security only lets LEAKPROOF operators become
// index conditions. This checks that read (and the counter read) goes through the unique index
// (organization_id, seq) with bounded buffers, however long the log is.
import { asSystem, sql, withTenant } from "@guild/db";
import { createTestDatabase } from "@guild/db/testing";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { publish } from "./event-log.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let orgId = "";

beforeAll(async () => {
  db = await createTestDatabase(inject("pgAdminUrl"));
  const orgs = await db.sql<{ id: string }[]>`
    insert into organization (name, slug)
    select 'Org ' || i, 'plan-' || i from generate_series(1, 3) i returning id`;
  orgId = orgs[0]!.id;
  for (const org of orgs)
    for (let batch = 0; batch < 10; batch++)
      await withTenant(db.db, asSystem(org.id, "seed"), (scope) =>
        publish(
          scope,
          Array.from({ length: 500 }, () => ({
            kind: "lead.updated" as const,
            target: { type: "lead", id: org.id },
          })),
        ),
      );
  await db.sql`analyze org_event`;
});
afterAll(() => db.drop());

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Shared Hit Blocks"?: number;
  "Shared Read Blocks"?: number;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function explain(after: number) {
  return withTenant(db.db, asSystem(orgId, "plan"), async (scope) => {
    const rows = await scope.db.execute<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(sql`
      explain (analyze, buffers, format json)
      select seq, kind, target_type, target_id, actor_member_id, audience_member_id, created_at
      from org_event where organization_id = ${orgId} and seq > ${after}
      order by seq limit 200`);
    const plan = rows[0]?.["QUERY PLAN"][0]?.Plan;
    if (!plan) throw new Error("no plan");
    return plan;
  });
}

it("reads the events after a position through (organization_id, seq), at the head or deep", async () => {
  for (const after of [0, 4_000, 5_000]) {
    const all = nodes(await explain(after));
    const scan = all.find((n) => n["Index Name"] === "org_event_organization_id_seq_key");
    expect(scan?.["Index Cond"], `after ${after}`).toContain("seq >");
    const buffers = all.reduce(
      (sum, n) => sum + (n["Shared Hit Blocks"] ?? 0) + (n["Shared Read Blocks"] ?? 0),
      0,
    );
    expect(buffers, `after ${after}`).toBeLessThan(40);
  }
});
