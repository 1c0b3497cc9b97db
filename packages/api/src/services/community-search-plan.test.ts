// search.comments' statement for a common word's newest-first pages, as a plain member runs it
// (row-level security on, the visibility rule, the post, space and author joins), among 6,000
// comments of the member's organization and as many in each of five others: it walks
// comment_org_created_idx newest first, probing each comment's words until the page is full, and
// never reads, joins or sorts the organization's matches. Its statistics are table-wide (space ids of six organizations), as in production:
// with the joins in one select, or `= any` of the member's spaces, the planner took them to mean
// "about one row matches" and read every live comment of the organization (a second of CPU per
// search in the community bench).
import { type MemberActor, withTenant } from "@guild/db";
import { createTestDatabase, explainAnalyze, insertReader } from "@guild/db/testing";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { communitySearchInput } from "../schemas/community-search.ts";
import { commentSearchQuery } from "./community-search.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let orgId = "";
let actor: MemberActor;
const COMMENTS = 6_000;

beforeAll(async () => {
  db = await createTestDatabase(inject("pgAdminUrl"));
  const orgs = await db.sql<{ id: string; slug: string }[]>`
    insert into organization (name, slug)
    select 'Search plan ' || i, 'search-plan-' || i from generate_series(0, 5) i
    returning id, slug`;
  orgId = orgs.find((o) => o.slug === "search-plan-0")!.id;
  actor = await insertReader(db.sql, orgId);
  // 20 spaces in each organization: the first private (the reader is not in it), the last
  // archived; the reader sees 18 of their organization's.
  await db.sql`
    insert into space (organization_id, name, slug, visibility, archived_at)
    select o.id, 'Space ' || i, 'space-' || i, case when i = 0 then 'private' else 'public' end,
           case when i = 19 then now() end
    from organization o, generate_series(0, 19) i where o.slug like 'search-plan-%'`;
  // 240 posts and 6,000 comments in each organization, interleaved across organizations as
  // tenants' rows are; a comment in four has the word "wombat", the others "koala".
  await db.bulk(async (tx) => {
    await tx`
      insert into post (organization_id, space_id, title, body, status, published_at)
      select o.id, s.ids[1 + i % 20], 'Post ' || i, 'Body of post ' || i, 'published',
             now() - i * interval '1 hour'
      from generate_series(1, 240) i
      cross join organization o
      cross join lateral (select array_agg(id order by slug) as ids from space
                          where organization_id = o.id) s
      where o.slug like 'search-plan-%'
      order by i, o.id`;
    await tx`
      insert into comment (organization_id, space_id, post_id, body, created_at)
      select p.organization_id, p.space_id, p.id,
             case when c % 4 = 0 then 'A wombat, ' else 'A koala, ' end || 'note ' || c,
             p.published_at + c * interval '1 second'
      from post p, generate_series(1, ${COMMENTS / 240}) c
      order by p.published_at, c, p.organization_id`;
  });
  await db.sql`vacuum analyze space, post, comment, search_term`;
}, 300_000);
afterAll(() => db.drop());

it("walks the organization's comments newest first for a common word, a page's worth", async () => {
  const plan = await withTenant(db.db, { organizationId: orgId, actor }, async (scope) => {
    const input = communitySearchInput.parse({ q: "wombat", kind: "comments" });
    // Warm: the first statement of a connection reads the catalog into its caches.
    await commentSearchQuery(scope, input, "recent", null);
    return explainAnalyze(scope.db, commentSearchQuery(scope, input, "recent", null));
  });
  const walk = plan.nodes.find((n) => n["Index Name"] === "comment_org_created_idx");
  expect(walk?.["Node Type"]).toBe("Index Scan");
  expect(walk?.["Scan Direction"]).toBe("Backward");
  // A page (21) of matches among the comments walked: about four comments per match, and the
  // reader sees 18 of 20 spaces; never the organization's 6,000.
  expect(walk?.["Actual Rows"] ?? Number.POSITIVE_INFINITY).toBeLessThan(300);
  const sorted = plan.nodes
    .filter((n) => n["Node Type"] === "Sort")
    .map((n) => n["Actual Rows"] ?? 0);
  expect(Math.max(0, ...sorted)).toBeLessThanOrEqual(21);
  console.log(
    `search.comments, a common word: ${plan.buffers} buffers ${plan.ms.toFixed(2)} ms, ${walk?.["Actual Rows"]} comments walked`,
  );
  // The walk's heap and word probes and the visibility rule's lookups, not the organization's
  // comments (the statement that read them all read over 40,000 buffers here).
  expect(plan.buffers).toBeLessThan(3_000);
});
