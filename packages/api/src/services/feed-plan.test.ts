// The home feed's statement, as a plain member runs it (row-level security on, the visibility
// rule, the author and avatar joins), over 60,000 posts in 20 spaces: each sort walks its own
// index backwards with the cursor as an index condition, with no sort of the feed's rows, and
// page 100 reads about the buffers page 1 reads. This is what keyset pagination promises; OFFSET would read
// every row before the page.
import { type MemberActor, sql, withTenant } from "@guild/db";
import { createTestDatabase, explainAnalyze, insertReader } from "@guild/db/testing";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { FeedSort } from "../schemas/post.ts";
import { homeFeedQuery } from "./feed.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let orgId = "";
let actor: MemberActor;
const POSTS = 60_000;

beforeAll(async () => {
  db = await createTestDatabase(inject("pgAdminUrl"));
  const [org] = await db.sql<{ id: string }[]>`
    insert into organization (name, slug) values ('Feed plan', 'feed-plan') returning id`;
  orgId = org!.id;
  actor = await insertReader(db.sql, orgId);
  // 20 public spaces and one private space the reader is not in (its posts are filtered out).
  await db.sql`
    insert into space (organization_id, name, slug, visibility)
    select ${orgId}, 'Space ' || i, 'space-' || i, case when i = 0 then 'private' else 'public' end
    from generate_series(0, 20) i`;
  await db.bulk(
    (tx) => tx`
    insert into post (organization_id, space_id, author_member_id, title, body, status,
                      published_at, last_activity_at, score)
    select ${orgId}, s.ids[1 + i % 21], ${actor.memberId}, 'Post ' || i, 'Body of post ' || i,
           'published', now() - i * interval '1 minute',
           now() - ((i * 7919) % ${POSTS}) * interval '1 minute', (i * 31) % 200 - 50
    from generate_series(1, ${POSTS}) i,
         (select array_agg(id order by slug) as ids from space where organization_id = ${orgId}) s`,
  );
  await db.sql`analyze post`;
  await db.sql`analyze space`;
  // 60,000 posts with their search rows: a minute or more when other work shares the cores.
}, 300_000);
afterAll(() => db.drop());

const sortKey: Record<FeedSort, string> = {
  new: "published_at",
  top: "score",
  active: "last_activity_at",
};

/** The plan of the page after `skip` rows of the member's home feed sorted by `sort`. */
async function explainPage(sort: FeedSort, skip: number) {
  return withTenant(db.db, { organizationId: orgId, actor }, async (scope) => {
    let cursor = null;
    if (skip > 0) {
      // Where page `skip / 20` starts: found by OFFSET here, in the test, once.
      const [row] = await scope.db.execute<{ key: string; id: string }>(sql`
        select ${sql.raw(sort === "top" ? "score::text" : `(extract(epoch from ${sortKey[sort]}) * 1000)::bigint::text`)} as key, id
        from post p where organization_id = ${orgId} and space_id <> all(
          select id from space where organization_id = ${orgId} and visibility = 'private')
        order by ${sql.raw(sortKey[sort])} desc, id desc offset ${skip - 1} limit 1`);
      if (!row) throw new Error("no row to start after");
      cursor = { sort, key: Number(row.key), id: row.id };
    }
    const query = homeFeedQuery(scope, { sort, limit: 20, cursor });
    const { nodes, ms, buffers } = await explainAnalyze(scope.db, query);
    return { all: nodes, ms, buffers };
  });
}

const indexOf: Record<FeedSort, string> = {
  new: "post_org_published_idx",
  top: "post_org_score_idx",
  active: "post_org_activity_idx",
};

for (const sort of ["new", "top", "active"] as const)
  it(`walks the ${sort} index backwards, page 100 as cheaply as page 1`, async () => {
    const first = await explainPage(sort, 0);
    const deep = await explainPage(sort, 99 * 20);
    for (const [label, page] of [
      ["page 1", first],
      ["page 100", deep],
    ] as const) {
      const scan = page.all.find((n) => n["Index Name"] === indexOf[sort]);
      expect(scan?.["Scan Direction"], `${sort} ${label}`).toBe("Backward");
      // The page's 21 rows may be put back in order after their joins (postPage); the feed's
      // rows are never sorted.
      const sorted = page.all
        .filter((n) => n["Node Type"] === "Sort")
        .map((n) => n["Actual Rows"] ?? 0);
      expect(
        Math.max(0, ...sorted),
        `${sort} ${label} sorts more than its page`,
      ).toBeLessThanOrEqual(21);
    }
    const deepScan = deep.all.find((n) => n["Index Name"] === indexOf[sort]);
    expect(deepScan?.["Index Cond"]).toMatch(/ROW\(/);
    console.log(
      `home feed ${sort}: page 1 ${first.buffers} buffers ${first.ms.toFixed(2)} ms; page 100 ${deep.buffers} buffers ${deep.ms.toFixed(2)} ms`,
    );
    expect(deep.buffers).toBeLessThanOrEqual(Math.max(2 * first.buffers, first.buffers + 40));
  });
