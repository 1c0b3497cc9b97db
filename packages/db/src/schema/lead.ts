// Leads CRM (seed 003): a sales pipeline per organization.
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { leadSources, leadStatuses } from "./enums.ts";
import { organization } from "./organization.ts";

// Status and source are text with CHECK constraints, not PostgreSQL enums: under row-level
// security only LEAKPROOF operators can become index conditions, and enum equality is not
// leakproof while text equality is. As enums, `status = 'qualified'` could not use
// lead_org_status_created_idx inside a tenant transaction (see services/lead-plan.test.ts).
const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(", "));

export const lead = pgTable(
  "lead",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: uuid().notNull().defaultRandom(),
    name: text().notNull(),
    email: text(),
    company: text(),
    phone: text(),
    status: text({ enum: leadStatuses }).notNull().default("new"),
    source: text({ enum: leadSources }).notNull().default("other"),
    valueCents: bigint({ mode: "number" }).notNull().default(0),
    notes: text(),
    // References member (organization_id, id) with ON DELETE SET NULL (owner_member_id): the
    // column-list form drizzle-kit cannot express, so the constraint lives in 0002_tenancy.sql.
    ownerMemberId: uuid(),
    // Millisecond precision: keyset cursors travel through JS Dates, which hold milliseconds.
    createdAt: timestamp({ withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    check("lead_status_check", sql`${t.status} in (${inList(leadStatuses)})`),
    check("lead_source_check", sql`${t.source} in (${inList(leadSources)})`),
    // One index per keyset order the list offers (services/lead.ts). Ascending on purpose: a
    // backward scan serves `desc` (nulls first), which drizzle's `.desc()` (nulls last) would not.
    index("lead_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("lead_org_status_created_idx").on(t.organizationId, t.status, t.createdAt, t.id),
    index("lead_org_owner_created_idx").on(t.organizationId, t.ownerMemberId, t.createdAt, t.id),
    index("lead_org_value_idx").on(t.organizationId, t.valueCents, t.id),
    index("lead_org_name_idx").on(t.organizationId, t.name, t.id),
    index("lead_org_updated_idx").on(t.organizationId, t.updatedAt, t.id),
    // Substring search over name/email/company within one organization (pg_trgm + btree_gin).
    index("lead_search_trgm_idx").using(
      "gin",
      t.organizationId,
      sql`(coalesce(${t.name}, '') || ' ' || coalesce(${t.email}, '') || ' ' || coalesce(${t.company}, '')) gin_trgm_ops`,
    ),
  ],
);
