// Comments (schema/post.ts): threaded replies under a post, at most COMMENT_DEPTH_MAX deep (a
// reply to a comment at that depth joins its parent's replies instead). A post's comments page
// by keyset on (created_at, id), oldest first, each with its first few replies two levels down;
// "load more replies" pages one comment's replies the same way. Deleting leaves a placeholder
// (no body, no author) so the replies under it keep their place.
//
// Counters, kept in the transaction of the change: post.comment_count (live comments) and
// last_activity_at (the "active" sort), comment.reply_count (direct replies, placeholders
// included, as they still show). Writers take the post's row lock first, then the parent's.
import {
  and,
  asc,
  COMMENT_DEPTH_MAX,
  comment,
  eq,
  file,
  inArray,
  isNull,
  lte,
  member,
  memberProfile,
  post,
  type SQL,
  sql,
  type TenantScope,
  user,
  visibleSpace,
} from "@guild/db";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import { can } from "../policies/comment.ts";
import { publish } from "../realtime/event-log.ts";
import type {
  CommentCursor,
  createCommentInput,
  listCommentsInput,
  listRepliesInput,
  updateCommentInput,
} from "../schemas/comment.ts";
import { parseMentions } from "../schemas/mention.ts";
import { avatarOf, avatarUrl } from "./avatar.ts";
import { commentWritten } from "./comment-notifications.ts";
import { actingMember } from "./member.ts";
import { type ReactionState, reactionStates } from "./reaction.ts";
import { missingComment, openComment, openPost, seesHidden } from "./thread.ts";
import { awardCommunityXp } from "./xp.ts";

/** Replies shown under each comment before "load more replies". */
export const REPLY_PREVIEW = 3;
/** Levels of replies a page brings along (deeper ones load on demand). */
const PREVIEW_LEVELS = 2;

export interface CommentAuthor {
  memberId: string;
  name: string;
  username: string | null;
  avatarUrl: string | null;
}

export interface CommentView {
  id: string;
  postId: string;
  parentCommentId: string | null;
  depth: number;
  /** "deleted" and (for members) "hidden" are placeholders: no body, no author. */
  status: "live" | "deleted" | "hidden";
  /** Hidden by a moderator: only moderators and up still read it (live), marked and unhidden. */
  hidden: boolean;
  /** Null: a former member (or a placeholder). */
  author: CommentAuthor | null;
  /** Markdown; null for a placeholder. */
  body: string | null;
  createdAt: Date;
  editedAt: Date | null;
  replyCount: number;
  reactions: ReactionState;
  canEdit: boolean;
  canDelete: boolean;
  /** The first replies (up to REPLY_PREVIEW, two levels down from the page's comments). */
  replies: CommentView[];
  /** Where "load more replies" continues; null when every reply is shown (or none). */
  moreReplies: CommentCursor | null;
}

export interface CommentPage {
  items: CommentView[];
  nextCursor: CommentCursor | null;
}

const columns = {
  id: comment.id,
  postId: comment.postId,
  parentCommentId: comment.parentCommentId,
  depth: comment.depth,
  authorMemberId: comment.authorMemberId,
  body: comment.body,
  createdAt: comment.createdAt,
  editedAt: comment.editedAt,
  deletedAt: comment.deletedAt,
  hiddenAt: comment.hiddenAt,
  score: comment.score,
  reactionCount: comment.reactionCount,
  replyCount: comment.replyCount,
  authorName: memberProfile.displayName,
  authorUsername: memberProfile.username,
  userName: user.name,
  userImage: user.image,
  avatarFileId: file.id,
};

/** Comments with their author's profile and picture. */
function commentRows(scope: TenantScope, where: SQL | undefined) {
  return scope.db
    .select(columns)
    .from(comment)
    .leftJoin(
      member,
      and(eq(member.organizationId, comment.organizationId), eq(member.id, comment.authorMemberId)),
    )
    .leftJoin(user, eq(user.id, member.userId))
    .leftJoin(
      memberProfile,
      and(
        eq(memberProfile.organizationId, comment.organizationId),
        eq(memberProfile.memberId, member.id),
      ),
    )
    .leftJoin(file, avatarOf(comment.organizationId, member.id))
    .where(
      and(eq(comment.organizationId, scope.organizationId), visibleSpace(comment.spaceId), where),
    )
    .orderBy(asc(comment.createdAt), asc(comment.id));
}
type CommentRow = Awaited<ReturnType<typeof commentRows>>[number];

