// The learning activity log (issue 12 §3, seed 004's user_activity_log): sign-ins, completed
// lessons, quiz attempts, published posts and session joins, each with when, and the IP, user
// agent and session of the request behind it. Not a table of its own: a view of the
// organization's one activity table (services/activity.ts), whose rows the services write in the
// transaction of what they record (lesson.ts, quiz.ts, post.ts, live-session.ts) and the sign-in
// hook below.
// Members read their own entries, admins the organization's (routers/activity.ts).
import {
  type ActivityLogKind,
  activity,
  activityLogActions,
  activityLogKinds,
  activityLogSqlList,
  and,
  type Database,
  eq,
  event,
  lesson,
  member,
  post,
  type SQL,
  sql,
  type TenantScope,
  user,
  withTenant,
} from "@guild/db";
import type { z } from "zod";
import type { activityLogInput } from "../schemas/activity-log.ts";
import { activityPage, olderThan } from "./activity.ts";

const kindOfAction = new Map<string, ActivityLogKind>(
  activityLogKinds.flatMap((kind) => activityLogActions[kind].map((action) => [action, kind])),
);

/** The actions of `kinds` (all of them when none), as literals the partial indexes match. */
function actionsFilter(kinds: readonly ActivityLogKind[]): SQL {
  if (kinds.length === 0 || kinds.length === activityLogKinds.length)
    return sql`${activity.action} in (${sql.raw(activityLogSqlList)})`;
  // Literals, not parameters: the planner proves them a subset of the indexes' list only then.
  // They come from the fixed list above, never from the input's text.
  const literals = [...new Set(kinds)]
    .flatMap((kind) => activityLogActions[kind])
    .map((action) => `'${action}'`)
    .join(", ");
  return sql`${activity.action} in (${sql.raw(literals)}) and ${activity.action} in (${sql.raw(activityLogSqlList)})`;
}

export interface ActivityLogEntry {
  id: string;
  createdAt: Date;
  kind: ActivityLogKind;
  action: string;
  targetType: string;
  targetId: string;
  /**
   * What it was about in words (the lesson's, post's or session's title), when the reader may
   * see it.
   */
  targetTitle: string | null;
  /** A quiz attempt's score and whether it passed. */
  score: number | null;
  passed: boolean | null;
  memberId: string | null;
  /** null once the member has left. */
  memberName: string | null;
  ip: string | null;
  userAgent: string | null;
  sessionId: string | null;
}

const numberOrNull = (value: unknown) => (typeof value === "number" ? value : null);
const booleanOrNull = (value: unknown) => (typeof value === "boolean" ? value : null);

/**
 * Entries newest first, keyset-paginated by (createdAt, id): one member's (`memberId`) or the
 * organization's. Who may read which is the router's rule.
 */
export async function listActivityLog(
  scope: TenantScope,
  input: z.output<typeof activityLogInput> & { memberId?: string | undefined },
): Promise<{ items: ActivityLogEntry[]; nextCursor: { createdAt: Date; id: string } | null }> {
  const where: SQL[] = [
    eq(activity.organizationId, scope.organizationId),
    actionsFilter(input.kinds),
  ];
  if (input.memberId) where.push(eq(activity.actorMemberId, input.memberId));
  if (input.cursor) where.push(olderThan(input.cursor));
  const rows = await scope.db
    .select({
      id: activity.id,
      createdAt: activity.createdAt,
      action: activity.action,
      targetType: activity.targetType,
      targetId: activity.targetId,
      changes: activity.changes,
      memberId: activity.actorMemberId,
      memberName: user.name,
      ip: activity.ip,
      userAgent: activity.userAgent,
      sessionId: activity.sessionId,
      // Row-level security hides a lesson or post of a space the reader does not see: no title.
      lessonTitle: lesson.title,
      postTitle: post.title,
      eventTitle: event.title,
    })
    .from(activity)
    .leftJoin(
      member,
      and(
        eq(member.organizationId, activity.organizationId),
        eq(member.id, activity.actorMemberId),
      ),
    )
    .leftJoin(user, eq(user.id, member.userId))
    .leftJoin(
      lesson,
      and(
        eq(activity.targetType, "lesson"),
        eq(lesson.organizationId, activity.organizationId),
        eq(lesson.id, activity.targetId),
      ),
    )
    .leftJoin(
      post,
      and(
        eq(activity.targetType, "post"),
        eq(post.organizationId, activity.organizationId),
        eq(post.id, activity.targetId),
        sql`${post.deletedAt} is null`,
      ),
    )
    .leftJoin(
      event,
      and(
        eq(activity.targetType, "event"),
        eq(event.organizationId, activity.organizationId),
        eq(event.id, activity.targetId),
      ),
    )
    .where(and(...where))
    .orderBy(sql`${activity.createdAt} desc`, sql`${activity.id} desc`)
    .limit(input.limit + 1);
  const page = activityPage(rows, input.limit);
  const items = page.items.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    kind: kindOfAction.get(row.action) ?? "lesson",
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    targetTitle: row.lessonTitle ?? row.postTitle ?? row.eventTitle ?? null,
    score: numberOrNull(row.changes?.score?.to),
    passed: booleanOrNull(row.changes?.passed?.to),
    memberId: row.memberId,
    memberName: row.memberName,
    ip: row.ip,
    userAgent: row.userAgent,
    sessionId: row.sessionId,
  }));
  return { items, nextCursor: page.nextCursor };
}

/** A session better-auth just made, as its database hook passes it. */
export interface NewSession {
  id: string;
  userId: string;
  ipAddress?: string | null | undefined;
  userAgent?: string | null | undefined;
  impersonatedBy?: string | null | undefined;
}

/**
 * A sign-in, in the log of every organization the person is a member of (each in its own tenant
 * transaction, as the member): a member's log and their organizations' admins see it. An admin's
 * impersonation is not the member signing in: the platform's audit log has it.
 */
export async function recordSignIn(db: Database, session: NewSession, now: Date): Promise<void> {
  if (session.impersonatedBy) return;
  const memberships = await db
    .select({
      organizationId: member.organizationId,
      memberId: member.id,
      role: member.role,
      crmAccess: member.crmAccess,
    })
    .from(member)
    .where(eq(member.userId, session.userId));
  for (const m of memberships)
    await withTenant(
      db,
      {
        organizationId: m.organizationId,
        actor: {
          kind: "member",
          memberId: m.memberId,
          userId: session.userId,
          role: m.role,
          crmAccess: m.crmAccess,
        },
      },
      (scope) =>
        scope.db.insert(activity).values({
          organizationId: scope.organizationId,
          createdAt: now,
          actorKind: "member",
          actorMemberId: m.memberId,
          action: "member.signed_in",
          targetType: "session",
          targetId: session.id,
          ip: session.ipAddress ?? null,
          userAgent: session.userAgent ?? null,
          sessionId: session.id,
        }),
    );
}
