// Leads CRM (seed 003): a sales pipeline per organization.
import { relations, sql } from "drizzle-orm";
import { bigint, index, text, uuid } from "drizzle-orm/pg-core";
import { leadSources, leadStatuses } from "../enums/lead.ts";
import { live, memberRef, softDelete, tenantTable, textEnum, updatedAt } from "./helpers.ts";
import { member, organization } from "./organization.ts";
import { searchable } from "./search.ts";

export const lead = tenantTable(
  "lead",
  {
    name: text().notNull(),
    email: text(),
    company: text(),
    phone: text(),
    // Text with CHECKs (textEnum), not enums: as enums, `status = 'qualified'` could not use
    // lead_org_status_created_idx inside a tenant transaction (see services/lead-plan.test.ts).
    status: textEnum(leadStatuses).notNull().default("new"),
    source: textEnum(leadSources).notNull().default("other"),
    valueCents: bigint({ mode: "number" }).notNull().default(0),
    notes: text(),
    /** Unassigned when null, also after the owner leaves the organization (memberRef). */
    ownerMemberId: uuid(),
    updatedAt: updatedAt(),
    ...softDelete(),
  },
  (t) => [
    memberRef(t, t.ownerMemberId, "lead_owner_member_fk"),
    // One index per keyset order the list offers (services/lead.ts), over live leads only (soft
    // deleted ones wait for Undo or the purge). Ascending on purpose: a backward scan serves
    // `desc` (nulls first), which drizzle's `.desc()` (nulls last) would not.
    index("lead_org_created_idx").on(t.organizationId, t.createdAt, t.id).where(live(t)),
    index("lead_org_status_created_idx")
      .on(t.organizationId, t.status, t.createdAt, t.id)
      .where(live(t)),
    index("lead_org_owner_created_idx")
      .on(t.organizationId, t.ownerMemberId, t.createdAt, t.id)
      .where(live(t)),
    index("lead_org_value_idx").on(t.organizationId, t.valueCents, t.id).where(live(t)),
    index("lead_org_name_idx").on(t.organizationId, t.name, t.id).where(live(t)),
    index("lead_org_updated_idx").on(t.organizationId, t.updatedAt, t.id).where(live(t)),
    // Finding live leads by email: a CSV import skips rows whose email is already a lead's.
    index("lead_org_email_idx").on(t.organizationId, t.email).where(live(t)),
    // The purge job's walk: soft-deleted leads by when.
    index("lead_org_deleted_idx")
      .on(t.organizationId, t.deletedAt)
      .where(sql`${t.deletedAt} is not null`),
  ],
);

// A prefix of any word of the name, email or company finds the lead (services/lead.ts listLeads).
searchable(lead, "lead", [lead.name, lead.email, lead.company]);

export const leadRelations = relations(lead, ({ one }) => ({
  organization: one(organization, { fields: [lead.organizationId], references: [organization.id] }),
  owner: one(member, {
    fields: [lead.organizationId, lead.ownerMemberId],
    references: [member.organizationId, member.id],
  }),
}));
