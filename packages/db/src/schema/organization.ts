// Organizations are the tenants. `member` and `invitation` carry organization_id but are read
// before a tenant scope exists (membership check, invitation acceptance): pre-tenant tables, with
// a policy for the guild_tenant role but not FORCEd (see migrations/0002_tenancy.sql).
import { relations, sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { invitationStatuses, joinPolicies, memberRoles } from "../enums/organization.ts";
import { user } from "./auth.ts";
import { globalTable, preTenantTable, registerTenancyTables, textEnum } from "./helpers.ts";
import { customSearchKind } from "./search.ts";

export const organization = globalTable(
  "organization",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    slug: text().notNull().unique(),
    logo: text(),
    metadata: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // The front door (/c/:slug) and the organization's look. All public: the public page shows
    // them to anyone, so nothing private belongs here.
    /** Markdown-free plain text shown on the public page. */
    description: text().notNull().default(""),
    /** #rrggbb; null: Guild's own accent. */
    accentColor: text(),
    /** IANA name ("Europe/Paris"): the organization's clock for schedules and digests. */
    timeZone: text().notNull().default("UTC"),
    /** Whether the public page lists recent posts of public spaces. */
    showPublicPosts: boolean().notNull().default(false),
    /**
     * Who may join from the public page. Existing organizations stay invitation-only: opening a
     * door is the owner's decision.
     */
    joinPolicy: textEnum(joinPolicies).notNull().default("invitation"),
    /** ISO day a leaderboard week starts on (1 Monday … 7 Sunday), in time_zone. */
    weekStartsOn: smallint().notNull().default(1),
  },
  (t) => [
    check("organization_accent_color_check", sql`${t.accentColor} ~ '^#[0-9a-f]{6}$'`),
    check("organization_week_starts_on_check", sql`${t.weekStartsOn} between 1 and 7`),
  ],
);

export const member = preTenantTable(
  "member",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    role: textEnum(memberRoles).notNull().default("member"),
    /**
     * Granted by an admin: the CRM (leads) is staff-only, i.e. owners and admins by their role
     * and the moderators and members who have this (policies/lead.ts). Read with the
     * membership in the request's first statement, so the check costs no round trip.
     */
    crmAccess: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Tenant tables reference members by (organization_id, id).
    unique("member_organization_id_id_key").on(t.organizationId, t.id),
    unique("member_organization_id_user_id_key").on(t.organizationId, t.userId),
    index().on(t.userId),
  ],
);

export const invitation = preTenantTable(
  "invitation",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: textEnum(memberRoles).notNull().default("member"),
    status: textEnum(invitationStatuses).notNull().default("pending"),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    inviterId: uuid().references(() => user.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique("invitation_organization_id_id_key").on(t.organizationId, t.id),
    // One open invitation per address and organization; answered ones stay as history.
    uniqueIndex("invitation_one_pending_per_email")
      .on(t.organizationId, t.email)
      .where(sql`${t.status} = 'pending'`),
    index().on(t.email),
  ],
);

registerTenancyTables({ organization, member });

// The member directory's search (migration 0017 writes the terms from user's name and email):
// 'member' holds the words of the name, which every member may search; 'member_email' those of
// the email, searched only by those who may see emails, so a search cannot reveal what the
// directory hides.
customSearchKind(member, "member");
customSearchKind(member, "member_email");

export const memberRelations = relations(member, ({ one }) => ({
  organization: one(organization, {
    fields: [member.organizationId],
    references: [organization.id],
  }),
  user: one(user, { fields: [member.userId], references: [user.id] }),
}));

export const invitationRelations = relations(invitation, ({ one }) => ({
  organization: one(organization, {
    fields: [invitation.organizationId],
    references: [organization.id],
  }),
  inviter: one(user, { fields: [invitation.inviterId], references: [user.id] }),
}));
