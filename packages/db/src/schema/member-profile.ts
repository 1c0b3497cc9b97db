// A member's profile in one organization (issue 11): how they appear to the community. One row
// per membership, made by migration 0044's trigger when the membership is (so every path that
// adds a member, better-auth's included, gets one, with a username suggested from the name) and
// deleted with it. The picture is the member's avatar file (services/avatar.ts).
import { relations, sql } from "drizzle-orm";
import { check, index, text, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import {
  BIO_MAX,
  DISPLAY_NAME_MAX,
  HEADLINE_MAX,
  profileLanguages,
} from "../enums/member-profile.ts";
import { instant, tenantRef, tenantTable, textEnum, updatedAt } from "./helpers.ts";
import { member, organization } from "./organization.ts";

export const memberProfile = tenantTable(
  "member_profile",
  {
    memberId: uuid().notNull(),
    /** Lowercase, [a-z0-9_]{3,30}, unique in the organization; the @mention handle. */
    username: text().notNull(),
    displayName: text().notNull(),
    /**
     * lower(display_name), kept by PostgreSQL: the mention autocomplete's prefix range on a plain
     * column, so the index below serves it under row-level security (lower() itself is not
     * leakproof, so a range on lower(display_name) could not be an index condition there).
     * Lowered under the builtin "pg_c_utf8" collation (PostgreSQL 17+; migration 0063 falls back to
     * C.UTF-8 on 15 and 16), whose lower() maps every
     * Unicode capital ("Élodie" → "élodie", as the API lowers what was typed); the database's C
     * locale would lower A–Z only.
     */
    displayNameKey: text()
      .notNull()
      .generatedAlwaysAs(sql`lower(display_name COLLATE "pg_c_utf8")`),
    headline: text().notNull().default(""),
    /** Markdown, rendered by the web's sanitizing renderer. */
    bio: text().notNull().default(""),
    /** IANA zone (checked by the API against the runtime's list); null: not said. */
    timeZone: text(),
    language: textEnum(profileLanguages),
    /** Written on activity at most once a minute (services/member-profile.ts touchLastSeen). */
    lastSeenAt: instant(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantRef(t, t.memberId, () => member, {
      onDelete: "cascade",
      name: "member_profile_member_fk",
    }),
    unique("member_profile_org_member_key").on(t.organizationId, t.memberId),
    // text_pattern_ops: equality for uniqueness, and the mention autocomplete's prefix range
    // (~>=~ / ~<~, leakproof, so an index condition under row-level security) whatever the
    // database's collation.
    uniqueIndex("member_profile_org_username_key").on(
      t.organizationId,
      t.username.op("text_pattern_ops"),
    ),
    index("member_profile_org_display_name_key_idx").on(
      t.organizationId,
      t.displayNameKey.op("text_pattern_ops"),
    ),
    check("member_profile_username_check", sql`${t.username} ~ '^[a-z0-9_]{3,30}$'`),
    check(
      "member_profile_display_name_check",
      sql`length(${t.displayName}) between 1 and ${sql.raw(String(DISPLAY_NAME_MAX))}`,
    ),
    check(
      "member_profile_headline_check",
      sql`length(${t.headline}) <= ${sql.raw(String(HEADLINE_MAX))}`,
    ),
    check("member_profile_bio_check", sql`length(${t.bio}) <= ${sql.raw(String(BIO_MAX))}`),
  ],
);

export const memberProfileRelations = relations(memberProfile, ({ one }) => ({
  organization: one(organization, {
    fields: [memberProfile.organizationId],
    references: [organization.id],
  }),
  member: one(member, {
    fields: [memberProfile.organizationId, memberProfile.memberId],
    references: [member.organizationId, member.id],
  }),
}));
