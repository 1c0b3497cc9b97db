// Community posts and their threaded comments (issue 11). Both are space-scoped: the
// `space_visibility` policy hides every post and comment of a space the member cannot see, and
// services filter with visibleSpace() as well.
//
// Feeds page by keyset, never OFFSET: each sort walks one index whose trailing columns are
// (sort key, id), so page 100 reads about what page 1 reads. The indexes are partial on live,
// published posts (drafts and deleted posts never show in a feed); hidden posts (moderation)
// are few and filtered on the way.
import { relations, sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  smallint,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import {
  COMMENT_BODY_MAX,
  COMMENT_DEPTH_MAX,
  POST_BODY_MAX,
  POST_TAG_MAX,
  POST_TAGS_MAX,
  POST_TITLE_MAX,
  postStatuses,
  postTypes,
  SHORT_UPDATE_MAX,
} from "../enums/post.ts";
import { instant, memberRef, textEnum, updatedAt } from "./helpers.ts";
import { member, organization } from "./organization.ts";
import { searchable } from "./search.ts";
import { space, spaceScopedTable } from "./space.ts";

/** A published post that is not deleted: the rows every feed index holds. */
const inFeeds = (t: { publishedAt: unknown; deletedAt: unknown }) =>
  sql`${t.publishedAt} is not null and ${t.deletedAt} is null`;

export const post = spaceScopedTable(
  "post",
  {
    /** Null once the author left the organization: the post stays, shown as a former member's. */
    authorMemberId: uuid(),
    /** Null for a short update, whose body is then at most SHORT_UPDATE_MAX characters. */
    title: text(),
    /** Markdown source, rendered by the web's sanitizing renderer. */
    body: text().notNull().default(""),
    type: textEnum(postTypes).notNull().default("discussion"),
    /** Lowercase dash-joined words (POST_TAG_PATTERN), at most POST_TAGS_MAX. */
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    status: textEnum(postStatuses).notNull().default("draft"),
    /** Set when published (never for a draft): the "new" sort's key. */
    publishedAt: instant(),
    /** Pinned posts come first in their space's feed, most recently pinned first. */
    pinnedAt: instant(),
    /** A locked post takes no new comments. */
    lockedAt: instant(),
    /** Hidden by a moderator: gone for members, kept for staff. */
    hiddenAt: instant(),
    /** Deleted by its author or a moderator: gone from feeds and pages. */
    deletedAt: instant(),
    /** The last time its author changed the title, body, type or tags after publishing. */
    editedAt: instant(),
    viewCount: integer().notNull().default(0),
    /** Live comments (kept by the comments service in the statement that writes one). */
    commentCount: integer().notNull().default(0),
    /** Upvotes minus downvotes: the "top" sort's key. */
    score: integer().notNull().default(0),
    reactionCount: integer().notNull().default(0),
    /** Publication, then every new comment: the "active" sort's key. */
    lastActivityAt: instant().notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    memberRef(t, t.authorMemberId, "post_author_member_fk"),
    // Comments point at (organization, space, post): a comment can never sit in one space while
    // its post is in another, and moving a post carries its comments along (on update cascade).
    unique("post_org_space_id_unique").on(t.organizationId, t.spaceId, t.id),
    check(
      "post_title_check",
      sql`${t.title} is null or char_length(btrim(${t.title})) between 1 and ${sql.raw(String(POST_TITLE_MAX))}`,
    ),
    check(
      "post_body_check",
      sql`char_length(${t.body}) <= ${sql.raw(String(POST_BODY_MAX))} and (${t.title} is not null or char_length(btrim(${t.body})) between 1 and ${sql.raw(String(SHORT_UPDATE_MAX))})`,
    ),
    // Tag words are checked in full by the API's schema; the database bounds their number and
    // shape so no writer can store a tag a URL filter could not name.
    check(
      "post_tags_check",
      sql`cardinality(${t.tags}) <= ${sql.raw(String(POST_TAGS_MAX))} and array_position(${t.tags}, null) is null and (cardinality(${t.tags}) = 0 or array_to_string(${t.tags}, ' ') ~ '^[a-z0-9-]{1,${sql.raw(String(POST_TAG_MAX))}}( [a-z0-9-]{1,${sql.raw(String(POST_TAG_MAX))}})*$')`,
    ),
    check(
      "post_published_check",
      sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`,
    ),
    check(
      "post_counts_check",
      sql`${t.viewCount} >= 0 and ${t.commentCount} >= 0 and ${t.reactionCount} >= 0`,
    ),
    // A space's feed, newest first (a backward scan), and the home feed across spaces.
    index("post_org_space_published_idx")
      .on(t.organizationId, t.spaceId, t.publishedAt, t.id)
      .where(inFeeds(t)),
    index("post_org_published_idx").on(t.organizationId, t.publishedAt, t.id).where(inFeeds(t)),
    // "Top": by score.
    index("post_org_space_score_idx")
      .on(t.organizationId, t.spaceId, t.score, t.id)
      .where(inFeeds(t)),
    index("post_org_score_idx").on(t.organizationId, t.score, t.id).where(inFeeds(t)),
    // "Active": by the last comment (or publication).
    index("post_org_space_activity_idx")
      .on(t.organizationId, t.spaceId, t.lastActivityAt, t.id)
      .where(inFeeds(t)),
    index("post_org_activity_idx").on(t.organizationId, t.lastActivityAt, t.id).where(inFeeds(t)),
    // A space's pinned posts (few), read before its feed's first page.
    index("post_org_space_pinned_idx")
      .on(t.organizationId, t.spaceId, t.pinnedAt)
      .where(sql`${t.pinnedAt} is not null and ${inFeeds(t)}`),
    // An author's posts and drafts; also what the author's set-null foreign key needs when a
    // member leaves.
    index("post_org_author_idx").on(t.organizationId, t.authorMemberId, t.updatedAt, t.id),
  ],
);

export const comment = spaceScopedTable(
  "comment",
  {
    postId: uuid().notNull(),
    /** Null for a comment on the post itself; else the comment it replies to (same post). */
    parentCommentId: uuid(),
    /** 0 for a comment on the post, parent's depth + 1 for a reply (at most COMMENT_DEPTH_MAX). */
    depth: smallint().notNull().default(0),
    authorMemberId: uuid(),
    /** Markdown source; emptied when deleted (the thread keeps a "deleted" placeholder). */
    body: text().notNull(),
    editedAt: instant(),
    deletedAt: instant(),
    hiddenAt: instant(),
    /** Upvotes minus downvotes. */
    score: integer().notNull().default(0),
    reactionCount: integer().notNull().default(0),
    /** Direct replies, for "load more replies". */
    replyCount: integer().notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: "comment_post_fk",
      columns: [t.organizationId, t.spaceId, t.postId],
      foreignColumns: [post.organizationId, post.spaceId, post.id],
    })
      .onDelete("cascade")
      .onUpdate("cascade"),
    // A reply's parent is a comment of the same post.
    unique("comment_org_post_id_unique").on(t.organizationId, t.postId, t.id),
    foreignKey({
      name: "comment_parent_fk",
      columns: [t.organizationId, t.postId, t.parentCommentId],
      foreignColumns: [t.organizationId, t.postId, t.id],
    }).onDelete("cascade"),
    memberRef(t, t.authorMemberId, "comment_author_member_fk"),
    check(
      "comment_depth_check",
      sql`${t.depth} between 0 and ${sql.raw(String(COMMENT_DEPTH_MAX))} and (${t.parentCommentId} is null) = (${t.depth} = 0)`,
    ),
    check(
      "comment_body_check",
      sql`char_length(${t.body}) <= ${sql.raw(String(COMMENT_BODY_MAX))} and (${t.deletedAt} is not null or char_length(btrim(${t.body})) >= 1)`,
    ),
    check("comment_counts_check", sql`${t.reactionCount} >= 0 and ${t.replyCount} >= 0`),
    // A thread level in order: a post's top-level comments (parent null) or one comment's
    // replies, oldest first, by keyset on (created_at, id).
    index("comment_org_post_parent_created_idx").on(
      t.organizationId,
      t.postId,
      t.parentCommentId,
      t.createdAt,
      t.id,
    ),
    // A member's comments (profile, moderation) and the author's set-null foreign key.
    index("comment_org_author_idx").on(t.organizationId, t.authorMemberId, t.createdAt, t.id),
    // Searching comments for a common word walks the organization's live comments newest first
    // (services/community-search.ts), probing each one's words until a page is full.
    index("comment_org_created_idx")
      .on(t.organizationId, t.createdAt, t.id)
      .where(sql`${t.deletedAt} is null`),
  ],
);

// Community search (services/community-search.ts): a post by the words of its title, body and
// tags; a comment by its body (a deleted comment's body is emptied, and its terms with it).
searchable(post, "post", [post.title, post.body, post.tags]);
searchable(comment, "comment", [comment.body]);

export const postRelations = relations(post, ({ one, many }) => ({
  organization: one(organization, { fields: [post.organizationId], references: [organization.id] }),
  space: one(space, {
    fields: [post.organizationId, post.spaceId],
    references: [space.organizationId, space.id],
  }),
  author: one(member, {
    fields: [post.organizationId, post.authorMemberId],
    references: [member.organizationId, member.id],
  }),
  comments: many(comment),
}));

export const commentRelations = relations(comment, ({ one }) => ({
  post: one(post, {
    fields: [comment.organizationId, comment.postId],
    references: [post.organizationId, post.id],
  }),
  author: one(member, {
    fields: [comment.organizationId, comment.authorMemberId],
    references: [member.organizationId, member.id],
  }),
}));
