// The sidebar's unread statement (space-read.ts), as a plain member runs it (row-level security
// on, the visibility rule), over 20,000 posts in 20 spaces, most of them after the member's
// mark: each space's count walks that space's feed index from the mark and stops at the cap,
// so the statement reads at most the cap's rows per space, never a space's posts.
import { type MemberActor, withTenant } from "@guild/db";
import { createTestDatabase, explainAnalyze } from "@guild/db/testing";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { spaceUnreadQuery, UNREAD_CAP } from "./space-read.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let orgId = "";
let actor: MemberActor;
const POSTS = 20_000;
const SPACES = 20;

beforeAll(async () => {
  db = await createTestDatabase(inject("pgAdminUrl"));
  const [org] = await db.sql<{ id: string }[]>`
    insert into organization (name, slug) values ('Unread plan', 'unread-plan') returning id`;
  orgId = org!.id;
  const [person] = await db.sql<{ id: string }[]>`
    insert into "user" (name, email, email_verified) values ('Reader', 'reader@plan.test', true)
    returning id`;
  const [writer] = await db.sql<{ id: string }[]>`
    insert into "user" (name, email, email_verified) values ('Writer', 'writer@plan.test', true)
    returning id`;
  // The reader joined 60 days ago and never opened a space: every post is after their mark.
  const [reader] = await db.sql<{ id: string }[]>`
    insert into member (organization_id, user_id, role, created_at)
    values (${orgId}, ${person!.id}, 'member', now() - interval '60 days') returning id`;
  const [author] = await db.sql<{ id: string }[]>`
    insert into member (organization_id, user_id, role) values (${orgId}, ${writer!.id}, 'member')
    returning id`;
  actor = {
    kind: "member",
    memberId: reader!.id,
    userId: person!.id,
    role: "member",
    crmAccess: false,
  };
  // 20 public spaces and one private space the reader is not in.
  await db.sql`
    insert into space (organization_id, name, slug, visibility)
    select ${orgId}, 'Space ' || i, 'space-' || i, case when i = 0 then 'private' else 'public' end
    from generate_series(0, ${SPACES}) i`;
  await db.bulk(
    (tx) => tx`
    insert into post (organization_id, space_id, author_member_id, title, body, status,
                      published_at)
    select ${orgId}, s.ids[1 + i % ${SPACES + 1}], ${author!.id}, 'Post ' || i, 'Body of post ' || i,
           'published', now() - i * interval '1 minute'
    from generate_series(1, ${POSTS}) i,
         (select array_agg(id order by slug) as ids from space where organization_id = ${orgId}) s`,
  );
  await db.sql`analyze post`;
  await db.sql`analyze space`;
});
afterAll(() => db.drop());

it("counts each space's unread posts from its index, stopping at the cap", async () => {
  const {
    nodes: all,
    buffers,
    counts,
    ms,
  } = await withTenant(db.db, { organizationId: orgId, actor }, async (scope) => {
    const query = spaceUnreadQuery(scope, actor.memberId);
    const counts = await scope.db.execute<{ unread: number }>(query);
    return { ...(await explainAnalyze(scope.db, query)), counts };
  });
  // Every visible space is full of unread posts: each count is the cap.
  expect(counts).toHaveLength(SPACES);
  for (const row of counts) expect(row.unread).toBe(UNREAD_CAP);
  expect(
    all.some((n) => n["Relation Name"] === "post" && n["Node Type"] === "Seq Scan"),
    "a sequential scan of post",
  ).toBe(false);
  const postScans = all.filter((n) => n["Index Name"] === "post_org_space_published_idx");
  expect(postScans.length).toBeGreaterThan(0);
  // Rows taken from post, over every space: at most the cap per space, never all 20,000.
  const rowsRead = postScans.reduce(
    (sum, n) => sum + (n["Actual Rows"] ?? 0) * (n["Actual Loops"] ?? 1),
    0,
  );
  expect(rowsRead).toBeLessThanOrEqual(SPACES * UNREAD_CAP);
  const [size] = await db.sql<{ pages: number }[]>`
    select relpages as pages from pg_class where relname = 'post'`;
  console.log(
    `space unread: ${buffers} buffers, ${ms.toFixed(2)} ms for ${SPACES} spaces (post: ${size?.pages} pages, ${POSTS} rows)`,
  );
  // A heap page per counted post at worst (each space's posts are spread over the table), plus
  // the index pages and the other tables' few: nothing grows with the spaces' sizes.
  expect(buffers).toBeLessThan(SPACES * UNREAD_CAP * 2 + 150);
});
