// Organization bans (issue 11, moderation): a moderator or above takes someone out of the
// organization for good, until an admin lifts it. The ban outlives the membership it ended, so it
// names the person (user_id), not a member row, with their name and address as they were: the
// tenant role reads only members' people (migration 0002), and a banned person is no member.
//
// Pre-tenant, like member and invitation: every way in (the front door, an invitation, a paid
// join's webhook) asks "is this person banned here?" before any tenant scope exists, some inside
// the very transaction that makes the membership (invitation.ts acceptInvitation). Its RLS is for
// guild_tenant and not forced (migration 0058), so the moderation screens read it in their tenant
// transaction and the ways in read it as the app. Lifted bans stay as history; one ban is in force
// per person and organization.
import { sql } from "drizzle-orm";
import { check, index, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { BAN_REASON_MAX } from "../enums/organization.ts";
import { user } from "./auth.ts";
import { createdAt, instant, memberRef, preTenantTable } from "./helpers.ts";
import { organization } from "./organization.ts";

export const organizationBan = preTenantTable(
  "organization_ban",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: uuid().notNull().defaultRandom(),
    createdAt: createdAt(),
    userId: uuid()
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    name: text().notNull(),
    email: text().notNull(),
    reason: text().notNull().default(""),
    /** Who banned them; null once that member has left. */
    bannedByMemberId: uuid(),
    liftedAt: instant(),
    liftedByMemberId: uuid(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    memberRef(t, t.bannedByMemberId, "organization_ban_banned_by_member_fk"),
    memberRef(t, t.liftedByMemberId, "organization_ban_lifted_by_member_fk"),
    check(
      "organization_ban_reason_check",
      sql`char_length(${t.reason}) <= ${sql.raw(String(BAN_REASON_MAX))}`,
    ),
    // The one ban in force per person: what every way in looks up.
    uniqueIndex("organization_ban_in_force_unique")
      .on(t.organizationId, t.userId)
      .where(sql`${t.liftedAt} is null`),
    // The admins' list, newest first.
    index("organization_ban_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    index("organization_ban_org_banned_by_idx").on(t.organizationId, t.bannedByMemberId),
    index("organization_ban_org_lifted_by_idx").on(t.organizationId, t.liftedByMemberId),
  ],
);