const after = (cursor: CommentCursor | null | undefined) =>
  cursor
    ? sql`(${comment.createdAt}, ${comment.id}) > (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`
    : undefined;

const cursorOf = (row: { createdAt: Date; id: string }): CommentCursor => ({
  createdAt: row.createdAt,
  id: row.id,
});

/** The rows as the viewer sees them, with their reaction bars (replies attached later). */
async function present(scope: TenantScope, rows: CommentRow[]): Promise<CommentView[]> {
  const staff = seesHidden(scope);
  const me = scope.actor.kind === "member" ? scope.actor : null;
  const states = await reactionStates(
    scope,
    rows.map((row) => ({
      postId: row.postId,
      commentId: row.id,
      score: row.score,
      reactionCount: row.reactionCount,
    })),
  );
  return rows.map((row) => {
    const status = row.deletedAt ? "deleted" : row.hiddenAt && !staff ? "hidden" : "live";
    const placeholder = status !== "live";
    const reactions = states.get(row.id);
    if (!reactions) throw new Error("no reaction state for a listed comment");
    const rule = { authorMemberId: row.authorMemberId, deleted: row.deletedAt !== null };
    return {
      id: row.id,
      postId: row.postId,
      parentCommentId: row.parentCommentId,
      depth: row.depth,
      status,
      hidden: row.hiddenAt !== null,
      author:
        placeholder || row.authorMemberId === null
          ? null
          : {
              memberId: row.authorMemberId,
              name: row.authorName ?? row.userName ?? "Former member",
              username: row.authorUsername,
              avatarUrl: avatarUrl(scope.organizationId, row.avatarFileId) ?? row.userImage,
            },
      body: placeholder ? null : row.body,
      createdAt: row.createdAt,
      editedAt: placeholder ? null : row.editedAt,
      replyCount: row.replyCount,
      reactions,
      canEdit: me !== null && can(me, "edit", rule),
      canDelete: me !== null && can(me, "delete", rule),
      replies: [],
      moreReplies: null,
    };
  });
}

/**
 * Attaches to each comment its first REPLY_PREVIEW replies, `levels` levels down: per level one
 * query ranking replies per parent (the (post, parent, created_at, id) index) and one reading
 * the chosen ones.
 */
async function attachReplies(
  scope: TenantScope,
  postId: string,
  comments: CommentView[],
  levels: number,
) {
  let level = comments;
  for (let depth = 0; depth < levels; depth++) {
    const parents = level.filter((c) => c.replyCount > 0);
    if (parents.length === 0) return;
    const ranked = scope.db
      .select({
        id: comment.id,
        rank: sql<number>`row_number() over (partition by ${comment.parentCommentId}
          order by ${comment.createdAt}, ${comment.id})`.as("rank"),
      })
      .from(comment)
      .where(
        and(
          eq(comment.organizationId, scope.organizationId),
          eq(comment.postId, postId),
          inArray(
            comment.parentCommentId,
            parents.map((p) => p.id),
          ),
        ),
      )
      .as("ranked");
    const chosen = scope.db
      .select({ id: ranked.id })
      .from(ranked)
      .where(lte(ranked.rank, REPLY_PREVIEW));
    const replies = await present(scope, await commentRows(scope, inArray(comment.id, chosen)));
    const byParent = new Map(parents.map((p) => [p.id, p]));
    for (const reply of replies) {
      const parent = reply.parentCommentId ? byParent.get(reply.parentCommentId) : undefined;
      parent?.replies.push(reply);
    }
    for (const parent of parents) {
      const last = parent.replies.at(-1);
      parent.moreReplies =
        last && parent.replyCount > parent.replies.length ? cursorOf(last) : null;
    }
    level = replies;
  }
}

