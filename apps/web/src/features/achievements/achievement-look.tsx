import type { AchievementCriteria } from "@guild/api/schemas/achievement";
import type { AchievementIcon, AchievementRarity } from "@guild/db/enums";
import {
  BookOpen,
  Crown,
  Flame,
  GraduationCap,
  Heart,
  type LucideIcon,
  Medal,
  Star,
  Target,
  Trophy,
  Zap,
} from "lucide-react";

export const achievementIconComponents: Record<AchievementIcon, LucideIcon> = {
  star: Star,
  flame: Flame,
  trophy: Trophy,
  medal: Medal,
  book: BookOpen,
  graduation: GraduationCap,
  target: Target,
  zap: Zap,
  crown: Crown,
  heart: Heart,
};

export const rarityLabels: Record<AchievementRarity, string> = {
  common: "Common",
  rare: "Rare",
  epic: "Epic",
  legendary: "Legendary",
};

/** Each rarity its own colours (design tokens, so both themes hold): grey, blue, indigo, gold. */
export const rarityStyles: Record<AchievementRarity, { badge: string; medal: string }> = {
  common: {
    badge: "bg-muted text-muted-foreground border-border",
    medal: "bg-muted text-muted-foreground ring-border",
  },
  rare: {
    badge: "bg-info-muted text-info border-info-border",
    medal: "bg-info-muted text-info ring-info-border",
  },
  epic: {
    badge: "bg-accent text-accent-foreground border-accent-border",
    medal: "bg-accent text-accent-foreground ring-accent-border",
  },
  legendary: {
    badge: "bg-warning-muted text-warning border-warning-border",
    medal: "bg-warning-muted text-warning ring-warning-border ring-2",
  },
};

export function RarityBadge({ rarity }: { rarity: AchievementRarity }) {
  return (
    <span
      className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium ${rarityStyles[rarity].badge}`}
    >
      {rarityLabels[rarity]}
    </span>
  );
}

export function AchievementMedal({
  icon,
  rarity,
  locked = false,
}: {
  icon: AchievementIcon;
  rarity: AchievementRarity;
  locked?: boolean;
}) {
  const Icon = achievementIconComponents[icon];
  const look = locked ? "bg-muted text-faint-foreground ring-border" : rarityStyles[rarity].medal;
  return (
    <span
      aria-hidden="true"
      className={`flex size-12 shrink-0 items-center justify-center rounded-full ring-1 ${look}`}
    >
      <Icon className="size-6" />
    </span>
  );
}

const periodWords = {
  daily: "today",
  weekly: "this week",
  monthly: "this month",
  all_time: "of all time",
} as const;

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** What earns it, in words: "Complete 3 lessons", "Be in the top 10 this week". */
export function describeCriteria(criteria: AchievementCriteria): string {
  switch (criteria.kind) {
    case "lessons_completed":
      return `Complete ${plural(criteria.count, "lesson", "lessons")}`;
    case "courses_completed":
      return `Complete ${plural(criteria.count, "course", "courses")}`;
    case "quiz_passes":
      return `Pass ${plural(criteria.count, "quiz", "quizzes")}`;
    case "streak_days":
      return `Learn ${criteria.days} days in a row`;
    case "leaderboard_rank":
      return `Be in the top ${criteria.top} ${periodWords[criteria.period]}`;
    case "level_reached":
      return `Reach level ${criteria.level}`;
    case "sessions_attended":
      return `Attend ${plural(criteria.count, "live session", "live sessions")}`;
    default:
      return criteria satisfies never;
  }
}

/** Progress in words: "4 of 7 days", "Level 2 of 5", "120 of 300 XP this week". */
export function describeProgress(
  criteria: AchievementCriteria,
  progress: { current: number; target: number },
): string {
  const { current, target } = progress;
  const of = `${current.toLocaleString()} of ${target.toLocaleString()}`;
  switch (criteria.kind) {
    case "lessons_completed":
      return `${of} ${target === 1 ? "lesson" : "lessons"}`;
    case "courses_completed":
      return `${of} ${target === 1 ? "course" : "courses"}`;
    case "quiz_passes":
      return `${of} ${target === 1 ? "quiz" : "quizzes"} passed`;
    case "streak_days":
      return `${of} days`;
    case "leaderboard_rank":
      return `${of} XP ${periodWords[criteria.period]}`;
    case "level_reached":
      return `Level ${of}`;
    case "sessions_attended":
      return `${of} ${target === 1 ? "live session" : "live sessions"} attended`;
    default:
      return criteria satisfies never;
  }
}
