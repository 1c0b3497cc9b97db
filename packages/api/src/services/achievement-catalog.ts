// Achievement definitions as the evaluator and the screens read them (issue 12 §3): the built-in
// catalog every organization starts with, and each organization's rows, criteria parsed again.
//
// The built-in ones are rows like an admin's (so awards point at one kind of row and admins can
// edit or archive them), made in an organization the first time anything reads its achievements:
// one insert … on conflict do nothing on (organization, built-in key), so concurrent first reads
// make each once, and an archived or edited one is never made again.
import {
  type AchievementIcon,
  type AchievementRarity,
  achievement,
  achievementRarities,
  and,
  eq,
  isNotNull,
  isNull,
  type TenantScope,
} from "@guild/db";
import { type AchievementCriteria, achievementCriteria } from "../schemas/achievement.ts";

interface BuiltInAchievement {
  key: string;
  name: string;
  description: string;
  icon: AchievementIcon;
  category: string;
  rarity: AchievementRarity;
  xpReward: number;
  criteria: AchievementCriteria;
}

export const builtInAchievements: readonly BuiltInAchievement[] = [
  {
    key: "first_lesson",
    name: "First steps",
    description: "Complete your first lesson.",
    icon: "book",
    category: "Learning",
    rarity: "common",
    xpReward: 10,
    criteria: { kind: "lessons_completed", count: 1 },
  },
  {
    key: "ten_lessons",
    name: "Bookworm",
    description: "Complete 10 lessons.",
    icon: "book",
    category: "Learning",
    rarity: "rare",
    xpReward: 50,
    criteria: { kind: "lessons_completed", count: 10 },
  },
  {
    key: "first_course",
    name: "Graduate",
    description: "Complete a whole course.",
    icon: "graduation",
    category: "Courses",
    rarity: "rare",
    xpReward: 100,
    criteria: { kind: "courses_completed", count: 1 },
  },
  {
    key: "ten_quiz_passes",
    name: "Quiz whiz",
    description: "Pass 10 quizzes.",
    icon: "target",
    category: "Quizzes",
    rarity: "epic",
    xpReward: 150,
    criteria: { kind: "quiz_passes", count: 10 },
  },
  {
    key: "streak_7",
    name: "On fire",
    description: "Learn 7 days in a row.",
    icon: "flame",
    category: "Streaks",
    rarity: "rare",
    xpReward: 50,
    criteria: { kind: "streak_days", days: 7 },
  },
  {
    key: "streak_30",
    name: "Unstoppable",
    description: "Learn 30 days in a row.",
    icon: "zap",
    category: "Streaks",
    rarity: "epic",
    xpReward: 200,
    criteria: { kind: "streak_days", days: 30 },
  },
  {
    key: "weekly_top_10",
    name: "Top 10",
    description: "Be among the top 10 of this week's leaderboard.",
    icon: "trophy",
    category: "Leaderboard",
    rarity: "epic",
    xpReward: 100,
    criteria: { kind: "leaderboard_rank", period: "weekly", top: 10 },
  },
  {
    key: "level_5",
    name: "Legend",
    description: "Reach level 5.",
    icon: "crown",
    category: "Levels",
    rarity: "legendary",
    xpReward: 500,
    criteria: { kind: "level_reached", level: 5 },
  },
  {
    key: "first_session",
    name: "Front row",
    description: "Attend your first live session.",
    icon: "star",
    category: "Live sessions",
    rarity: "common",
    xpReward: 10,
    criteria: { kind: "sessions_attended", count: 1 },
  },
];

/** Makes the built-in achievements the organization lacks (none after the first time). */
export async function ensureBuiltInAchievements(scope: TenantScope): Promise<void> {
  const present = await scope.db
    .select({ key: achievement.builtInKey })
    .from(achievement)
    .where(
      and(eq(achievement.organizationId, scope.organizationId), isNotNull(achievement.builtInKey)),
    );
  const have = new Set(present.map((row) => row.key));
  const missing = builtInAchievements.filter((b) => !have.has(b.key));
  if (missing.length === 0) return;
  await scope.db
    .insert(achievement)
    .values(
      missing.map(({ key, ...fields }) => ({
        ...fields,
        organizationId: scope.organizationId,
        builtInKey: key,
      })),
    )
    .onConflictDoNothing({ target: [achievement.organizationId, achievement.builtInKey] });
}

const columns = {
  id: achievement.id,
  builtInKey: achievement.builtInKey,
  name: achievement.name,
  description: achievement.description,
  icon: achievement.icon,
  category: achievement.category,
  rarity: achievement.rarity,
  xpReward: achievement.xpReward,
  criteria: achievement.criteria,
  archivedAt: achievement.archivedAt,
  createdAt: achievement.createdAt,
  updatedAt: achievement.updatedAt,
};

type AchievementRow = Pick<typeof achievement.$inferSelect, keyof typeof columns>;

export type AchievementDefinition = Omit<AchievementRow, "criteria"> & {
  criteria: AchievementCriteria;
  builtIn: boolean;
};

/**
 * A row as the API answers it. Its criteria are parsed again: a row whose criteria no longer
 * parse (written by hand, or by an older rule) is left out rather than evaluated or shown wrong.
 */
function definitionOf(row: AchievementRow): AchievementDefinition | null {
  const criteria = achievementCriteria.safeParse(row.criteria);
  if (!criteria.success) return null;
  return { ...row, criteria: criteria.data, builtIn: row.builtInKey !== null };
}

/** The organization's achievements (archived ones too when asked), rarest last, then by name. */
export async function readAchievements(
  scope: TenantScope,
  options: { archived: boolean },
): Promise<AchievementDefinition[]> {
  await ensureBuiltInAchievements(scope);
  const rows = await scope.db
    .select(columns)
    .from(achievement)
    .where(
      and(
        eq(achievement.organizationId, scope.organizationId),
        options.archived ? undefined : isNull(achievement.archivedAt),
      ),
    );
  const rank = (r: AchievementRarity) => achievementRarities.indexOf(r);
  return rows
    .map(definitionOf)
    .filter((d): d is AchievementDefinition => d !== null)
    .sort(
      (a, b) =>
        rank(a.rarity) - rank(b.rarity) ||
        a.category.localeCompare(b.category, "en") ||
        a.name.localeCompare(b.name, "en"),
    );
}

/** What can still be awarded: every achievement not archived. */
export function awardableAchievements(scope: TenantScope) {
  return readAchievements(scope, { archived: false });
}

/** One achievement of the organization (archived too), or null. */
export async function findAchievement(
  scope: TenantScope,
  id: string,
): Promise<AchievementDefinition | null> {
  const [row] = await scope.db
    .select(columns)
    .from(achievement)
    .where(and(eq(achievement.organizationId, scope.organizationId), eq(achievement.id, id)));
  return row ? definitionOf(row) : null;
}
