import { and, comment, eq, inArray, isNull, post, space, type TenantScope } from "@guild/db";
import { postIsOpen } from "../services/thread.ts";
import { notificationKind } from "./define.ts";

/**
 * The comments of these ids the reader may see (live, in a post and space they see), named by
 * their post and linked to the post's page. Read in the reader's scope: a comment in a space
 * they no longer see is not named.
 */
async function describeComments(scope: TenantScope, targetIds: string[]) {
  const rows = await scope.db
    .select({
      id: comment.id,
      postId: post.id,
      title: post.title,
      body: post.body,
      slug: space.slug,
    })
    .from(comment)
    .innerJoin(
      post,
      and(eq(post.organizationId, comment.organizationId), eq(post.id, comment.postId)),
    )
    .innerJoin(
      space,
      and(eq(space.organizationId, post.organizationId), eq(space.id, post.spaceId)),
    )
    .where(
      and(
        eq(comment.organizationId, scope.organizationId),
        inArray(comment.id, targetIds),
        isNull(comment.deletedAt),
        isNull(comment.hiddenAt),
        postIsOpen(scope),
      ),
    );
  return new Map(
    rows.map((row) => [
      row.id,
      {
        name: row.title ?? shorten(row.body),
        path: `/s/${row.slug}/p/${row.postId}#comment-${row.id}`,
      },
    ]),
  );
}

/** A short update has no title: its first words stand for it. */
function shorten(body: string) {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line || "a post";
}

/** Someone replied to the member's post or comment (comment.create). */
export const commentReplied = notificationKind({
  kind: "comment.replied",
  label: "Someone replies to your post or comment",
  defaults: { inApp: true, mail: true },
  describe: describeComments,
  text: ({ actorName, target }) =>
    `${actorName ?? "Someone"} replied ${target ? `on ${target.name}` : "in a thread that is no longer available"}`,
});

/** Someone @mentioned the member in a comment (comment.create, or an edit adding the mention). */
export const commentMentioned = notificationKind({
  kind: "comment.mentioned",
  label: "Someone mentions you in a comment",
  defaults: { inApp: true, mail: true },
  describe: describeComments,
  text: ({ actorName, target }) =>
    `${actorName ?? "Someone"} mentioned you ${target ? `on ${target.name}` : "in a comment that is no longer available"}`,
});
