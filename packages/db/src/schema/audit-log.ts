// What platform admins did (issue 10 §3): one global row per admin action (a ban, an
// impersonation, a replayed Stripe event, a comped plan…), written by the action's own
// transaction (packages/api/src/services/audit-log.ts), so an action without its row cannot
// commit. Global, not tenant: a platform admin acts across organizations, and a row may name no
// organization at all (a user, an event). The actor is kept as an id and the email it had, with
// no foreign key: the trail must outlive the deletion of either person.
import { index, jsonb, text, uuid } from "drizzle-orm/pg-core";
import { globalTable, instant } from "./helpers.ts";

/** Every action the console records; the web's audit view names them in words. */
export const auditActions = [
  "user.ban",
  "user.unban",
  "user.impersonate.start",
  "user.impersonate.stop",
  "stripe_event.replay",
  "organization.comp_plan",
  "organization.end_comp",
  "plan.update",
] as const;
export type AuditAction = (typeof auditActions)[number];

/** What an action was done to. */
export type AuditTargetType = "user" | "stripe_event" | "organization" | "plan";

export const auditLog = globalTable(
  "audit_log",
  {
    id: uuid().primaryKey().defaultRandom(),
    actorId: uuid().notNull(),
    actorEmail: text().notNull(),
    action: text().$type<AuditAction>().notNull(),
    targetType: text().$type<AuditTargetType>().notNull(),
    targetId: text().notNull(),
    /** The action's particulars (a ban's reason and end, the event's type…). */
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    ip: text(),
    userAgent: text(),
    at: instant().notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at, t.id),
    index("audit_log_target_idx").on(t.targetType, t.targetId, t.at),
  ],
);
