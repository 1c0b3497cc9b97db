// Moderation (issue 11): moderators and up pin, lock, hide and delete any post or comment, and
// work the report queue members fill. Each change is one statement whose where holds the
// organization, the id and the space rule (moderators see every space: guild_visible_space_ids),
// so an id from elsewhere changes nothing and answers NOT_FOUND; each is recorded in the
// organization's audit log (activity) and told to the content's author, in the same transaction.
//
// Who sees hidden content is the posts' and comments' own read rule (services/post.ts
// readablePosts, the comments' thread rule): gone for members, kept and marked for staff and
// for its author.
import {
  type AnyPgColumn,
  and,
  comment,
  contentReport,
  eq,
  isNotNull,
  isNull,
  type MemberRole,
  member,
  memberProfile,
  post,
  type ReportResolution,
  type SQL,
  space,
  sql,
  type TenantScope,
  visibleSpace,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import type { NotificationKindName } from "../notifications/index.ts";
import { publish } from "../realtime/event-log.ts";
import type {
  listReportsInput,
  reportContentInput,
  resolveReportInput,
} from "../schemas/moderation.ts";
import { recordActivity } from "./activity.ts";
import { actingMember } from "./member.ts";
import { notify } from "./notification.ts";
import { isStaff, type PostView, presentPost, readablePosts, selectPosts } from "./post.ts";

const missingComment = () => notFound("Comment");
const missingReport = () => notFound("Report");

/** A published, live post in a space the moderator sees (every space, for staff). */
const moderatablePost = (scope: TenantScope, id: string) =>
  and(
    eq(post.organizationId, scope.organizationId),
    eq(post.id, id),
    visibleSpace(post.spaceId),
    isNull(post.deletedAt),
    eq(post.status, "published"),
  ) as SQL;

const moderatableComment = (scope: TenantScope, id: string) =>
  and(
    eq(comment.organizationId, scope.organizationId),
    eq(comment.id, id),
    visibleSpace(comment.spaceId),
    isNull(comment.deletedAt),
  ) as SQL;

/** The post as its page shows it to the moderator (hidden ones included, marked). */
async function postAsShown(scope: TenantScope, id: string): Promise<PostView> {
  const [row] = await selectPosts(scope, true)
    .where(and(readablePosts(scope), eq(post.id, id)))
    .limit(1);
  if (!row) throw notFound("Post");
  return presentPost(scope, row);
}

/** Every open report of an item is settled by acting on the item, whoever reported it. */
async function settleReports(
  scope: TenantScope,
  item: { postId: string; commentId: string | null },
) {
  const me = actingMember(scope);
  const settled = await scope.db
    .update(contentReport)
    .set({
      status: "actioned",
      resolvedAt: scope.now(),
      resolvedByMemberId: me.memberId,
      updatedAt: scope.now(),
    })
    .where(
      and(
        eq(contentReport.organizationId, scope.organizationId),
        eq(contentReport.postId, item.postId),
        item.commentId
          ? eq(contentReport.commentId, item.commentId)
          : isNull(contentReport.commentId),
        eq(contentReport.status, "open"),
      ),
    )
    .returning({ id: contentReport.id });
  if (settled.length > 0)
    await publish(
      scope,
      settled.map((row) => ({ kind: "report.resolved", target: { type: "report", id: row.id } })),
    );
}

/**
 * Sets or clears one of a post's moderation stamps. Setting what is already set (or clearing
 * what is clear) changes nothing and records nothing: a double click is one action.
 */
async function setPostStamp(
  scope: TenantScope,
  id: string,
  stamp: { column: AnyPgColumn; field: "pinnedAt" | "lockedAt" | "hiddenAt"; on: boolean },
  effect: { action: string; notifyKind?: NotificationKindName },
): Promise<PostView> {
  const now = scope.now();
  const [row] = await scope.db
    .update(post)
    .set({ [stamp.field]: stamp.on ? now : null, updatedAt: now })
    .where(
      and(moderatablePost(scope, id), stamp.on ? isNull(stamp.column) : isNotNull(stamp.column)),
    )
    .returning({ id: post.id, authorMemberId: post.authorMemberId });
  if (row) {
    const target = { type: "post", id: row.id };
    await recordActivity(scope, {
      action: effect.action,
      target,
      changes: { [stamp.field]: { from: stamp.on ? null : "set", to: stamp.on ? now : null } },
    });
    // Hiding is told to all who see the space (realtime/post.ts), not only to those who may
    // still read the post, so an open page lets it go.
    const hidden = stamp.field === "hiddenAt" && stamp.on;
    await publish(scope, { kind: hidden ? "post.hidden" : "post.updated", target });
    if (effect.notifyKind)
      await notify(scope, { kind: effect.notifyKind, target, recipients: [row.authorMemberId] });
  } else {
    // Nothing changed: either it is already so, or the moderator cannot act on it.
    const [exists] = await scope.db
      .select({ id: post.id })
      .from(post)
      .where(moderatablePost(scope, id));
    if (!exists) throw notFound("Post");
  }
  return postAsShown(scope, id);
}

export function setPostPinned(scope: TenantScope, input: { id: string; pinned: boolean }) {
  return setPostStamp(
    scope,
    input.id,
    { column: post.pinnedAt, field: "pinnedAt", on: input.pinned },
    { action: input.pinned ? "post.pinned" : "post.unpinned" },
  );
}

export function setPostLocked(scope: TenantScope, input: { id: string; locked: boolean }) {
  return setPostStamp(
    scope,
    input.id,
    { column: post.lockedAt, field: "lockedAt", on: input.locked },
    input.locked
      ? { action: "post.locked", notifyKind: "moderation.locked" }
      : { action: "post.unlocked" },
  );
}

export async function setPostHidden(scope: TenantScope, input: { id: string; hidden: boolean }) {
  const view = await setPostStamp(
    scope,
    input.id,
    { column: post.hiddenAt, field: "hiddenAt", on: input.hidden },
    input.hidden
      ? { action: "post.hidden", notifyKind: "moderation.hidden" }
      : { action: "post.unhidden" },
  );
  if (input.hidden) await settleReports(scope, { postId: input.id, commentId: null });
  return view;
}

/** A moderator deletes a post (soft, as its author's delete: gone from feeds and its page). */
export async function moderatorRemovePost(scope: TenantScope, input: { id: string }) {
  const now = scope.now();
  const [row] = await scope.db
    .update(post)
    .set({ deletedAt: now, pinnedAt: null, updatedAt: now })
    .where(moderatablePost(scope, input.id))
    .returning({ id: post.id, authorMemberId: post.authorMemberId });
  if (!row) throw notFound("Post");
  const target = { type: "post", id: row.id };
  await recordActivity(scope, { action: "post.moderator_deleted", target });
  await publish(scope, { kind: "post.deleted", target });
  await notify(scope, { kind: "moderation.removed", target, recipients: [row.authorMemberId] });
  await settleReports(scope, { postId: row.id, commentId: null });
  return { id: row.id };
}

/** A comment's id, post, hidden state and author, as the moderator may act on it. */
async function commentView(scope: TenantScope, id: string) {
  const [row] = await scope.db
    .select({
      id: comment.id,
      postId: comment.postId,
      hidden: sql<boolean>`${comment.hiddenAt} is not null`,
    })
    .from(comment)
    .where(moderatableComment(scope, id));
  if (!row) throw missingComment();
  return row;
}

export async function setCommentHidden(scope: TenantScope, input: { id: string; hidden: boolean }) {
  const now = scope.now();
  const [row] = await scope.db
    .update(comment)
    .set({ hiddenAt: input.hidden ? now : null, updatedAt: now })
    .where(
      and(
        moderatableComment(scope, input.id),
        input.hidden ? isNull(comment.hiddenAt) : isNotNull(comment.hiddenAt),
      ),
    )
    .returning({ id: comment.id, postId: comment.postId, authorMemberId: comment.authorMemberId });
  if (row) {
    const target = { type: "comment", id: row.id };
    await recordActivity(scope, {
      action: input.hidden ? "comment.hidden" : "comment.unhidden",
      target,
    });
    // The thread it sits in changed for everyone reading the post (comment events target it).
    await publish(scope, { kind: "comment.updated", target: { type: "post", id: row.postId } });
    if (input.hidden) {
      await notify(scope, {
        kind: "moderation.hidden",
        target,
        recipients: [row.authorMemberId],
      });
      await settleReports(scope, { postId: row.postId, commentId: row.id });
    }
  }
  return commentView(scope, input.id);
}

/**
 * A moderator deletes a comment: its body is emptied and the thread keeps a "deleted"
 * placeholder, as when its author deletes it; the post's count of live comments follows in the
 * same transaction.
 */
export async function moderatorRemoveComment(scope: TenantScope, input: { id: string }) {
  const now = scope.now();
  const [row] = await scope.db
    .update(comment)
    .set({ deletedAt: now, body: "", updatedAt: now })
    .where(moderatableComment(scope, input.id))
    .returning({ id: comment.id, postId: comment.postId, authorMemberId: comment.authorMemberId });
  if (!row) throw missingComment();
  await scope.db
    .update(post)
    .set({ commentCount: sql`greatest(${post.commentCount} - 1, 0)` })
    .where(and(eq(post.organizationId, scope.organizationId), eq(post.id, row.postId)));
  const target = { type: "comment", id: row.id };
  await recordActivity(scope, { action: "comment.moderator_deleted", target });
  await publish(scope, { kind: "comment.deleted", target: { type: "post", id: row.postId } });
  await notify(scope, { kind: "moderation.removed", target, recipients: [row.authorMemberId] });
  await settleReports(scope, { postId: row.postId, commentId: row.id });
  return { id: row.id };
}

/**
 * A member reports a post, or a comment of it, that they can read. Reporting the same item again
 * while their report is open changes nothing and answers that report (one open report per member
 * per item: the unique indexes decide, so a double click is one report).
 */
export async function reportContent(
  scope: TenantScope,
  input: z.output<typeof reportContentInput>,
) {
  const me = actingMember(scope);
  const [target] = await scope.db
    .select({ postId: post.id, spaceId: post.spaceId })
    .from(post)
    .where(and(readablePosts(scope), eq(post.id, input.postId), eq(post.status, "published")));
  if (!target) throw notFound("Post");
  const commentId = input.commentId ?? null;
  if (commentId) {
    const staff = isStaff(scope);
    const [found] = await scope.db
      .select({ id: comment.id })
      .from(comment)
      .where(
        and(
          eq(comment.organizationId, scope.organizationId),
          eq(comment.id, commentId),
          eq(comment.postId, target.postId),
          isNull(comment.deletedAt),
          staff
            ? undefined
            : sql`(${comment.hiddenAt} is null or ${comment.authorMemberId} = ${me.memberId}::uuid)`,
        ),
      );
    if (!found) throw missingComment();
  }
  const [created] = await scope.db
    .insert(contentReport)
    .values({
      organizationId: scope.organizationId,
      spaceId: target.spaceId,
      postId: target.postId,
      commentId,
      reporterMemberId: me.memberId,
      reason: input.reason,
      details: input.details,
      createdAt: scope.now(),
      updatedAt: scope.now(),
    })
    .onConflictDoNothing()
    .returning({ id: contentReport.id, status: contentReport.status });
  if (created) {
    await publish(scope, { kind: "report.created", target: { type: "report", id: created.id } });
    return { ...created, alreadyReported: false };
  }
  const [open] = await scope.db
    .select({ id: contentReport.id, status: contentReport.status })
    .from(contentReport)
    .where(
      and(
        eq(contentReport.organizationId, scope.organizationId),
        eq(contentReport.postId, target.postId),
        commentId ? eq(contentReport.commentId, commentId) : isNull(contentReport.commentId),
        eq(contentReport.reporterMemberId, me.memberId),
        eq(contentReport.status, "open"),
      ),
    );
  if (!open) throw new AppError("CONFLICT", "The report could not be saved: try again");
  return { ...open, alreadyReported: true };
}

const EXCERPT = 280;

/**
 * The open reports, oldest first (keyset on created_at, id), each with what it is about as the
 * moderator sees it: the post's title and space, the reported text's start, its author, who
 * reported it and why.
 */
export async function listOpenReports(
  scope: TenantScope,
  input: z.output<typeof listReportsInput>,
) {
  const reporter = sql`reporter_profile`;
  const author = sql`author_profile`;
  // The reported item's author: the comment's when a comment is reported (null once they left),
  // never its post's in their stead.
  const authorId = sql`case when ${contentReport.commentId} is null then ${post.authorMemberId} else ${comment.authorMemberId} end`;
  const rows = await scope.db
    .select({
      id: contentReport.id,
      createdAt: contentReport.createdAt,
      reason: contentReport.reason,
      details: contentReport.details,
      postId: contentReport.postId,
      commentId: contentReport.commentId,
      spaceSlug: space.slug,
      spaceName: space.name,
      postTitle: post.title,
      excerpt: sql<string>`left(coalesce(${comment.body}, ${post.body}), ${EXCERPT})`,
      hidden: sql<boolean>`coalesce(${comment.hiddenAt}, ${post.hiddenAt}) is not null`,
      locked: sql<boolean>`${post.lockedAt} is not null`,
      reporterName: sql<string | null>`${reporter}.display_name`,
      authorName: sql<string | null>`${author}.display_name`,
      // Who the moderator may ban from here (policies/member.ts ban judges id and role).
      authorMemberId: sql<string | null>`${authorId}`,
      authorRole: sql<MemberRole | null>`(select m.role from ${member} m where m.organization_id = ${contentReport.organizationId} and m.id = ${authorId})`,
    })
    .from(contentReport)
    .innerJoin(
      post,
      and(eq(post.organizationId, contentReport.organizationId), eq(post.id, contentReport.postId)),
    )
    .innerJoin(
      space,
      and(eq(space.organizationId, post.organizationId), eq(space.id, post.spaceId)),
    )
    .leftJoin(
      comment,
      and(
        eq(comment.organizationId, contentReport.organizationId),
        eq(comment.id, contentReport.commentId),
      ),
    )
    .leftJoin(
      sql`${memberProfile} as reporter_profile`,
      sql`${reporter}.organization_id = ${contentReport.organizationId} and ${reporter}.member_id = ${contentReport.reporterMemberId}`,
    )
    .leftJoin(
      sql`${memberProfile} as author_profile`,
      sql`${author}.organization_id = ${contentReport.organizationId} and ${author}.member_id = ${authorId}`,
    )
    .where(
      and(
        eq(contentReport.organizationId, scope.organizationId),
        eq(contentReport.status, "open"),
        visibleSpace(contentReport.spaceId),
        // Content deleted since (by its author) needs no one's decision.
        isNull(post.deletedAt),
        isNull(comment.deletedAt),
        input.cursor
          ? sql`(${contentReport.createdAt}, ${contentReport.id}) > (${input.cursor.createdAt.toISOString()}::timestamptz, ${input.cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(contentReport.createdAt, contentReport.id)
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > input.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

/**
 * Resolves an open report: dismiss it (nothing wrong), or hide or delete what it is about, which
 * settles every open report of that item. A report already resolved is NOT_FOUND, as one that
 * does not exist: the queue holds only open ones.
 */
export async function resolveReport(
  scope: TenantScope,
  input: z.output<typeof resolveReportInput>,
) {
  const [report] = await scope.db
    .select({
      id: contentReport.id,
      postId: contentReport.postId,
      commentId: contentReport.commentId,
    })
    .from(contentReport)
    .where(
      and(
        eq(contentReport.organizationId, scope.organizationId),
        eq(contentReport.id, input.id),
        eq(contentReport.status, "open"),
        visibleSpace(contentReport.spaceId),
      ),
    )
    .for("update");
  if (!report) throw missingReport();
  await actOn(scope, report, input.resolution);
  if (input.resolution === "dismiss") {
    const me = actingMember(scope);
    await scope.db
      .update(contentReport)
      .set({
        status: "dismissed",
        resolvedAt: scope.now(),
        resolvedByMemberId: me.memberId,
        updatedAt: scope.now(),
      })
      .where(
        and(
          eq(contentReport.organizationId, scope.organizationId),
          eq(contentReport.id, report.id),
        ),
      );
    await publish(scope, { kind: "report.resolved", target: { type: "report", id: report.id } });
  }
  await recordActivity(scope, {
    action: input.resolution === "dismiss" ? "report.dismissed" : "report.resolved",
    target: { type: "report", id: report.id },
    changes: { resolution: { from: null, to: input.resolution } },
  });
  return { id: report.id, status: input.resolution === "dismiss" ? "dismissed" : "actioned" };
}

async function actOn(
  scope: TenantScope,
  item: { postId: string; commentId: string | null },
  resolution: ReportResolution,
) {
  if (resolution === "dismiss") return;
  if (item.commentId) {
    if (resolution === "hide") await setCommentHidden(scope, { id: item.commentId, hidden: true });
    else await moderatorRemoveComment(scope, { id: item.commentId });
  } else if (resolution === "hide") await setPostHidden(scope, { id: item.postId, hidden: true });
  else await moderatorRemovePost(scope, { id: item.postId });
  // Hiding what was already hidden changes nothing, and settles nothing by itself.
  await settleReports(scope, item);
}
