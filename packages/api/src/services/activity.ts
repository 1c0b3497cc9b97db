// The organization's activity log (schema/activity.ts). Services record what they changed in the
// same transaction as the change; timelines and audits read it back.
import {
  type ActivityChanges,
  activity,
  activityLogSqlList,
  and,
  eq,
  isNotNull,
  lt,
  member,
  or,
  type SQL,
  sql,
  type TenantScope,
  user,
} from "@guild/db";
import type { z } from "zod";
import { publish } from "../realtime/event-log.ts";
import type { EventKind } from "../realtime/index.ts";
import type { listActivityInput } from "../schemas/activity.ts";

/** How long the log keeps where a request came from (IP, user agent, session). */
export const ACTIVITY_REQUEST_RETENTION_DAYS = 90;

/** The fields that differ between two versions of a record, with their old and new values. */
export function changesBetween<T extends Record<string, unknown>>(
  before: T | null,
  after: T | null,
  fields: readonly (keyof T & string)[],
): ActivityChanges {
  const changes: ActivityChanges = {};
  for (const field of fields) {
    const from = before?.[field] ?? null;
    const to = after?.[field] ?? null;
    const same =
      from instanceof Date && to instanceof Date ? from.getTime() === to.getTime() : from === to;
    if (!same) changes[field] = { from, to };
  }
  return changes;
}

export interface ActivityEntry {
  /** e.g. `lead.updated`. */
  action: string;
  target: { type: string; id: string };
  changes?: ActivityChanges;
}

/** Records an entry as the scope's actor, at the scope's time, in its transaction. */
export function recordActivity(scope: TenantScope, entry: ActivityEntry): Promise<void> {
  return recordActivities(scope, [entry]);
}

/**
 * Records entries in one statement, as the scope's actor, or as `onBehalfOf` (a member id) when
 * a job carries out what that member asked for (a CSV import): the log names the member, and
 * `reason` (default: the system actor's) says how it was done. The entries travel as one JSON parameter, so a bulk action's thousands
 * never meet PostgreSQL's limit on parameters.
 */
export async function recordActivities(
  scope: TenantScope,
  entries: readonly ActivityEntry[],
  options: { onBehalfOf?: string | null; reason?: string } = {},
): Promise<void> {
  if (entries.length === 0) return;
  const { actor, request } = scope;
  const memberId = options.onBehalfOf ?? (actor.kind === "member" ? actor.memberId : null);
  const rows = entries.map((entry) => ({
    action: entry.action,
    targetType: entry.target.type,
    targetId: entry.target.id,
    // Left out (not null) when nothing changed: a JSON null would be stored as jsonb 'null'.
    ...(entry.changes && Object.keys(entry.changes).length > 0 ? { changes: entry.changes } : {}),
  }));
  await scope.db.execute(sql`
    insert into ${activity} (organization_id, created_at, actor_kind, actor_member_id,
                             actor_reason, action, target_type, target_id, changes, ip,
                             user_agent, session_id)
    select ${scope.organizationId}::uuid, ${scope.now().toISOString()}::timestamptz,
           ${memberId ? "member" : actor.kind}, ${memberId}::uuid,
           ${options.reason ?? (actor.kind === "system" ? actor.reason : null)}::text,
           e."action", e."targetType",
           e."targetId", e."changes", ${request?.ip ?? null}::text,
           ${request?.userAgent ?? null}::text, ${request?.sessionId ?? null}::uuid
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as e("action" text, "targetType" text, "targetId" uuid, "changes" jsonb)`);
}

/**
 * Entries newest first, keyset-paginated by (createdAt, id), for one record or the whole
 * organization. Who may read which is the caller's policy (routers/activity.ts, lead timeline).
 */
export async function listActivity(scope: TenantScope, input: z.output<typeof listActivityInput>) {
  const where: SQL[] = [eq(activity.organizationId, scope.organizationId)];
  if (input.target) {
    where.push(eq(activity.targetType, input.target.type), eq(activity.targetId, input.target.id));
  } else {
    // The organization's audit log is what people did to its records: the learning activity
    // log's sign-ins, lessons, quizzes and posts (services/activity-log.ts) have their own view,
    // and would bury the roles, grants and moderation here.
    where.push(sql`${activity.action} not in (${sql.raw(activityLogSqlList)})`);
  }
  if (input.cursor) where.push(olderThan(input.cursor));
  const rows = await scope.db
    .select({
      id: activity.id,
      createdAt: activity.createdAt,
      action: activity.action,
      targetType: activity.targetType,
      targetId: activity.targetId,
      changes: activity.changes,
      actorKind: activity.actorKind,
      actorReason: activity.actorReason,
      actorMemberId: activity.actorMemberId,
      // null once the member has left: shown as "Former member".
      actorName: user.name,
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
    .where(and(...where))
    .orderBy(sql`${activity.createdAt} desc`, sql`${activity.id} desc`)
    .limit(input.limit + 1);
  return activityPage(rows, input.limit);
}

/** Entries older than a page's last one: the keyset (createdAt, id), newest first. */
export const olderThan = (cursor: { createdAt: Date; id: string }) =>
  sql`(${activity.createdAt}, ${activity.id}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`;

/** A page from `limit + 1` rows: the first `limit`, and the cursor after them if there are more. */
export function activityPage<T extends { createdAt: Date; id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

/** Forgets where old requests came from (IP, user agent, session): the entries themselves stay. */
export async function forgetOldRequests(scope: TenantScope) {
  const before = new Date(scope.now().getTime() - ACTIVITY_REQUEST_RETENTION_DAYS * 86_400_000);
  await scope.db
    .update(activity)
    .set({ ip: null, userAgent: null, sessionId: null })
    .where(
      and(
        eq(activity.organizationId, scope.organizationId),
        lt(activity.createdAt, before),
        // Any of the three: a request without a known address still left its user agent.
        or(isNotNull(activity.ip), isNotNull(activity.userAgent), isNotNull(activity.sessionId)),
      ),
    );
}

/**
 * A bulk change's trail: one activity entry and one realtime event per row it changed, each as
 * the single change it repeats would write (lead and task bulk actions). Nothing for no rows.
 */
export async function recordAndPublish(
  scope: TenantScope,
  action: EventKind,
  targetType: string,
  rows: readonly { id: string; changes?: ActivityChanges }[],
) {
  if (rows.length === 0) return;
  const target = (id: string) => ({ type: targetType, id });
  await recordActivities(
    scope,
    rows.map((row) => ({ action, target: target(row.id), changes: row.changes })),
  );
  await publish(
    scope,
    rows.map((row) => ({ kind: action, target: target(row.id) })),
  );
}
