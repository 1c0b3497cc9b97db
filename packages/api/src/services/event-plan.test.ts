// The upcoming list and a calendar month (services/event.ts), as a plain member runs them
// (row-level security on, the visibility rule), over 20,000 events in 20 spaces spread over two
// years: each walks a starts_at index (the organization's, or a bitmap of each visible space's) from its start and stops at its page or its month, so
// what they read does not grow with the organization's events.
import { type MemberActor, type TenantScope, withTenant } from "@guild/db";
import { createTestDatabase, explainAnalyze, insertReader, type PlanNode } from "@guild/db/testing";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { calendarQuery, organizationEventsQuery } from "./event.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let orgId = "";
let actor: MemberActor;
const EVENTS = 20_000;
const SPACES = 20;
const DAY = 86_400_000;

beforeAll(async () => {
  db = await createTestDatabase(inject("pgAdminUrl"));
  const [org] = await db.sql<{ id: string }[]>`
    insert into organization (name, slug) values ('Event plan', 'event-plan') returning id`;
  orgId = org!.id;
  actor = await insertReader(db.sql, orgId);
  // 20 public events spaces and one private one the reader is not in.
  await db.sql`
    insert into space (organization_id, name, slug, type, visibility)
    select ${orgId}, 'Space ' || i, 'space-' || i, 'events',
           case when i = 0 then 'private' else 'public' end
    from generate_series(0, ${SPACES}) i`;
  // An event every ~53 minutes from a year ago to a year ahead, 90 minutes long.
  await db.bulk(
    (tx) => tx`
    insert into event (organization_id, space_id, title, starts_at, ends_at, time_zone)
    select ${orgId}, s.ids[1 + i % ${SPACES + 1}], 'Event ' || i,
           now() - interval '365 days' + i * interval '1 day' * 730 / ${EVENTS},
           now() - interval '365 days' + i * interval '1 day' * 730 / ${EVENTS}
             + interval '90 minutes', 'Europe/Paris'
    from generate_series(1, ${EVENTS}) i,
         (select array_agg(id order by slug) as ids from space where organization_id = ${orgId}) s`,
  );
  await db.sql`analyze event`;
  await db.sql`analyze space`;
});
afterAll(() => db.drop());

function measure<T>(build: (scope: TenantScope) => Promise<T>) {
  return withTenant(db.db, { organizationId: orgId, actor }, build);
}

/** The starts_at indexes: the organization's, or each visible space's (a bitmap over them). */
const startsIndexes = new Set(["event_org_starts_idx", "event_org_space_starts_idx"]);
const startsScans = (nodes: PlanNode[]) =>
  nodes.filter((n) => startsIndexes.has(n["Index Name"] ?? ""));

/** Rows the starts_at index scans of event visited: those given and those filtered away. */
const visited = (nodes: PlanNode[]) =>
  startsScans(nodes).reduce(
    (sum, n) =>
      sum +
      ((n["Actual Rows"] ?? 0) + (n["Rows Removed by Filter"] ?? 0)) * (n["Actual Loops"] ?? 1),
    0,
  );

it("the upcoming list reads its page from the starts_at index, not the organization's events", async () => {
  const { nodes, buffers, ms, rows } = await measure(async (scope) => {
    const query = organizationEventsQuery(scope, { tag: null, cursor: null, limit: 20 });
    const rows = await query;
    return { ...(await explainAnalyze(scope.db, query)), rows };
  });
  expect(rows).toHaveLength(21);
  expect(rows.every((row) => row.endsAt.getTime() > Date.now())).toBe(true);
  expect(
    nodes.some((n) => n["Relation Name"] === "event" && n["Node Type"] === "Seq Scan"),
    "a sequential scan of event",
  ).toBe(false);
  expect(startsScans(nodes).length).toBeGreaterThan(0);
  const read = visited(nodes);
  // The page, the private space's events skipped on the way, and the week before now that the
  // index is read from (no event lasts longer): hundreds of rows, never 20,000.
  expect(read).toBeLessThan(400);
  console.log(`event upcoming: ${buffers} buffers, ${ms.toFixed(2)} ms, ${read} index rows`);
  expect(buffers).toBeLessThan(600);
});

it("a calendar month reads that month's events only", async () => {
  const from = new Date(Date.now() + 30 * DAY);
  const to = new Date(from.getTime() + 31 * DAY);
  const { nodes, buffers, ms, rows } = await measure(async (scope) => {
    const query = calendarQuery(scope, { from, to, spaceId: null });
    const rows = await query;
    return { ...(await explainAnalyze(scope.db, query)), rows };
  });
  // About 31/730 of the events, less the private space's.
  expect(rows.length).toBeGreaterThan(700);
  expect(rows.length).toBeLessThan(900);
  expect(
    nodes.some((n) => n["Relation Name"] === "event" && n["Node Type"] === "Seq Scan"),
    "a sequential scan of event",
  ).toBe(false);
  expect(startsScans(nodes).length).toBeGreaterThan(0);
  const read = visited(nodes);
  // The month and the week before it (events still running at its start): never the two years.
  expect(read).toBeLessThan(1200);
  console.log(`event calendar month: ${buffers} buffers, ${ms.toFixed(2)} ms, ${read} index rows`);
});
