// Saved views (issue 9): a named list setup (filters, sort, visible columns) that a member keeps
// for themself or shares with the organization. One table for every list screen, told apart by
// `resource`; each resource's API validates its own `state` (packages/api/src/saved-views.ts).
import { relations, sql } from "drizzle-orm";
import { boolean, check, index, jsonb, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { live, memberRef, softDelete, tenantTable, updatedAt } from "./helpers.ts";
import { member, organization } from "./organization.ts";

/** The list screens that have saved views (text + CHECK, not an enum: see architecture.md). */
export const savedViewResources = ["leads"] as const;
export type SavedViewResource = (typeof savedViewResources)[number];

export const savedView = tenantTable(
  "saved_view",
  {
    resource: text().$type<SavedViewResource>().notNull(),
    name: text().notNull(),
    /** The list's setup, as the resource's schema says; validated on the way in and out. */
    state: jsonb().$type<Record<string, unknown>>().notNull(),
    /** Everyone who may read the resource sees it; otherwise only its author. */
    shared: boolean().notNull().default(false),
    /**
     * The author. Null once they left the organization: a shared view stays for the others
     * (admins manage it), a private one is seen by nobody and goes with the purge.
     */
    ownerMemberId: uuid(),
    updatedAt: updatedAt(),
    ...softDelete(),
  },
  (t) => [
    memberRef(t, t.ownerMemberId, "saved_view_owner_member_fk"),
    check(
      "saved_view_resource_check",
      sql`${t.resource} in (${sql.raw(savedViewResources.map((r) => `'${r}'`).join(", "))})`,
    ),
    // One name per author and screen ("Hot deals" twice in one picker would be a guess).
    uniqueIndex("saved_view_org_owner_resource_name_key")
      .on(t.organizationId, t.ownerMemberId, t.resource, t.name)
      .where(live(t)),
    // The picker: a screen's shared views and the author's own.
    index("saved_view_org_resource_idx").on(t.organizationId, t.resource).where(live(t)),
    index("saved_view_org_deleted_idx")
      .on(t.organizationId, t.deletedAt)
      .where(sql`${t.deletedAt} is not null`),
  ],
);

export const savedViewRelations = relations(savedView, ({ one }) => ({
  organization: one(organization, {
    fields: [savedView.organizationId],
    references: [organization.id],
  }),
  owner: one(member, {
    fields: [savedView.organizationId, savedView.ownerMemberId],
    references: [member.organizationId, member.id],
  }),
}));