/** A page of one thread level (`parent` null: the post's own comments), replies attached. */
async function threadPage(
  scope: TenantScope,
  postId: string,
  parent: string | null,
  input: { limit: number; cursor?: CommentCursor | null | undefined },
): Promise<CommentPage> {
  const rows = await commentRows(
    scope,
    and(
      eq(comment.postId, postId),
      parent === null ? isNull(comment.parentCommentId) : eq(comment.parentCommentId, parent),
      after(input.cursor),
    ),
  ).limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const items = await present(scope, page);
  await attachReplies(scope, postId, items, PREVIEW_LEVELS);
  const last = page.at(-1);
  return { items, nextCursor: rows.length > input.limit && last ? cursorOf(last) : null };
}

/** comment.list: a post's comments, oldest first, each with its first replies. */
export async function listComments(
  scope: TenantScope,
  input: z.output<typeof listCommentsInput>,
): Promise<CommentPage> {
  const found = await openPost(scope, input.postId);
  return threadPage(scope, found.id, null, input);
}

/** comment.replies: "load more replies" under one comment. */
export async function listReplies(
  scope: TenantScope,
  input: z.output<typeof listRepliesInput>,
): Promise<CommentPage> {
  const parent = await openComment(scope, input.commentId);
  return threadPage(scope, parent.postId, parent.id, input);
}

/** One comment as comment.list shows it (with its first replies). */
export async function getComment(scope: TenantScope, id: string): Promise<CommentView> {
  const [row] = await commentRows(scope, eq(comment.id, id));
  if (!row) throw missingComment();
  const [view] = await present(scope, [row]);
  if (!view) throw missingComment();
  await attachReplies(scope, row.postId, [view], PREVIEW_LEVELS);
  return view;
}

/** The members a body mentions by @username, in the organization (the author excluded). */
async function mentionedMembers(scope: TenantScope, body: string, authorId: string) {
  const usernames = parseMentions(body).slice(0, 50);
  if (usernames.length === 0) return [];
  const rows = await scope.db
    .select({ memberId: memberProfile.memberId })
    .from(memberProfile)
    .where(
      and(
        eq(memberProfile.organizationId, scope.organizationId),
        inArray(memberProfile.username, usernames),
      ),
    );
  return rows.map((row) => row.memberId).filter((id) => id !== authorId);
}

const lockedPost = () =>
  new AppError("FORBIDDEN", "This post is locked: it takes no new comments", { field: "body" });

/**
 * comment.create: a comment on a post the member sees, or a reply to one of its comments (a reply
 * deeper than COMMENT_DEPTH_MAX joins its parent's replies). A locked post takes none, except
 * from moderators (a closing word).
 */
export async function createComment(
  scope: TenantScope,
  input: z.output<typeof createCommentInput>,
): Promise<CommentView> {
  const me = actingMember(scope);
  const thread = await openPost(scope, input.postId, { lock: true });
  if (thread.lockedAt && !seesHidden(scope)) throw lockedPost();
  let parent: Awaited<ReturnType<typeof openComment>> | null = null;
  if (input.parentCommentId) {
    parent = await openComment(scope, input.parentCommentId, { postId: thread.id });
    if (parent.depth >= COMMENT_DEPTH_MAX && parent.parentCommentId)
      parent = await openComment(scope, parent.parentCommentId, { postId: thread.id });
    if (parent.deletedAt)
      throw new AppError("CONFLICT", "This comment was deleted: reply to the post instead", {
        field: "parentCommentId",
      });
    // Its reply_count: the row lock, after the post's (the order every writer takes them in).
    await scope.db
      .select({ id: comment.id })
      .from(comment)
      .where(and(eq(comment.organizationId, scope.organizationId), eq(comment.id, parent.id)))
      .for("no key update");
  }
  const now = scope.now();
  const [created] = await scope.db
    .insert(comment)
    .values({
      organizationId: scope.organizationId,
      spaceId: thread.spaceId,
      postId: thread.id,
      parentCommentId: parent?.id ?? null,
      depth: parent ? parent.depth + 1 : 0,
      authorMemberId: me.memberId,
      body: input.body,
      createdAt: now,
    })
    .returning({ id: comment.id });
  if (!created) throw new Error("the comment just created is gone");
  if (parent)
    await scope.db
      .update(comment)
      .set({ replyCount: sql`${comment.replyCount} + 1`, updatedAt: sql`${comment.updatedAt}` })
      .where(and(eq(comment.organizationId, scope.organizationId), eq(comment.id, parent.id)));
  await scope.db
    .update(post)
    .set({
      commentCount: sql`${post.commentCount} + 1`,
      lastActivityAt: sql`greatest(${post.lastActivityAt}, ${now.toISOString()}::timestamptz)`,
      updatedAt: sql`${post.updatedAt}`,
    })
    .where(and(eq(post.organizationId, scope.organizationId), eq(post.id, thread.id)));
  await publish(scope, { kind: "comment.created", target: { type: "post", id: thread.id } });
  await commentWritten(scope, {
    commentId: created.id,
    postId: thread.id,
    spaceId: thread.spaceId,
    postAuthorMemberId: thread.authorMemberId,
    parentAuthorMemberId: parent?.authorMemberId ?? null,
    mentionedMemberIds: await mentionedMembers(scope, input.body, me.memberId),
  });
  await awardCommunityXp(scope, { kind: "comment", id: created.id, authorMemberId: me.memberId });
  return getComment(scope, created.id);
}

