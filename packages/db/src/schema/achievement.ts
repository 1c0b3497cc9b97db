// Achievements (issue 12 §3): what an organization rewards, and who earned what.
//
// - achievement: a definition. The built-in ones (first lesson, a 7-day streak …) are rows too,
//   made in each organization from the API's catalog and known by their `built_in_key`, so
//   members' awards point at one kind of row whoever wrote it; admins author their own and
//   archive any (an archived one is awarded no more; who earned it keeps it). Its criteria are
//   declarative JSON (a kind and a threshold), validated by the API's zod schema on every write
//   and parsed again on every read, as lesson content is.
// - member_achievement: one row per member and achievement, ever: the unique key is what makes an
//   award happen once however many triggers race for it (insert … on conflict do nothing), and
//   the achievement's XP reward goes through the XP ledger with the achievement as its source, so
//   it is once too.
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, text, unique, uuid } from "drizzle-orm/pg-core";
import {
  ACHIEVEMENT_CATEGORY_MAX,
  ACHIEVEMENT_DESCRIPTION_MAX,
  ACHIEVEMENT_NAME_MAX,
  ACHIEVEMENT_XP_MAX,
  achievementIcons,
  achievementRarities,
} from "../enums/achievement.ts";
import { instant, memberRef, tenantRef, tenantTable, textEnum, updatedAt } from "./helpers.ts";
import { member } from "./organization.ts";

export const achievement = tenantTable(
  "achievement",
  {
    /** The catalog's key for a built-in achievement; null for one an admin wrote. */
    builtInKey: text(),
    name: text().notNull(),
    description: text().notNull().default(""),
    icon: textEnum(achievementIcons).notNull(),
    category: text().notNull(),
    rarity: textEnum(achievementRarities).notNull(),
    xpReward: integer().notNull().default(0),
    /** `{ kind, … }` as the API's achievementCriteria schema says. */
    criteria: jsonb().$type<unknown>().notNull(),
    /** Set when archived: no longer awarded nor shown to those who have not earned it. */
    archivedAt: instant(),
    /** Null for built-in ones, and once the author left. */
    createdByMemberId: uuid(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("achievement_org_built_in_key_unique").on(t.organizationId, t.builtInKey),
    check(
      "achievement_name_check",
      sql`char_length(btrim(${t.name})) between 1 and ${sql.raw(String(ACHIEVEMENT_NAME_MAX))}`,
    ),
    check(
      "achievement_description_check",
      sql`char_length(${t.description}) <= ${sql.raw(String(ACHIEVEMENT_DESCRIPTION_MAX))}`,
    ),
    check(
      "achievement_category_check",
      sql`char_length(btrim(${t.category})) between 1 and ${sql.raw(String(ACHIEVEMENT_CATEGORY_MAX))}`,
    ),
    check(
      "achievement_xp_reward_check",
      sql`${t.xpReward} between 0 and ${sql.raw(String(ACHIEVEMENT_XP_MAX))}`,
    ),
    memberRef(t, t.createdByMemberId, "achievement_created_by_member_fk"),
  ],
);

export const memberAchievement = tenantTable(
  "member_achievement",
  {
    achievementId: uuid().notNull(),
    memberId: uuid().notNull(),
    earnedAt: instant().notNull(),
  },
  (t) => [
    unique("member_achievement_org_achievement_member_unique").on(
      t.organizationId,
      t.achievementId,
      t.memberId,
    ),
    tenantRef(t, t.achievementId, () => achievement, {
      onDelete: "cascade",
      name: "member_achievement_achievement_fk",
    }),
    tenantRef(t, t.memberId, () => member, {
      onDelete: "cascade",
      name: "member_achievement_member_fk",
    }),
    // A member's achievements, newest first.
    index("member_achievement_org_member_earned_idx").on(
      t.organizationId,
      t.memberId,
      t.earnedAt.desc(),
    ),
  ],
);
