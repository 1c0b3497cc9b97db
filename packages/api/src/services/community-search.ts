// Community search (issue 11): posts and comments in the spaces the member can see, through the
// platform's indexed search (search_term, ../../db/src/search.ts), ranked, with highlighted
// snippets.
//
// Two ways to a page, chosen per search by search_target_ids (as searchedRows does for lists):
// - few matches (at most SEARCH_MAX_IDS): they are fetched by id and RANKED: posts by how many
//   query words their title holds, then newest; comments newest first;
// - a common word (more matches): the newest-first index of the organization's posts (comments)
//   is walked, probing each row's words until a page is full, so a word in 100k posts costs a
//   page's worth of probes, not 100k rows. Those results are newest first (rank 0).
// The cursor remembers which way the first page went, so a search's pages never mix the two.
//
// Visibility: the rows come from post/comment under the caller's tenant transaction, so RLS hides
// what their spaces hide, and the where repeats the rule (inOpenSpace, which holds visibleSpace's
// rule and leaves archived spaces out) as every service does.
// Terms are per organization, not per space: a word of a private post finds nothing for someone
// who cannot see the post, since the id leads nowhere for them.
import {
  and,
  comment,
  eq,
  file,
  isNotNull,
  isNull,
  memberProfile,
  post,
  SEARCH_MAX_IDS,
  type SQL,
  searchMatches,
  searchWords,
  space,
  sql,
  type TenantScope,
} from "@guild/db";
import type { z } from "zod";
import {
  type communitySearchInput,
  encodeSearchCursor,
  type SearchCursor,
} from "../schemas/community-search.ts";
import { avatarOf, avatarUrl } from "./avatar.ts";
import { inOpenSpace } from "./feed.ts";
import { isStaff, type PostAuthor, type PostView, postPage, presentPost } from "./post.ts";
import { type Highlighted, mark, queryWords, snippet } from "./search-snippet.ts";

type SearchInput = z.output<typeof communitySearchInput>;

export interface PostHit {
  post: PostView;
  /** Query words found in the title (the rank); 0 on a common word's newest-first pages. */
  rank: number;
  title: Highlighted | null;
  snippet: Highlighted;
}

export interface CommentHit {
  id: string;
  post: { id: string; title: string | null };
  space: { id: string; slug: string; name: string; icon: string };
  author: PostAuthor | null;
  createdAt: Date;
  snippet: Highlighted;
}

export interface SearchPage<T> {
  items: T[];
  nextCursor: string | null;
  /** "ranked" when the matches were few enough to rank, "recent" for a common word. */
  mode: SearchCursor["mode"];
}

/** The ids of the organization's rows of `kind` matching every word, or null when too many. */
async function matchingIds(scope: TenantScope, kind: "post" | "comment", q: string) {
  const [row] = await scope.db.execute<{ ids: string[] | null }>(
    sql`select search_target_ids(array[${kind}]::text[], ${searchWords(sql`${q}`)}, ${SEARCH_MAX_IDS}) as ids`,
  );
  return row?.ids ?? null;
}

/** Ids as ONE parameter (an array literal of uuids the database gave), not one per id. */
const uuidArray = (ids: string[] | null) => `{${(ids ?? []).join(",")}}`;

/** How many of the query's words start a word of the post's title. */
const titleRank = (q: string) => sql<number>`(
  select count(*)::int from unnest(${searchWords(sql`${q}`)}) as qw(w)
  where exists (
    select from unnest(search_words(coalesce(${post.title}, ''))) as tw(t)
    where tw.t collate "C" >= qw.w collate "C" and tw.t collate "C" < (qw.w || chr(1114111)) collate "C"))`;

/** titleRank's count in TypeScript, for the cursor (the same words, the same prefix rule). */
function titleWordsFound(title: string | null, words: readonly string[]): number {
  const titleWords = queryWords(title ?? "");
  return words.filter((word) => titleWords.some((t) => t.startsWith(word))).length;
}

