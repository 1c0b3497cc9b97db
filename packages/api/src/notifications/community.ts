// Community notifications: a reply to one's post or comment, an @mention in a post or a comment,
// a new post in a space one follows, a reaction to one's post or comment, and a moderator's
// action on one's content. Targets are posts or comments, named as the reader
// may see them now: a post in a space they no longer see, or content deleted or hidden since, is
// not named (its author still sees their own hidden post, marked, as everywhere).
import {
  and,
  comment,
  eq,
  inArray,
  isNull,
  or,
  post,
  space,
  sql,
  type TenantScope,
} from "@guild/db";
import { isStaff, readablePosts } from "../services/post.ts";
import { type NotificationTarget, notificationKind } from "./define.ts";

/** A short update has no title: its first words stand for it. */
function nameOf(title: string | null, body: string): string {
  if (title) return title;
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line || "a post";
}

/** Posts and comments of these ids as the reader may see them, by id. */
async function describeContent(scope: TenantScope, targetIds: string[]) {
  const described = new Map<string, NotificationTarget>();
  const posts = await scope.db
    .select({ id: post.id, title: post.title, body: post.body, slug: space.slug })
    .from(post)
    .innerJoin(
      space,
      and(eq(space.organizationId, post.organizationId), eq(space.id, post.spaceId)),
    )
    .where(and(readablePosts(scope), inArray(post.id, targetIds)));
  for (const row of posts)
    described.set(row.id, {
      name: nameOf(row.title, row.body),
      path: `/s/${row.slug}/p/${row.id}`,
    });
  const rest = targetIds.filter((id) => !described.has(id));
  if (rest.length === 0) return described;
  const me = scope.actor.kind === "member" ? scope.actor.memberId : null;
  const comments = await scope.db
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
        readablePosts(scope),
        inArray(comment.id, rest),
        isNull(comment.deletedAt),
        isStaff(scope)
          ? undefined
          : or(isNull(comment.hiddenAt), me ? eq(comment.authorMemberId, me) : sql`false`),
      ),
    );
  for (const row of comments)
    described.set(row.id, {
      name: nameOf(row.title, row.body),
      path: `/s/${row.slug}/p/${row.postId}#comment-${row.id}`,
    });
  return described;
}

/** Someone replied to the member's post or comment (comment.create). */
export const commentReplied = notificationKind({
  kind: "comment.replied",
  label: "Someone replies to your post or comment",
  defaults: { inApp: true, mail: true },
  describe: describeContent,
  text: ({ actorName, target }) =>
    `${actorName ?? "Someone"} replied ${target ? `on ${target.name}` : "in a thread that is no longer available"}`,
});

/** Someone @mentioned the member in a comment (comment.create, or an edit adding the mention). */
export const commentMentioned = notificationKind({
  kind: "comment.mentioned",
  label: "Someone mentions you in a comment",
  defaults: { inApp: true, mail: true },
  describe: describeContent,
  text: ({ actorName, target }) =>
    `${actorName ?? "Someone"} mentioned you ${target ? `on ${target.name}` : "in a comment that is no longer available"}`,
});

/** Someone @mentioned the member in a post (published, or an edit adding the mention). */
export const postMentioned = notificationKind({
  kind: "post.mentioned",
  label: "Someone mentions you in a post",
  defaults: { inApp: true, mail: true },
  describe: describeContent,
  text: ({ actorName, target }) =>
    `${actorName ?? "Someone"} mentioned you ${target ? `in ${target.name}` : "in a post that is no longer available"}`,
});

/** A new post in a space the member joined and did not mute (fanned out by a job). */
export const spaceNewPost = notificationKind({
  kind: "space.new_post",
  label: "A new post in a space you follow",
  defaults: { inApp: true, mail: false },
  describe: describeContent,
  text: ({ actorName, target }) =>
    target
      ? `${actorName ?? "Someone"} posted ${target.name}`
      : `${actorName ?? "Someone"} posted something that is no longer available`,
});

/** Someone reacted to the member's post or comment. */
export const contentReacted = notificationKind({
  kind: "reaction.added",
  label: "Someone reacts to your post or comment",
  defaults: { inApp: true, mail: false },
  describe: describeContent,
  text: ({ actorName, target }) =>
    `${actorName ?? "Someone"} reacted to ${target ? target.name : "something of yours that is no longer available"}`,
});

// A moderator's action on the member's content. Which moderator is not said: the decision is the
// community's staff's, not a person's to argue with in private.

export const contentHidden = notificationKind({
  kind: "moderation.hidden",
  label: "A moderator hides your post or comment",
  defaults: { inApp: true, mail: true },
  describe: describeContent,
  text: ({ target }) =>
    target
      ? `A moderator hid your content in ${target.name}: only you and the moderators see it`
      : "A moderator hid a post or comment of yours",
});

export const contentRemoved = notificationKind({
  kind: "moderation.removed",
  label: "A moderator deletes your post or comment",
  defaults: { inApp: true, mail: true },
  describe: describeContent,
  text: () => "A moderator deleted a post or comment of yours",
});

export const postLocked = notificationKind({
  kind: "moderation.locked",
  label: "A moderator locks your post",
  defaults: { inApp: true, mail: false },
  describe: describeContent,
  text: ({ target }) =>
    `A moderator locked ${target ? target.name : "a post of yours"}: it takes no new comments`,
});