/** The comment, if the acting member may do `action` to it (FORBIDDEN, saying why, if not). */
async function ownComment(scope: TenantScope, id: string, action: "edit" | "delete") {
  const me = actingMember(scope);
  const found = await openComment(scope, id);
  const rule = { authorMemberId: found.authorMemberId, deleted: found.deletedAt !== null };
  if (rule.deleted) throw new AppError("CONFLICT", "This comment was deleted");
  if (!can(me, action, rule))
    throw new AppError(
      "FORBIDDEN",
      action === "edit"
        ? "Only its author can edit a comment"
        : "Only its author can delete a comment",
    );
  return { me, found };
}

/** comment.update: the author rewrites their comment (marked edited). */
export async function updateComment(
  scope: TenantScope,
  input: z.output<typeof updateCommentInput>,
): Promise<CommentView> {
  const { me, found } = await ownComment(scope, input.id, "edit");
  const before = await scope.db
    .select({ body: comment.body })
    .from(comment)
    .where(and(eq(comment.organizationId, scope.organizationId), eq(comment.id, found.id)));
  const rows = await scope.db
    .update(comment)
    .set({ body: input.body, editedAt: scope.now() })
    .where(
      and(
        eq(comment.organizationId, scope.organizationId),
        eq(comment.id, found.id),
        eq(comment.authorMemberId, me.memberId),
        isNull(comment.deletedAt),
      ),
    )
    .returning({ id: comment.id });
  if (rows.length === 0) throw missingComment();
  await publish(scope, { kind: "comment.updated", target: { type: "post", id: found.postId } });
  // Only people the edit newly mentions are told (the others were, or were not, already).
  const earlier = new Set(parseMentions(before[0]?.body ?? ""));
  const added = parseMentions(input.body).filter((name) => !earlier.has(name));
  if (added.length > 0)
    await commentWritten(scope, {
      commentId: found.id,
      postId: found.postId,
      spaceId: found.spaceId,
      postAuthorMemberId: null,
      parentAuthorMemberId: null,
      mentionedMemberIds: await mentionedMembers(
        scope,
        added.map((n) => `@${n}`).join(" "),
        me.memberId,
      ),
    });
  return getComment(scope, found.id);
}

/**
 * comment.remove: the author deletes their comment. Its placeholder stays (replies keep their
 * place); its body is emptied, and the post counts one comment fewer.
 */
export async function removeComment(
  scope: TenantScope,
  input: { id: string },
): Promise<{ id: string }> {
  const { me, found } = await ownComment(scope, input.id, "delete");
  await openPost(scope, found.postId, { lock: true });
  const rows = await scope.db
    .update(comment)
    .set({ body: "", deletedAt: scope.now() })
    .where(
      and(
        eq(comment.organizationId, scope.organizationId),
        eq(comment.id, found.id),
        eq(comment.authorMemberId, me.memberId),
        isNull(comment.deletedAt),
      ),
    )
    .returning({ id: comment.id });
  if (rows.length === 0) throw missingComment();
  await scope.db
    .update(post)
    .set({
      commentCount: sql`greatest(${post.commentCount} - 1, 0)`,
      updatedAt: sql`${post.updatedAt}`,
    })
    .where(and(eq(post.organizationId, scope.organizationId), eq(post.id, found.postId)));
  await publish(scope, { kind: "comment.deleted", target: { type: "post", id: found.postId } });
  return { id: found.id };
}
