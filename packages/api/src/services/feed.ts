// Feeds (issue 11): a space's posts, and the home feed across every space the member can see,
// sorted new, top or active, paged by keyset (never OFFSET).
//
// Each sort has its own partial index (schema/post.ts) ending in (sort key, id); a page is the
// next `limit` rows strictly after the cursor's (key, id) in that index's order, read by a
// backward index scan, so page 100 costs what page 1 costs, and a post published while someone
// pages neither repeats a row nor skips one. (Top and active keys move when a post is voted on or
// commented: a post whose key moved past the cursor may show again or not at all, as in any
// feed of a moving ranking.)
import {
  type AnyPgColumn,
  and,
  eq,
  isNotNull,
  isNull,
  post,
  type SQL,
  sql,
  type TenantScope,
  visibleSpace,
} from "@guild/db";
import type { z } from "zod";
import { notFound } from "../errors.ts";
import {
  encodeFeedCursor,
  type FeedCursor,
  type FeedSort,
  type homeFeedInput,
  type spaceFeedInput,
} from "../schemas/post.ts";
import { isStaff, PINNED_MAX, type PostView, postPage, presentPost } from "./post.ts";
import { findVisibleSpace } from "./space.ts";

export interface FeedPage {
  /** A space feed's pinned posts, on its first page only (empty on later pages and at home). */
  pinned: PostView[];
  items: PostView[];
  /** Opaque: pass it back as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}

const sortColumn = {
  new: post.publishedAt,
  top: post.score,
  active: post.lastActivityAt,
} as const;

/** The cursor's key as SQL of the sort column's type. */
function keyLiteral(sort: FeedSort, key: number): SQL {
  return sort === "top" ? sql`${key}::int` : sql`${new Date(key).toISOString()}::timestamptz`;
}

/** The key a row is sorted by, as a cursor holds it. */
function keyOf(sort: FeedSort, row: PostView): number {
  if (sort === "top") return row.score;
  if (sort === "active") return row.lastActivityAt.getTime();
  // Every post in a feed is published (the feeds' where): publishedAt is set.
  return row.publishedAt?.getTime() ?? 0;
}

/**
 * The rows every feed holds, for this caller: published, not deleted (the feed indexes'
 * predicate, spelled the same way so the planner matches it), hidden ones for staff only.
 */
function feedRows(scope: TenantScope): SQL {
  return and(
    eq(post.organizationId, scope.organizationId),
    isNotNull(post.publishedAt),
    isNull(post.deletedAt),
    isStaff(scope) ? undefined : isNull(post.hiddenAt),
  ) as SQL;
}

function after(sort: FeedSort, cursor: FeedCursor | null | undefined): SQL | undefined {
  if (!cursor) return undefined;
  // A row comparison: one index condition on (key, id), and leakproof comparisons, so it stays
  // an index condition under row-level security.
  return sql`(${sortColumn[sort]}, ${post.id}) < (${keyLiteral(sort, cursor.key)}, ${cursor.id}::uuid)`;
}

/** One page's statement: `limit + 1` rows (the extra one says whether a next page exists). */
function pageQuery(scope: TenantScope, sort: FeedSort, limit: number, where: SQL) {
  return postPage(scope, false, {
    where,
    orderBy: [sql`${sortColumn[sort]} desc`, sql`${post.id} desc`],
    limit: limit + 1,
  });
}

async function page(
  scope: TenantScope,
  sort: FeedSort,
  limit: number,
  where: SQL,
): Promise<Omit<FeedPage, "pinned">> {
  const rows = await pageQuery(scope, sort, limit, where);
  const items = rows.slice(0, limit).map((row) => presentPost(scope, row));
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last
        ? encodeFeedCursor({ sort, key: keyOf(sort, last), id: last.id })
        : null,
  };
}

/**
 * post.feed: a space's posts. NOT_FOUND when the caller cannot see the space. Its pinned posts
 * come first, on the first page, and are left out of the pages that follow them.
 */
export async function spaceFeed(
  scope: TenantScope,
  input: z.output<typeof spaceFeedInput>,
): Promise<FeedPage> {
  if (!(await findVisibleSpace(scope, input.spaceId))) throw notFound("Space");
  const filters = and(
    feedRows(scope),
    eq(post.spaceId, input.spaceId),
    visibleSpace(post.spaceId),
    input.type ? eq(post.type, input.type) : undefined,
    input.tag ? sql`${post.tags} @> array[${input.tag}]::text[]` : undefined,
  ) as SQL;
  const [pinned, rest] = await Promise.all([
    input.cursor
      ? Promise.resolve([])
      : postPage(scope, false, {
          where: and(filters, isNotNull(post.pinnedAt)) as SQL,
          orderBy: [sql`${post.pinnedAt} desc`, sql`${post.id} desc`],
          limit: PINNED_MAX,
        }),
    page(
      scope,
      input.sort,
      input.limit,
      and(filters, isNull(post.pinnedAt), after(input.sort, input.cursor)) as SQL,
    ),
  ]);
  return { pinned: pinned.map((row) => presentPost(scope, row)), ...rest };
}

/**
 * post.home: the posts of every space the caller can see that is not archived, newest (or top,
 * or most active) first. The spaces are computed once per statement (an InitPlan), then the
 * sort's organization-wide index is walked and each row's space checked against them.
 */
export async function homeFeed(
  scope: TenantScope,
  input: z.output<typeof homeFeedInput>,
): Promise<FeedPage> {
  const rest = await page(scope, input.sort, input.limit, homeFeedWhere(scope, input));
  return { pinned: [], ...rest };
}

/**
 * `spaceId` is one of the spaces the caller sees that are not archived: the spaces are computed
 * once per statement (an InitPlan), then each row's space is checked against them. The home feed
 * and search use it; it holds the visibility rule (guild_visible_space_ids), so those need no
 * visibleSpace of their own.
 *
 * Spelled `array_position(spaces, spaceId) is not null`, not `spaceId = any(spaces)`: PostgreSQL
 * estimates `= any` of an array it cannot see as ten values out of the space ids of every
 * organization (its statistics are table-wide), about 0.5% of the rows, when a member usually
 * sees most of their organization's posts. With that estimate the planner read every post (or
 * comment) of the member's spaces and sorted them, rather than walking the organization-wide
 * index for a page: the home feed's first page read 10,000 buffers, a comment search a second of
 * CPU. A function's `is not null` is estimated at nearly every row, so the walk wins; when a
 * member sees few spaces the walk reads more rows per page, never the whole organization's.
 */
export const inOpenSpace = (scope: TenantScope, spaceId: AnyPgColumn) => sql`array_position((
  select coalesce(array_agg(s.id), '{}') from space s
  where s.organization_id = ${scope.organizationId}::uuid and s.archived_at is null
    and s.id = any((select guild_visible_space_ids())::uuid[]))::uuid[], ${spaceId}) is not null`;

function homeFeedWhere(scope: TenantScope, input: z.output<typeof homeFeedInput>): SQL {
  return and(
    feedRows(scope),
    inOpenSpace(scope, post.spaceId),
    after(input.sort, input.cursor),
  ) as SQL;
}

/** The home feed page's statement, as homeFeed runs it (for plan tests and the benchmark). */
export function homeFeedQuery(scope: TenantScope, input: z.output<typeof homeFeedInput>) {
  return pageQuery(scope, input.sort, input.limit, homeFeedWhere(scope, input));
}
