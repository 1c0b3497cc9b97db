// Spaces (issue 11): where a community's content lives. Three tables:
//
// - space: a discussion, chat, course, events or resources space, public, private or paid, listed
//   in the sidebar by section and position; archived ones are kept (staff only).
// - space_member: who joined a space (or was added by an admin), and whether they muted it.
// - space_tier: a paid space's tiers: a member whose active tier is one of them sees it.
// - space_read: where each member last looked at each space (its unread marks).
//
// Who sees a space is ONE SQL rule, guild_visible_space_ids() (migration 0040), used by the
// restrictive `space_visibility` policy of every space-scoped table (spaceScopedTable below):
// posts, comments, messages and events declared with it inherit the rule from their space_id.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  type PgColumnBuilderBase,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { spaceMemberAccesses, spaceTypes, spaceVisibilities } from "../enums/space.ts";
import {
  declareSpaceScoped,
  instant,
  memberOwnedTable,
  memberRef,
  tenantRef,
  tenantTable,
  textEnum,
  updatedAt,
} from "./helpers.ts";
import { memberTier } from "./member-tier.ts";
import { member } from "./organization.ts";

export const space = tenantTable(
  "space",
  {
    name: text().notNull(),
    /** The space's address in the organization (/o/:org/s/:slug). */
    slug: text().notNull(),
    description: text().notNull().default(""),
    /** An emoji (or nothing): shown before the name in the sidebar. */
    icon: text().notNull().default(""),
    type: textEnum(spaceTypes).notNull().default("discussion"),
    visibility: textEnum(spaceVisibilities).notNull().default("public"),
    /** The sidebar group it is listed under ("" for the ungrouped ones, listed first). */
    section: text().notNull().default(""),
    /** Order in the sidebar: sections by their first space, spaces by position. */
    position: integer().notNull().default(0),
    createdByMemberId: uuid(),
    /** Archived: gone from members' lists and pages, kept for staff to restore. */
    archivedAt: instant(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("space_org_slug_unique").on(t.organizationId, t.slug),
    check(
      "space_slug_check",
      sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(${t.slug}) <= 60`,
    ),
    check("space_name_check", sql`length(${t.name}) between 1 and 80`),
    check("space_description_check", sql`length(${t.description}) <= 500`),
    check("space_icon_check", sql`length(${t.icon}) <= 16`),
    check("space_section_check", sql`length(${t.section}) <= 60`),
    memberRef(t, t.createdByMemberId, "space_created_by_member_fk"),
    index("space_org_position_idx").on(t.organizationId, t.position, t.name),
  ],
);
declareSpaceScoped("space", "id");

/**
 * The visibility rule as a condition on a space id column, for services' own `where`: the server
 * filters by the same rule row-level security enforces (RLS is the net, not the only guard).
 * `(select ...)` makes PostgreSQL compute the visible ids once per statement.
 */
export const visibleSpace = (spaceId: AnyPgColumn) =>
  sql`${spaceId} = any((select guild_visible_space_ids())::uuid[])`;

type SpaceColumn = { spaceId: ReturnType<typeof spaceIdColumn> };
const spaceIdColumn = () => uuid().notNull();

/**
 * A tenant table whose rows belong to one space (space_id): deleting the space deletes them, and
 * the `space_visibility` policy hides every row of a space the member cannot see (reads) and
 * refuses writes into one. Posts, comments, chat messages and events are declared with it.
 */
export function spaceScopedTable<
  TName extends string,
  TColumns extends Record<string, PgColumnBuilderBase>,
>(
  name: TName,
  columns: TColumns,
  extraConfig?: Parameters<typeof tenantTable<TName, SpaceColumn & TColumns>>[2],
) {
  declareSpaceScoped(name, "space_id");
  const withSpace: SpaceColumn & TColumns = { spaceId: spaceIdColumn(), ...columns };
  return tenantTable(name, withSpace, (t) => [
    tenantRef(t, t.spaceId, () => space, { onDelete: "cascade", name: `${name}_space_fk` }),
    ...(extraConfig?.(t) ?? []),
  ]);
}

export const spaceMember = spaceScopedTable(
  "space_member",
  {
    memberId: uuid().notNull(),
    access: textEnum(spaceMemberAccesses).notNull().default("joined"),
    /** Muted: the space stays listed, but sends no notifications and shows no unread mark. */
    mutedAt: instant(),
    /** The admin who added them (access "added"); null once that admin left. */
    addedByMemberId: uuid(),
  },
  (t) => [
    unique("space_member_org_space_member_unique").on(t.organizationId, t.spaceId, t.memberId),
    tenantRef(t, t.memberId, () => member, {
      onDelete: "cascade",
      name: "space_member_member_fk",
    }),
    memberRef(t, t.addedByMemberId, "space_member_added_by_member_fk"),
    // A member's spaces (the visibility rule and the sidebar's flags).
    index("space_member_org_member_idx").on(t.organizationId, t.memberId),
  ],
);

export const spaceTier = spaceScopedTable("space_tier", { tierId: uuid().notNull() }, (t) => [
  unique("space_tier_org_space_tier_unique").on(t.organizationId, t.spaceId, t.tierId),
  tenantRef(t, t.tierId, () => memberTier, { onDelete: "cascade", name: "space_tier_tier_fk" }),
  index("space_tier_org_tier_idx").on(t.organizationId, t.tierId),
]);

/**
 * A member's read mark in a space: posts and chat messages after `lastReadAt` (from others) are
 * new to them. Member-owned (only that member reads or writes their marks) and space-scoped (the
 * `space_visibility` policy hides the marks of a space they no longer see, so it never counts).
 * No row yet: nothing before the member joined the organization is new (services/space-read.ts).
 */
declareSpaceScoped("space_read", "space_id");
export const spaceRead = memberOwnedTable(
  "space_read",
  {
    spaceId: uuid().notNull(),
    lastReadAt: instant().notNull(),
  },
  (t) => [
    tenantRef(t, t.spaceId, () => space, { onDelete: "cascade", name: "space_read_space_fk" }),
    // One mark per member and space; also the sidebar's lookup (a member's marks).
    unique("space_read_org_member_space_unique").on(t.organizationId, t.memberId, t.spaceId),
    index("space_read_org_space_idx").on(t.organizationId, t.spaceId),
  ],
);
