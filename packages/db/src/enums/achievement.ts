/**
 * Achievements (issue 12 §3). Rarity orders them from what most members earn to what few do; the
 * web gives each its own look.
 */
export const achievementRarities = ["common", "rare", "epic", "legendary"] as const;
export type AchievementRarity = (typeof achievementRarities)[number];

/** The fixed icon set an achievement picks from (the web draws each). */
export const achievementIcons = [
  "star",
  "flame",
  "trophy",
  "medal",
  "book",
  "graduation",
  "target",
  "zap",
  "crown",
  "heart",
] as const;
export type AchievementIcon = (typeof achievementIcons)[number];

/** What an achievement's criteria may count (the API's zod schema gives each its fields). */
export const achievementCriteriaKinds = [
  "lessons_completed",
  "courses_completed",
  "quiz_passes",
  "streak_days",
  "leaderboard_rank",
  "level_reached",
  "sessions_attended",
] as const;
export type AchievementCriteriaKind = (typeof achievementCriteriaKinds)[number];

export const ACHIEVEMENT_NAME_MAX = 80;
export const ACHIEVEMENT_DESCRIPTION_MAX = 300;
export const ACHIEVEMENT_CATEGORY_MAX = 40;
export const ACHIEVEMENT_XP_MAX = 10_000;
