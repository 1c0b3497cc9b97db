// CRM tasks (issue 9): a to-do for a member of the sales team, due at a time, optionally about
// one lead. A reminder job fires at the due time (packages/api/src/jobs/task.ts).
import { relations, sql } from "drizzle-orm";
import { index, text, uuid } from "drizzle-orm/pg-core";
import {
  instant,
  live,
  memberRef,
  softDelete,
  tenantRef,
  tenantTable,
  updatedAt,
} from "./helpers.ts";
import { lead } from "./lead.ts";
import { member, organization } from "./organization.ts";

export const crmTask = tenantTable(
  "crm_task",
  {
    title: text().notNull(),
    notes: text(),
    dueAt: instant().notNull(),
    /** Null once the assignee left the organization (memberRef): the task waits for a new one. */
    assigneeMemberId: uuid(),
    /**
     * The lead it is about. A soft-deleted lead keeps the link (restoring the lead brings it
     * back) but is not shown; purging the lead clears it and the task stays.
     */
    leadId: uuid(),
    /** Done when set. */
    doneAt: instant(),
    /**
     * When the reminder for the current due time went out: the reminder job sets it in the
     * transaction that enqueues the notification, so a retried job sends nothing twice. Moving
     * the due date clears it.
     */
    remindedAt: instant(),
    createdByMemberId: uuid(),
    updatedAt: updatedAt(),
    ...softDelete(),
  },
  (t) => [
    memberRef(t, t.assigneeMemberId, "crm_task_assignee_member_fk"),
    memberRef(t, t.createdByMemberId, "crm_task_created_by_member_fk"),
    tenantRef(t, t.leadId, () => lead, { onDelete: "set null", name: "crm_task_lead_fk" }),
    // "My open tasks by due date" (and overdue: the same walk, stopped at now).
    index("crm_task_org_assignee_open_due_idx")
      .on(t.organizationId, t.assigneeMemberId, t.dueAt, t.id)
      .where(sql`${t.deletedAt} is null and ${t.doneAt} is null`),
    // "My done tasks", most recently done first (a backward scan).
    index("crm_task_org_assignee_done_idx")
      .on(t.organizationId, t.assigneeMemberId, t.doneAt, t.id)
      .where(sql`${t.deletedAt} is null and ${t.doneAt} is not null`),
    // A lead's tasks by due date.
    index("crm_task_org_lead_due_idx").on(t.organizationId, t.leadId, t.dueAt, t.id).where(live(t)),
    // The purge's walk: soft-deleted tasks by when.
    index("crm_task_org_deleted_idx")
      .on(t.organizationId, t.deletedAt)
      .where(sql`${t.deletedAt} is not null`),
  ],
);

export const crmTaskRelations = relations(crmTask, ({ one }) => ({
  organization: one(organization, {
    fields: [crmTask.organizationId],
    references: [organization.id],
  }),
  assignee: one(member, {
    fields: [crmTask.organizationId, crmTask.assigneeMemberId],
    references: [member.organizationId, member.id],
  }),
  lead: one(lead, {
    fields: [crmTask.organizationId, crmTask.leadId],
    references: [lead.organizationId, lead.id],
  }),
}));
