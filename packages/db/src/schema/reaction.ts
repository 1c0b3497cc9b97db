// Reactions (a fixed emoji set) and up/down votes, on posts and on comments (issue 11).
//
// One table each. A row always names its post (and its space, as the post's comments do); a row
// about a comment also names the comment (comment_id), one about the post itself has none. So
// "one of each kind per member per item" is two partial unique indexes per table, one for the
// post's own rows (comment_id null) and one for comments' rows; and the viewer's own state on a
// whole thread is one index range (organization, post, member).
//
// Both are space-scoped: the `space_visibility` policy hides the rows of a space the member
// cannot see, and refuses writes into one. The counters they feed (post and comment score and
// reaction_count) are kept by services/reaction.ts in the same transaction, under the item's
// row lock, so concurrent toggles leave counts equal to the rows.
//
// A member who leaves keeps their reactions and votes counted, as a former member's (member_id
// set null), like their posts: deleting them would leave the counters off.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  foreignKey,
  index,
  smallint,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { reactionEmojis } from "../enums/reaction.ts";
import { memberRef, textEnum } from "./helpers.ts";
import { comment, post } from "./post.ts";
import { spaceScopedTable } from "./space.ts";

/** The columns saying which item a reaction or vote is about. */
const itemColumns = () => ({
  postId: uuid().notNull(),
  /** Null: the post itself; else a comment of that post. */
  commentId: uuid(),
  /** Null once the member left the organization (still counted). */
  memberId: uuid(),
});

type ItemColumns = {
  organizationId: AnyPgColumn;
  spaceId: AnyPgColumn;
  postId: AnyPgColumn;
  commentId: AnyPgColumn;
};

/**
 * The item's foreign keys: the post in the same space (a post moved to another space carries its
 * rows along, as it does its comments), and the comment of that post. Deleting either deletes
 * the rows (and the counters on it with them).
 */
function itemKeys(name: string, t: ItemColumns) {
  return [
    foreignKey({
      name: `${name}_post_fk`,
      columns: [t.organizationId, t.spaceId, t.postId],
      foreignColumns: [post.organizationId, post.spaceId, post.id],
    })
      .onDelete("cascade")
      .onUpdate("cascade"),
    foreignKey({
      name: `${name}_comment_fk`,
      columns: [t.organizationId, t.postId, t.commentId],
      foreignColumns: [comment.organizationId, comment.postId, comment.id],
    }).onDelete("cascade"),
  ];
}

export const reaction = spaceScopedTable(
  "reaction",
  { ...itemColumns(), emoji: textEnum(reactionEmojis).notNull() },
  (t) => [
    ...itemKeys("reaction", t),
    memberRef(t, t.memberId, "reaction_member_fk"),
    // One of each emoji per member per item. The emoji before the member: a page's per-emoji
    // counts group along the index.
    uniqueIndex("reaction_org_post_emoji_member_unique")
      .on(t.organizationId, t.postId, t.emoji, t.memberId)
      .where(sql`${t.commentId} is null`),
    uniqueIndex("reaction_org_comment_emoji_member_unique")
      .on(t.organizationId, t.commentId, t.emoji, t.memberId)
      .where(sql`${t.commentId} is not null`),
    // The viewer's own reactions on a post and its comments; the member's set-null key.
    index("reaction_org_member_post_idx").on(t.organizationId, t.memberId, t.postId),
  ],
);

export const vote = spaceScopedTable(
  "vote",
  {
    ...itemColumns(),
    /** +1 up, −1 down ("none" is no row). */
    value: smallint().notNull(),
  },
  (t) => [
    ...itemKeys("vote", t),
    memberRef(t, t.memberId, "vote_member_fk"),
    check("vote_value_check", sql`${t.value} in (-1, 1)`),
    // One vote per member per item.
    uniqueIndex("vote_org_post_member_unique")
      .on(t.organizationId, t.postId, t.memberId)
      .where(sql`${t.commentId} is null`),
    uniqueIndex("vote_org_comment_member_unique")
      .on(t.organizationId, t.commentId, t.memberId)
      .where(sql`${t.commentId} is not null`),
    index("vote_org_member_post_idx").on(t.organizationId, t.memberId, t.postId),
  ],
);