const isoAt = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;

/** search.posts: published posts in open spaces the caller sees, not hidden (staff see those). */
export async function searchPosts(
  scope: TenantScope,
  input: SearchInput,
): Promise<SearchPage<PostHit>> {
  const words = queryWords(input.q);
  if (words.length === 0) return { items: [], nextCursor: null, mode: "ranked" };
  const { cursor, limit } = input;
  const ids = cursor?.mode === "recent" ? null : await matchingIds(scope, "post", input.q);
  const mode: SearchCursor["mode"] = cursor?.mode ?? (ids === null ? "recent" : "ranked");
  const rank = mode === "ranked" ? titleRank(input.q) : sql<number>`0`;
  // The feeds' partial index predicate, spelled as the feeds spell it (services/feed.ts).
  const live = and(
    eq(post.organizationId, scope.organizationId),
    isNotNull(post.publishedAt),
    isNull(post.deletedAt),
    isStaff(scope) ? undefined : isNull(post.hiddenAt),
    // Spaces the caller sees (the visibility rule is inside), not archived.
    inOpenSpace(scope, post.spaceId),
  ) as SQL;
  const where =
    mode === "ranked"
      ? and(
          live,
          sql`${post.id} = any(${uuidArray(ids)}::uuid[])`,
          cursor
            ? sql`(${rank}, ${post.publishedAt}, ${post.id}) < (${cursor.rank}, ${isoAt(cursor.at)}, ${cursor.id}::uuid)`
            : undefined,
        )
      : and(
          live,
          searchMatches({
            kinds: ["post"],
            words: searchWords(sql`${input.q}`),
            organizationId: sql`${scope.organizationId}::uuid`,
            targetId: post.id,
          }),
          cursor
            ? sql`(${post.publishedAt}, ${post.id}) < (${isoAt(cursor.at)}, ${cursor.id}::uuid)`
            : undefined,
        );
  const rows = await postPage(scope, true, {
    where: where as SQL,
    orderBy: [
      ...(mode === "ranked" ? [sql`${rank} desc`] : []),
      sql`${post.publishedAt} desc`,
      sql`${post.id} desc`,
    ],
    limit: limit + 1,
  });
  const items = rows.slice(0, limit).map((row): PostHit => {
    const view = presentPost(scope, row);
    return {
      post: { ...view, body: "", truncated: view.body.length > 0 },
      rank: mode === "ranked" ? titleWordsFound(view.title, words) : 0,
      title: view.title === null ? null : mark(view.title, words),
      snippet: snippet(view.body, words),
    };
  });
  const last = items.at(-1);
  return {
    items,
    mode,
    nextCursor:
      rows.length > limit && last
        ? encodeSearchCursor({
            mode,
            rank: last.rank,
            at: last.post.publishedAt?.getTime() ?? 0,
            id: last.post.id,
          })
        : null,
  };
}

/**
 * The statement of one page of search.comments (exported for its plan test): `ids` are the
 * matches to rank when there were few, or null for a common word's newest-first walk.
 */
