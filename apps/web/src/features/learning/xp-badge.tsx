import { levelProgress } from "@guild/api/schemas/xp-level";
import { Link } from "@tanstack/react-router";
import { Flame } from "lucide-react";
import { useMyXp } from "./use-learning.ts";

/**
 * The member's level and XP in the shell: a small badge with a bar toward the next level, linking
 * to the leaderboard. Follows xp.me, which lessons and quizzes refresh and community events make
 * stale (live.ts). Nothing until it has loaded: a badge is not worth a spinner.
 */
export function XpBadge({ slug, collapsed }: { slug: string; collapsed: boolean }) {
  const xp = useMyXp();
  if (!xp.data) return null;
  // The bar is the shared pure function's, so it matches the level the server names.
  const progress = levelProgress(xp.data.xp);
  const percent = Math.floor(progress.fraction * 100);
  const streak = xp.data.streaks.current;
  const toNext = `${progress.xpToNextLevel.toLocaleString("en")} XP to level ${progress.level + 1}`;
  const name = `Level ${progress.level}, ${progress.xp.toLocaleString("en")} XP${
    streak > 0 ? `, ${streak}-day streak` : ""
  }, ${toNext}`;
  // The link's name is one sentence in its text (no aria-label that could differ from what is
  // shown); the badge drawn for the eye is hidden from screen readers.
  return (
    <Link
      to="/o/$slug/leaderboard"
      params={{ slug }}
      title={collapsed ? name : undefined}
      className={`block rounded-md px-2.5 py-2 text-foreground hover:bg-muted ${collapsed ? "text-center" : ""}`}
    >
      <span className="sr-only">{name}</span>
      {collapsed ? (
        <span aria-hidden="true" className="text-xs font-semibold tabular-nums">
          L{progress.level}
        </span>
      ) : (
        <span aria-hidden="true" className="block space-y-1">
          <span className="flex items-baseline justify-between gap-2 text-xs">
            <span className="font-semibold">Level {progress.level}</span>
            <span className="flex items-center gap-2 text-muted-foreground tabular-nums">
              {streak > 0 && (
                <span className="inline-flex items-center gap-0.5">
                  <Flame className="size-3 text-warning" />
                  {streak}
                </span>
              )}
              {progress.xp.toLocaleString("en")} / {progress.nextLevelXp.toLocaleString("en")} XP
            </span>
          </span>
          <span className="block h-1.5 w-full overflow-hidden rounded-full bg-muted-strong">
            <span
              className="block h-full rounded-full bg-primary transition-[width]"
              style={{ width: `${percent}%` }}
            />
          </span>
        </span>
      )}
    </Link>
  );
}
