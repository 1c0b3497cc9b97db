// Achievements (issue 12 §3): an achievement's fields and its declarative criteria, shared by the
// admin's form on the web and the API, which validates them on every write and parses the stored
// criteria again on every read (a row written by hand never reaches the evaluator unchecked).
import {
  ACHIEVEMENT_CATEGORY_MAX,
  ACHIEVEMENT_DESCRIPTION_MAX,
  ACHIEVEMENT_NAME_MAX,
  ACHIEVEMENT_XP_MAX,
  achievementIcons,
  achievementRarities,
  LESSON_LEVEL_MAX,
  xpPeriods,
} from "@guild/db/enums";
import { z } from "zod";
import { idSchema, lineOfText, text } from "./common.ts";

/** The largest count a criterion may ask for (beyond it nobody would earn it). */
export const ACHIEVEMENT_COUNT_MAX = 10_000;
/** The longest streak a criterion may ask for: ten years of days. */
export const ACHIEVEMENT_STREAK_DAYS_MAX = 3650;
/** The widest leaderboard top a criterion may ask for. */
export const ACHIEVEMENT_TOP_MAX = 1000;

const count = z
  .int("Enter a whole number")
  .min(1, "At least 1")
  .max(ACHIEVEMENT_COUNT_MAX, `At most ${ACHIEVEMENT_COUNT_MAX.toLocaleString("en")}`);

/** What earns an achievement: a kind and its threshold. */
export const achievementCriteria = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("lessons_completed"), count }),
    z.object({ kind: z.literal("courses_completed"), count }),
    /** Quizzes passed: each quiz counts once, however often it is passed. */
    z.object({ kind: z.literal("quiz_passes"), count }),
    /** A streak of this many days, in the member's time zone (their longest run counts). */
    z.object({
      kind: z.literal("streak_days"),
      days: z
        .int("Enter a whole number")
        .min(2, "At least 2 days")
        .max(ACHIEVEMENT_STREAK_DAYS_MAX, `At most ${ACHIEVEMENT_STREAK_DAYS_MAX} days`),
    }),
    /** Among the top N of a leaderboard's current period (with some XP in it). */
    z.object({
      kind: z.literal("leaderboard_rank"),
      period: z.enum(xpPeriods, "Choose a period"),
      top: z
        .int("Enter a whole number")
        .min(1, "At least 1")
        .max(ACHIEVEMENT_TOP_MAX, `At most ${ACHIEVEMENT_TOP_MAX}`),
    }),
    z.object({
      kind: z.literal("level_reached"),
      level: z
        .int("Enter a whole number")
        .min(2, "At least level 2")
        .max(LESSON_LEVEL_MAX, `At most level ${LESSON_LEVEL_MAX}`),
    }),
    /** Live sessions attended (joined while going): each session counts once. */
    z.object({ kind: z.literal("sessions_attended"), count }),
  ],
  "Choose what earns it",
);
export type AchievementCriteria = z.output<typeof achievementCriteria>;

export const achievementFields = z.object({
  name: lineOfText()
    .trim()
    .min(1, "Give the achievement a name")
    .max(ACHIEVEMENT_NAME_MAX, `A name has at most ${ACHIEVEMENT_NAME_MAX} characters`),
  description: text()
    .trim()
    .max(
      ACHIEVEMENT_DESCRIPTION_MAX,
      `A description has at most ${ACHIEVEMENT_DESCRIPTION_MAX} characters`,
    )
    .default(""),
  icon: z.enum(achievementIcons, "Choose an icon"),
  category: lineOfText()
    .trim()
    .min(1, "Give it a category")
    .max(ACHIEVEMENT_CATEGORY_MAX, `A category has at most ${ACHIEVEMENT_CATEGORY_MAX} characters`),
  rarity: z.enum(achievementRarities, "Choose a rarity"),
  xpReward: z
    .int("Enter a whole number")
    .min(0, "At least 0")
    .max(ACHIEVEMENT_XP_MAX, `At most ${ACHIEVEMENT_XP_MAX.toLocaleString("en")} XP`),
  criteria: achievementCriteria,
});

export const createAchievementInput = achievementFields;
export const updateAchievementInput = achievementFields.extend({ id: idSchema });
export const achievementIdInput = z.object({ id: idSchema });
