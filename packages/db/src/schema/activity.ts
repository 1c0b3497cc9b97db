// The organization's one activity log: who did what to which record, with the changed fields'
// before and after, and where the request came from. The CRM timeline, billing's admin audit,
// moderation and the learning activity log are views of it.
import { relations, sql } from "drizzle-orm";
import { index, jsonb, text, uuid } from "drizzle-orm/pg-core";
import { activityLogActionList, actorKinds } from "../enums/activity.ts";
import { memberRef, tenantTable, textEnum } from "./helpers.ts";
import { member } from "./organization.ts";

/** The log's actions as SQL literals (fixed names of ours: letters, dots and underscores). */
export const activityLogSqlList = activityLogActionList.map((action) => `'${action}'`).join(", ");

/** Per changed field: what it was and what it became. */
export type ActivityChanges = Record<string, { from: unknown; to: unknown }>;

export const activity = tenantTable(
  "activity",
  {
    actorKind: textEnum(actorKinds).notNull(),
    /** The member who acted; null for the system and visitors, and once the member has left. */
    actorMemberId: uuid(),
    /** Why the system acted (a job's task, a webhook's event). */
    actorReason: text(),
    /** e.g. `lead.updated`: the target's type, then what happened to it. */
    action: text().notNull(),
    targetType: text().notNull(),
    targetId: uuid().notNull(),
    changes: jsonb().$type<ActivityChanges>(),
    // Cleared by the retention job after ACTIVITY_REQUEST_RETENTION_DAYS.
    ip: text(),
    userAgent: text(),
    sessionId: uuid(),
  },
  (t) => [
    memberRef(t, t.actorMemberId, "activity_actor_member_fk"),
    index("activity_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("activity_org_target_idx").on(
      t.organizationId,
      t.targetType,
      t.targetId,
      t.createdAt,
      t.id,
    ),
    // The learning activity log (services/activity-log.ts): its few actions among the CRM's
    // many, newest first, for the organization and for one member. Partial, so they hold only
    // those rows; the queries name the same actions as literals, which lets the planner use them.
    index("activity_log_org_idx")
      .on(t.organizationId, t.createdAt, t.id)
      .where(sql`${t.action} in (${sql.raw(activityLogSqlList)})`),
    index("activity_log_member_idx")
      .on(t.organizationId, t.actorMemberId, t.createdAt, t.id)
      .where(sql`${t.action} in (${sql.raw(activityLogSqlList)})`),
  ],
);

export const activityRelations = relations(activity, ({ one }) => ({
  actor: one(member, {
    fields: [activity.organizationId, activity.actorMemberId],
    references: [member.organizationId, member.id],
  }),
}));
