// Reports (issue 11, moderation): a member reports a post or one of its comments with a reason;
// moderators work through the open ones, oldest first, and resolve each by dismissing it or by
// acting on the content (hide or delete), which resolves every open report of that item.
//
// Space-scoped like the content it is about: the `space_visibility` policy keeps a report in a
// space its reporter can see (and moderators see every space). One open report per member per
// item, by two partial unique indexes as reactions have (the post's own, a comment's); a
// resolved report no longer counts, so the same member may report the item again later.
import { sql } from "drizzle-orm";
import { check, foreignKey, index, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { REPORT_DETAILS_MAX, reportReasons, reportStatuses } from "../enums/moderation.ts";
import { instant, memberRef, textEnum, updatedAt } from "./helpers.ts";
import { comment, post } from "./post.ts";
import { spaceScopedTable } from "./space.ts";

export const contentReport = spaceScopedTable(
  "content_report",
  {
    postId: uuid().notNull(),
    /** Null: the post itself; else a comment of that post. */
    commentId: uuid(),
    /** Null once the reporter left the organization (the report stays in the queue). */
    reporterMemberId: uuid(),
    reason: textEnum(reportReasons).notNull(),
    details: text().notNull().default(""),
    status: textEnum(reportStatuses).notNull().default("open"),
    resolvedByMemberId: uuid(),
    resolvedAt: instant(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      name: "content_report_post_fk",
      columns: [t.organizationId, t.spaceId, t.postId],
      foreignColumns: [post.organizationId, post.spaceId, post.id],
    })
      .onDelete("cascade")
      .onUpdate("cascade"),
    foreignKey({
      name: "content_report_comment_fk",
      columns: [t.organizationId, t.postId, t.commentId],
      foreignColumns: [comment.organizationId, comment.postId, comment.id],
    }).onDelete("cascade"),
    memberRef(t, t.reporterMemberId, "content_report_reporter_member_fk"),
    memberRef(t, t.resolvedByMemberId, "content_report_resolved_by_member_fk"),
    check(
      "content_report_details_check",
      sql`char_length(${t.details}) <= ${sql.raw(String(REPORT_DETAILS_MAX))}`,
    ),
    check("content_report_resolved_check", sql`(${t.status} = 'open') = (${t.resolvedAt} is null)`),
    uniqueIndex("content_report_open_post_unique")
      .on(t.organizationId, t.postId, t.reporterMemberId)
      .where(sql`${t.status} = 'open' and ${t.commentId} is null`),
    uniqueIndex("content_report_open_comment_unique")
      .on(t.organizationId, t.commentId, t.reporterMemberId)
      .where(sql`${t.status} = 'open' and ${t.commentId} is not null`),
    // The open queue, oldest first, by keyset on (created_at, id).
    index("content_report_org_open_idx")
      .on(t.organizationId, t.createdAt, t.id)
      .where(sql`${t.status} = 'open'`),
    // An item's reports (resolving them all at once) and the members' set-null keys.
    index("content_report_org_post_idx").on(t.organizationId, t.postId, t.commentId),
    index("content_report_org_reporter_idx").on(t.organizationId, t.reporterMemberId),
    index("content_report_org_resolved_by_idx").on(t.organizationId, t.resolvedByMemberId),
  ],
);