export function commentSearchQuery(
  scope: TenantScope,
  input: SearchInput,
  mode: SearchCursor["mode"],
  ids: string[] | null,
) {
  const { cursor, limit } = input;
  const staff = isStaff(scope);
  // The page's comments first, from comment alone: the walk of comment_org_created_idx, each
  // row checked (its space, its post, its words) until the page is full. Joined to post, space
  // and author in the same select, the planner multiplied the joins' table-wide selectivities
  // into "about one row matches" and read, joined and sorted every live comment of the
  // organization (a second of CPU per search at 99k comments); alone, the estimate is the
  // comments' and the walk wins. The page is a CTE named like the table (as postPage's), so the
  // select below reads its rows and adds their post, space and author.
  const page = scope.db.$with("comment").as(
    scope.db
      .select()
      .from(comment)
      .where(
        and(
          // comment_org_created_idx's predicate, for the walk.
          eq(comment.organizationId, scope.organizationId),
          isNull(comment.deletedAt),
          staff ? undefined : isNull(comment.hiddenAt),
          // Spaces the caller sees (the visibility rule is inside), not archived.
          inOpenSpace(scope, comment.spaceId),
          sql`exists (
          select from ${post} as commented
          where commented.organization_id = ${comment.organizationId} and commented.id = ${comment.postId}
            and commented.published_at is not null and commented.deleted_at is null
            ${staff ? sql`` : sql`and commented.hidden_at is null`})`,
          mode === "ranked"
            ? sql`${comment.id} = any(${uuidArray(ids)}::uuid[])`
            : searchMatches({
                kinds: ["comment"],
                words: searchWords(sql`${input.q}`),
                organizationId: sql`${scope.organizationId}::uuid`,
                targetId: comment.id,
              }),
          cursor
            ? sql`(${comment.createdAt}, ${comment.id}) < (${isoAt(cursor.at)}, ${cursor.id}::uuid)`
            : undefined,
        ),
      )
      .orderBy(sql`${comment.createdAt} desc`, sql`${comment.id} desc`)
      .limit(limit + 1),
  );
  return scope.db
    .with(page)
    .select({
      id: comment.id,
      body: comment.body,
      createdAt: comment.createdAt,
      postId: post.id,
      postTitle: post.title,
      spaceId: space.id,
      spaceSlug: space.slug,
      spaceName: space.name,
      spaceIcon: space.icon,
      authorMemberId: comment.authorMemberId,
      authorUsername: memberProfile.username,
      authorDisplayName: memberProfile.displayName,
      authorAvatarFileId: file.id,
    })
    .from(comment)
    .innerJoin(
      post,
      and(eq(post.organizationId, comment.organizationId), eq(post.id, comment.postId)),
    )
    .innerJoin(
      space,
      and(eq(space.organizationId, comment.organizationId), eq(space.id, comment.spaceId)),
    )
    .leftJoin(
      memberProfile,
      and(
        eq(memberProfile.organizationId, comment.organizationId),
        eq(memberProfile.memberId, comment.authorMemberId),
      ),
    )
    .leftJoin(file, avatarOf(comment.organizationId, comment.authorMemberId))
    .orderBy(sql`${comment.createdAt} desc`, sql`${comment.id} desc`);
}

/** search.comments: live comments on posts the caller may read, newest first. */
export async function searchComments(
  scope: TenantScope,
  input: SearchInput,
): Promise<SearchPage<CommentHit>> {
  const words = queryWords(input.q);
  if (words.length === 0) return { items: [], nextCursor: null, mode: "ranked" };
  const { cursor, limit } = input;
  const ids = cursor?.mode === "recent" ? null : await matchingIds(scope, "comment", input.q);
  const mode: SearchCursor["mode"] = cursor?.mode ?? (ids === null ? "recent" : "ranked");
  const rows = await commentSearchQuery(scope, input, mode, ids);
  const items = rows.slice(0, limit).map(
    (row): CommentHit => ({
      id: row.id,
      post: { id: row.postId, title: row.postTitle },
      space: { id: row.spaceId, slug: row.spaceSlug, name: row.spaceName, icon: row.spaceIcon },
      author:
        row.authorMemberId && row.authorUsername !== null && row.authorDisplayName !== null
          ? {
              memberId: row.authorMemberId,
              username: row.authorUsername,
              displayName: row.authorDisplayName,
              avatarUrl: avatarUrl(scope.organizationId, row.authorAvatarFileId),
            }
          : null,
      createdAt: row.createdAt,
      snippet: snippet(row.body, words),
    }),
  );
  const last = items.at(-1);
  return {
    items,
    mode,
    nextCursor:
      rows.length > limit && last
        ? encodeSearchCursor({ mode, rank: 0, at: last.createdAt.getTime(), id: last.id })
        : null,
  };
}
