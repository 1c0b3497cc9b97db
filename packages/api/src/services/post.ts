// Community posts (schema/post.ts): writing (a draft, or published at once), editing, deleting
// one's own, reading one, counting its views and one's drafts. Feeds are in feed.ts.
//
// Who sees a post is who sees its space (guild_visible_space_ids, migration 0041): every query
// adds visibleSpace() to its own where, and row-level security enforces the same rule under it.
// A post one cannot see does not exist for them: NOT_FOUND. Beyond that: a draft is its author's
// alone, a deleted post is no one's, and a hidden post (moderation) is its author's and staff's.
import {
  and,
  eq,
  file,
  isNull,
  memberProfile,
  or,
  type PostStatus,
  type PostType,
  post,
  type SQL,
  space,
  sql,
  type TenantScope,
  visibleSpace,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import {
  type createPostInput,
  type draftsInput,
  encodeFeedCursor,
  type postIdInput,
  type updatePostInput,
} from "../schemas/post.ts";
import { recordActivity } from "./activity.ts";
import { actsAs } from "./actor.ts";
import { avatarOf, avatarUrl } from "./avatar.ts";
import { postPublished } from "./community-notifications.ts";
import { actingMember } from "./member.ts";
import { findVisibleSpace } from "./space.ts";
import { awardCommunityXp } from "./xp.ts";

/** How much of a body a feed carries: enough for a preview, the page reads the rest. */
export const EXCERPT_LENGTH = 600;

/** Pinned posts shown above a space's feed, most recently pinned first. */
export const PINNED_MAX = 10;

export interface PostAuthor {
  memberId: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
}

/** A post as feeds and its page show it. */
export interface PostView {
  id: string;
  space: { id: string; slug: string; name: string; icon: string };
  /** Null once the author left the organization ("Former member"). */
  author: PostAuthor | null;
  title: string | null;
  /** The whole body on the post's page; the first EXCERPT_LENGTH characters in a feed. */
  body: string;
  /** The body goes on past what this view carries (feeds). */
  truncated: boolean;
  type: PostType;
  tags: string[];
  status: PostStatus;
  publishedAt: Date | null;
  pinned: boolean;
  locked: boolean;
  hidden: boolean;
  editedAt: Date | null;
  viewCount: number;
  commentCount: number;
  score: number;
  reactionCount: number;
  lastActivityAt: Date;
  createdAt: Date;
  updatedAt: Date;
  isMine: boolean;
}

export const missingPost = () => notFound("Post");

/** Moderators and up see every space, and hidden posts (staff). */
export const isStaff = (scope: TenantScope) => actsAs(scope, "moderator");

const myMemberId = (scope: TenantScope) =>
  scope.actor.kind === "member" ? scope.actor.memberId : null;

/**
 * The posts the caller may read: in a space they see, not deleted, published or their own
 * draft, not hidden unless theirs or they are staff.
 */
export function readablePosts(scope: TenantScope): SQL {
  const me = myMemberId(scope);
  const mine = me ? eq(post.authorMemberId, me) : sql`false`;
  return and(
    eq(post.organizationId, scope.organizationId),
    visibleSpace(post.spaceId),
    isNull(post.deletedAt),
    or(eq(post.status, "published"), mine),
    isStaff(scope) ? undefined : or(isNull(post.hiddenAt), mine),
  ) as SQL;
}

/** The select list of a post with its space and author; `full` carries the whole body. */
export function postColumns(full: boolean) {
  return {
    id: post.id,
    spaceId: post.spaceId,
    spaceSlug: space.slug,
    spaceName: space.name,
    spaceIcon: space.icon,
    authorMemberId: post.authorMemberId,
    authorUsername: memberProfile.username,
    authorDisplayName: memberProfile.displayName,
    authorAvatarFileId: file.id,
    title: post.title,
    body: full ? post.body : sql<string>`left(${post.body}, ${EXCERPT_LENGTH})`,
    truncated: full
      ? sql<boolean>`false`
      : sql<boolean>`char_length(${post.body}) > ${EXCERPT_LENGTH}`,
    type: post.type,
    tags: post.tags,
    status: post.status,
    publishedAt: post.publishedAt,
    pinnedAt: post.pinnedAt,
    lockedAt: post.lockedAt,
    hiddenAt: post.hiddenAt,
    editedAt: post.editedAt,
    viewCount: post.viewCount,
    commentCount: post.commentCount,
    score: post.score,
    reactionCount: post.reactionCount,
    lastActivityAt: post.lastActivityAt,
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
  };
}

/**
 * Posts joined to their space, author profile and the author's picture. With `page` (postPage's
 * CTE, named like the table), "post" is the page's rows.
 */
export function selectPosts(
  scope: TenantScope,
  full: boolean,
  page?: Parameters<TenantScope["db"]["with"]>[0],
) {
  return (page ? scope.db.with(page) : scope.db)
    .select(postColumns(full))
    .from(post)
    .innerJoin(
      space,
      and(eq(space.organizationId, post.organizationId), eq(space.id, post.spaceId)),
    )
    .leftJoin(
      memberProfile,
      and(
        eq(memberProfile.organizationId, post.organizationId),
        eq(memberProfile.memberId, post.authorMemberId),
      ),
    )
    .leftJoin(file, avatarOf(post.organizationId, post.authorMemberId))
    .$dynamic();
}

/**
 * One page of posts: the first `limit` rows of `where` in `orderBy`'s order, read from post alone,
 * then joined to their space, author profile and picture. The page is a CTE named like the table
 * (its select's "post" is the table; the outer select's is the page), so every post column of
 * selectPosts reads the page's rows, and post's row-level security runs once, inside.
 *
 * Why not one select with the joins: PostgreSQL estimates a join of post to space as though
 * space ids were spread over every organization's spaces (its statistics are table-wide), so the
 * joined estimate came out at one row or less, and the planner read every visible post of the
 * organization to sort them (10,000 buffers for the home feed's first page at 4,000 posts)
 * instead of walking the feed's index for a page. Alone, post's estimate is post's, and the walk
 * wins.
 */
export function postPage(
  scope: TenantScope,
  full: boolean,
  options: { where: SQL; orderBy: SQL[]; limit: number },
) {
  const page = scope.db.$with("post").as(
    scope.db
      .select()
      .from(post)
      .where(options.where)
      .orderBy(...options.orderBy)
      .limit(options.limit),
  );
  return selectPosts(scope, full, page).orderBy(...options.orderBy);
}

type PostRow = Awaited<ReturnType<ReturnType<typeof selectPosts>["execute"]>>[number];

export function presentPost(scope: TenantScope, row: PostRow): PostView {
  const me = myMemberId(scope);
  return {
    id: row.id,
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
    title: row.title,
    body: row.body,
    truncated: row.truncated,
    type: row.type,
    tags: row.tags,
    status: row.status,
    publishedAt: row.publishedAt,
    pinned: row.pinnedAt !== null,
    locked: row.lockedAt !== null,
    hidden: row.hiddenAt !== null,
    editedAt: row.editedAt,
    viewCount: row.viewCount,
    commentCount: row.commentCount,
    score: row.score,
    reactionCount: row.reactionCount,
    lastActivityAt: row.lastActivityAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    isMine: me !== null && row.authorMemberId === me,
  };
}

const postTarget = (id: string) => ({ type: "post", id });

/** A post by id as the caller may read it, or NOT_FOUND. */
async function readPost(scope: TenantScope, id: string): Promise<PostView> {
  const [row] = await selectPosts(scope, true)
    .where(and(readablePosts(scope), eq(post.id, id)))
    .limit(1);
  if (!row) throw missingPost();
  return presentPost(scope, row);
}

/**
 * The space a member writes a post in: one they see, not archived, a discussion space. A space
 * they cannot see is NOT_FOUND, as everywhere.
 */
export async function spaceToWriteIn(scope: TenantScope, spaceId: string) {
  const row = await findVisibleSpace(scope, spaceId);
  if (!row) throw notFound("Space");
  if (row.archivedAt)
    throw new AppError("BAD_REQUEST", "This space is archived: it takes no new posts", {
      field: "spaceId",
    });
  if (row.type !== "discussion")
    throw new AppError("BAD_REQUEST", "Posts are written in discussion spaces", {
      field: "spaceId",
    });
  return row;
}

/**
 * A post's first publication: its author's XP, and the learning activity log's entry
 * (services/activity-log.ts), both once per post whatever publishes it again.
 */
async function postEarned(scope: TenantScope, postId: string, authorMemberId: string) {
  const { awarded } = await awardCommunityXp(scope, { kind: "post", id: postId, authorMemberId });
  if (awarded)
    await recordActivity(scope, { action: "post.published", target: { type: "post", id: postId } });
}

/** post.create: a draft, or a published post (then in feeds, and announced live). */
export async function createPost(
  scope: TenantScope,
  input: z.output<typeof createPostInput>,
): Promise<PostView> {
  const me = actingMember(scope);
  await spaceToWriteIn(scope, input.spaceId);
  const now = scope.now();
  const [row] = await scope.db
    .insert(post)
    .values({
      organizationId: scope.organizationId,
      spaceId: input.spaceId,
      authorMemberId: me.memberId,
      title: input.title,
      body: input.body,
      type: input.type,
      tags: input.tags,
      status: input.publish ? "published" : "draft",
      publishedAt: input.publish ? now : null,
      lastActivityAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: post.id });
  if (!row) throw new Error("post insert returned nothing");
  if (input.publish) {
    await publish(scope, { kind: "post.created", target: postTarget(row.id) });
    await postPublished(scope, {
      postId: row.id,
      spaceId: input.spaceId,
      body: input.body,
      isNew: true,
    });
    await postEarned(scope, row.id, me.memberId);
  }
  return readPost(scope, row.id);
}

/**
 * A refusal for a post the caller may not change: FORBIDDEN when they can read it (its
 * existence is no secret to them), NOT_FOUND when they cannot.
 */
async function notYours(scope: TenantScope, id: string, action: string): Promise<AppError> {
  const [row] = await scope.db
    .select({ id: post.id })
    .from(post)
    .where(and(readablePosts(scope), eq(post.id, id)))
    .limit(1);
  return row ? new AppError("FORBIDDEN", `Only its author can ${action} this post`) : missingPost();
}

/**
 * post.update: the author's new title, body, type and tags. A published post gets the edited
 * marker; publish: true publishes a draft. One statement whose where holds the author: a post
 * that is not theirs (or was deleted meanwhile) changes nothing.
 */
export async function updatePost(
  scope: TenantScope,
  input: z.output<typeof updatePostInput>,
): Promise<PostView> {
  const me = actingMember(scope);
  const now = scope.now();
  const wasPublished = sql`${post.status} = 'published'`;
  // The body this edit replaces: its mentions were told already (community-notifications.ts).
  const [before] = await scope.db
    .select({ body: post.body })
    .from(post)
    .where(and(eq(post.organizationId, scope.organizationId), eq(post.id, input.id)));
  const [row] = await scope.db
    .update(post)
    .set({
      title: input.title,
      body: input.body,
      type: input.type,
      tags: input.tags,
      editedAt: sql`case when ${wasPublished} then ${now.toISOString()}::timestamptz else ${post.editedAt} end`,
      ...(input.publish
        ? {
            status: "published" as const,
            publishedAt: sql`coalesce(${post.publishedAt}, ${now.toISOString()}::timestamptz)`,
            lastActivityAt: sql`case when ${wasPublished} then ${post.lastActivityAt} else ${now.toISOString()}::timestamptz end`,
          }
        : {}),
      updatedAt: now,
    })
    .where(
      and(
        eq(post.organizationId, scope.organizationId),
        eq(post.id, input.id),
        eq(post.authorMemberId, me.memberId),
        isNull(post.deletedAt),
        visibleSpace(post.spaceId),
      ),
    )
    .returning({ id: post.id });
  if (!row) throw await notYours(scope, input.id, "edit");
  const view = await readPost(scope, row.id);
  // Only a post published before this edit has the marker: without it, a draft was just
  // published, which is news.
  if (view.status === "published") {
    await publish(scope, {
      kind: view.editedAt ? "post.updated" : "post.created",
      target: postTarget(row.id),
    });
    // A draft just published is news to its space; an edit tells only whom it newly mentions.
    await postPublished(scope, {
      postId: row.id,
      spaceId: view.space.id,
      body: input.body,
      previousBody: view.editedAt ? (before?.body ?? "") : "",
      isNew: !view.editedAt,
    });
    // Once per post (awardXp's key): an edit of a published post earns nothing more.
    await postEarned(scope, row.id, me.memberId);
  }
  return view;
}

/** post.remove: the author deletes their post (soft: gone from feeds and its page). */
export async function removePost(
  scope: TenantScope,
  input: z.output<typeof postIdInput>,
): Promise<{ id: string }> {
  const me = actingMember(scope);
  const now = scope.now();
  const [row] = await scope.db
    .update(post)
    .set({ deletedAt: now, pinnedAt: null, updatedAt: now })
    .where(
      and(
        eq(post.organizationId, scope.organizationId),
        eq(post.id, input.id),
        eq(post.authorMemberId, me.memberId),
        isNull(post.deletedAt),
        visibleSpace(post.spaceId),
      ),
    )
    .returning({ id: post.id, status: post.status });
  if (!row) throw await notYours(scope, input.id, "delete");
  if (row.status === "published")
    await publish(scope, { kind: "post.deleted", target: postTarget(row.id) });
  return { id: row.id };
}

/**
 * post.get: a post's page, read as often as it changes (its live events refetch it), so reading
 * it counts nothing: the page counts its view once with post.view.
 */
export function getPost(
  scope: TenantScope,
  input: z.output<typeof postIdInput>,
): Promise<PostView> {
  return readPost(scope, input.id);
}

/**
 * post.view: the member opened someone else's published post: one UPDATE of the row's counter
 * (no index holds view_count, so PostgreSQL updates it in place, HOT), under the same rule as the
 * read. Their own post or draft counts nothing; a post they cannot see is NOT_FOUND.
 */
export async function countPostView(
  scope: TenantScope,
  input: z.output<typeof postIdInput>,
): Promise<{ counted: boolean }> {
  const me = myMemberId(scope);
  const counted = await scope.db
    .update(post)
    .set({ viewCount: sql`${post.viewCount} + 1`, updatedAt: sql`${post.updatedAt}` })
    .where(
      and(
        readablePosts(scope),
        eq(post.id, input.id),
        eq(post.status, "published"),
        me ? sql`${post.authorMemberId} is distinct from ${me}::uuid` : undefined,
      ),
    )
    .returning({ id: post.id });
  if (counted.length > 0) return { counted: true };
  await readPost(scope, input.id);
  return { counted: false };
}

/** post.drafts: the caller's drafts, most recently changed first (keyset on updated_at, id). */
export async function listDrafts(scope: TenantScope, input: z.output<typeof draftsInput>) {
  const me = actingMember(scope);
  const rows = await selectPosts(scope, false)
    .where(
      and(
        eq(post.organizationId, scope.organizationId),
        eq(post.authorMemberId, me.memberId),
        eq(post.status, "draft"),
        isNull(post.deletedAt),
        visibleSpace(post.spaceId),
        input.cursor
          ? sql`(${post.updatedAt}, ${post.id}) < (${new Date(input.cursor.key).toISOString()}::timestamptz, ${input.cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(sql`${post.updatedAt} desc`, sql`${post.id} desc`)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => presentPost(scope, row)),
    nextCursor:
      rows.length > input.limit && last
        ? encodeFeedCursor({ sort: "new", key: last.updatedAt.getTime(), id: last.id })
        : null,
  };
}
