// Organizations are the tenants. `member` and `invitation` carry organization_id but are read
// before a tenant scope exists (membership check, invitation acceptance), so they are not FORCEd
// under RLS; they still get a policy for the guild_tenant role (see migrations/0002_tenancy.sql).
import { sql } from "drizzle-orm";
import {
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { user } from "./auth.ts";
import { invitationStatuses, memberRoles } from "./enums.ts";

export const memberRole = pgEnum("member_role", memberRoles);

export const invitationStatus = pgEnum("invitation_status", invitationStatuses);

export const organization = pgTable("organization", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  slug: text().notNull().unique(),
  logo: text(),
  metadata: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const member = pgTable(
  "member",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    role: memberRole().notNull().default("member"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Tenant tables reference members by (organization_id, id).
    unique("member_organization_id_id_key").on(t.organizationId, t.id),
    unique("member_organization_id_user_id_key").on(t.organizationId, t.userId),
    index().on(t.userId),
  ],
);

export const invitation = pgTable(
  "invitation",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    email: text().notNull(),
    role: memberRole().notNull().default("member"),
    status: invitationStatus().notNull().default("pending"),
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
