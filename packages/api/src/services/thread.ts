// What comments, reactions and votes hang on: a post or a comment the member may see. One rule
// for the three of them (services/comment.ts, services/reaction.ts): the post is published, not
// deleted, in a space the member sees (visibleSpace, and row-level security under it), and not
// hidden by a moderator unless the member is staff. Anything else is NOT_FOUND, exactly as an
// id that exists nowhere.
import {
  and,
  comment,
  eq,
  isNull,
  post,
  type SQL,
  sql,
  type TenantScope,
  visibleSpace,
} from "@guild/db";
import { notFound } from "../errors.ts";
import { actsAs } from "./actor.ts";

/** Moderators and up (and the system) see hidden posts and comments. */
export const seesHidden = (scope: TenantScope) => actsAs(scope, "moderator");

/** The post's conditions: in the organization, visible to the member, published and live. */
export function postIsOpen(scope: TenantScope): SQL {
  const where = and(
    eq(post.organizationId, scope.organizationId),
    visibleSpace(post.spaceId),
    eq(post.status, "published"),
    isNull(post.deletedAt),
    seesHidden(scope) ? undefined : isNull(post.hiddenAt),
  );
  if (!where) throw new Error("unreachable: the post's conditions are never empty");
  return where;
}

export const missingPost = () => notFound("Post");
export const missingComment = () => notFound("Comment");

export interface ThreadPost {
  id: string;
  spaceId: string;
  authorMemberId: string | null;
  lockedAt: Date | null;
}

const postColumns = {
  id: post.id,
  spaceId: post.spaceId,
  authorMemberId: post.authorMemberId,
  lockedAt: post.lockedAt,
};

/**
 * The post, if the member may see it; NOT_FOUND otherwise. `lock` takes its row lock until the
 * transaction ends: the writers of its counters (comment_count, score, reaction_count) take
 * turns on it, so each reads what the one before wrote.
 */
export async function openPost(
  scope: TenantScope,
  postId: string,
  options: { lock?: boolean } = {},
): Promise<ThreadPost> {
  const query = scope.db
    .select(postColumns)
    .from(post)
    .where(and(postIsOpen(scope), eq(post.id, postId)));
  const [row] = await (options.lock ? query.for("no key update") : query);
  if (!row) throw missingPost();
  return row;
}

export interface ThreadComment {
  id: string;
  postId: string;
  spaceId: string;
  parentCommentId: string | null;
  depth: number;
  authorMemberId: string | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  post: ThreadPost;
}

/**
 * The comment, if the member may see its post (and it is not hidden from them), optionally only
 * if it belongs to `postId`; NOT_FOUND otherwise. A deleted comment is found (its placeholder
 * shows): callers decide what it may still do. `lock` locks the comment's row (its counters).
 */
export async function openComment(
  scope: TenantScope,
  commentId: string,
  options: { postId?: string; lock?: boolean } = {},
): Promise<ThreadComment> {
  const query = scope.db
    .select({
      id: comment.id,
      postId: comment.postId,
      spaceId: comment.spaceId,
      parentCommentId: comment.parentCommentId,
      depth: comment.depth,
      authorMemberId: comment.authorMemberId,
      deletedAt: comment.deletedAt,
      hiddenAt: comment.hiddenAt,
      post: postColumns,
    })
    .from(comment)
    .innerJoin(
      post,
      and(eq(post.organizationId, comment.organizationId), eq(post.id, comment.postId)),
    )
    .where(
      and(
        eq(comment.organizationId, scope.organizationId),
        eq(comment.id, commentId),
        options.postId ? eq(comment.postId, options.postId) : undefined,
        visibleSpace(comment.spaceId),
        seesHidden(scope) ? undefined : isNull(comment.hiddenAt),
        postIsOpen(scope),
      ),
    );
  const [row] = await (options.lock ? query.for("no key update", { of: comment }) : query);
  if (!row) throw missingComment();
  return row;
}

/** A uuid[] parameter. */
export const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(",")}}`}::uuid[]`;
