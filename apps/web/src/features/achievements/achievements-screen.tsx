import type { RouterOutputs } from "@guild/api";
import { hasRole } from "@guild/db/enums";
import { Lock } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { ProgressBar } from "../../components/progress-bar.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { AchievementForm, type ManagedAchievement } from "./achievement-form.tsx";
import {
  AchievementMedal,
  describeCriteria,
  describeProgress,
  RarityBadge,
} from "./achievement-look.tsx";
import {
  useAchievementMutations,
  useManagedAchievements,
  useMyAchievements,
} from "./use-achievements.ts";

type MyAchievement = RouterOutputs["achievement"]["mine"]["items"][number];

/**
 * Achievements: the member's own, earned (with the date) and locked (with progress toward each),
 * and for admins the organization's to author, edit, archive and restore.
 */
export function AchievementsScreen() {
  const me = useCurrentOrganization().membership;
  const isAdmin = hasRole(me.role, "admin");
  const mine = useMyAchievements();

  return (
    <>
      <PageHeader
        title="Achievements"
        description="Earn them by learning: lessons, quizzes, courses, streaks and the leaderboard."
      />
      <div className="flex flex-col gap-6">
        {mine.isPending ? (
          <LoadingState label="Loading your achievements…" />
        ) : mine.error ? (
          <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />
        ) : mine.data.items.length === 0 ? (
          <EmptyState title="No achievements yet">
            This organization offers no achievements at the moment.
          </EmptyState>
        ) : (
          <MyAchievements items={mine.data.items} earnedCount={mine.data.earnedCount} />
        )}
        {isAdmin && <ManageAchievements />}
      </div>
    </>
  );
}

function MyAchievements({ items, earnedCount }: { items: MyAchievement[]; earnedCount: number }) {
  const earned = items
    .filter((i) => i.earnedAt !== null)
    .sort((a, b) => (b.earnedAt?.getTime() ?? 0) - (a.earnedAt?.getTime() ?? 0));
  const locked = items.filter((i) => i.earnedAt === null);
  return (
    <>
      <section aria-labelledby="achievements-summary" className="flex flex-col gap-2">
        <h2 id="achievements-summary" className="text-base font-semibold text-foreground">
          {earnedCount} of {items.length} earned
        </h2>
        <ProgressBar
          label="Achievements earned"
          percent={items.length === 0 ? 0 : Math.round((earnedCount * 100) / items.length)}
          className="h-2 w-full max-w-md"
        />
      </section>
      {earned.length > 0 && <AchievementGrid title="Earned" items={earned} />}
      {locked.length > 0 && <AchievementGrid title="Locked" items={locked} />}
    </>
  );
}

function AchievementGrid({ title, items }: { title: string; items: MyAchievement[] }) {
  return (
    <section aria-label={title} className="flex flex-col gap-3">
      <h2 className="text-base font-semibold text-foreground">{title}</h2>
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {items.map((item) => (
          <AchievementCard key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}

function AchievementCard({ item }: { item: MyAchievement }) {
  const locked = item.earnedAt === null;
  const progress = item.progress;
  return (
    <li
      aria-label={item.name}
      className={`flex gap-3 rounded-lg border bg-surface p-4 shadow-sm ${locked ? "border-border" : "border-accent-border"}`}
    >
      <AchievementMedal icon={item.icon} rarity={item.rarity} locked={locked} />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="font-semibold wrap-anywhere text-foreground">{item.name}</h3>
          <RarityBadge rarity={item.rarity} />
        </div>
        <p className="text-sm wrap-anywhere text-muted-foreground">
          {item.description || describeCriteria(item.criteria)}
        </p>
        <p className="text-xs text-muted-foreground">
          {item.category}
          {item.xpReward > 0 && ` · ${item.xpReward.toLocaleString()} XP`}
        </p>
        {item.earnedAt ? (
          <p className="text-sm font-medium text-success">
            Earned <time dateTime={item.earnedAt.toISOString()}>{formatDate(item.earnedAt)}</time>
          </p>
        ) : progress ? (
          <div className="mt-1 flex flex-col gap-1">
            <p className="flex items-center gap-1 text-xs text-muted-foreground">
              <Lock aria-hidden="true" className="size-3" />
              {describeProgress(item.criteria, progress)}
            </p>
            <ProgressBar
              label={`Progress toward ${item.name}`}
              percent={Math.round((progress.current * 100) / Math.max(1, progress.target))}
            />
          </div>
        ) : null}
      </div>
    </li>
  );
}

function ManageAchievements() {
  const list = useManagedAchievements(true);
  const { archive, restore } = useAchievementMutations();
  const [editing, setEditing] = useState<ManagedAchievement | "new" | null>(null);
  const toggle = (achievement: ManagedAchievement) => {
    const mutation = achievement.archivedAt ? restore : archive;
    mutation.mutate(
      { id: achievement.id },
      {
        onSuccess: (saved) =>
          toast.success(saved.archivedAt ? `Archived ${saved.name}.` : `Restored ${saved.name}.`),
        onError: (error) => toast.error(errorMessage(error)),
      },
    );
  };

  return (
    <Card
      title="Manage achievements"
      description="Admins author the organization's achievements. Archived ones are awarded no more; who earned them keeps them."
      actions={
        editing === null && (
          <Button size="sm" onClick={() => setEditing("new")}>
            New achievement
          </Button>
        )
      }
    >
      <div className="flex flex-col gap-4">
        {editing !== null && (
          <AchievementForm
            key={editing === "new" ? "new" : editing.id}
            achievement={editing === "new" ? undefined : editing}
            onDone={() => setEditing(null)}
          />
        )}
        {list.isPending ? (
          <LoadingState label="Loading the organization's achievements…" />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <ul className="divide-y divide-border" aria-label="Organization's achievements">
            {list.data.map((achievement) => (
              <li
                key={achievement.id}
                className="flex flex-wrap items-center gap-3 py-3 sm:flex-nowrap"
              >
                <AchievementMedal
                  icon={achievement.icon}
                  rarity={achievement.rarity}
                  locked={achievement.archivedAt !== null}
                />
                <div className="min-w-0 flex-1">
                  <p className="flex flex-wrap items-center gap-2 font-medium text-foreground">
                    <span className="wrap-anywhere">{achievement.name}</span>
                    <RarityBadge rarity={achievement.rarity} />
                    {achievement.builtIn && (
                      <span className="text-xs text-muted-foreground">Built-in</span>
                    )}
                    {achievement.archivedAt && (
                      <span className="text-xs text-muted-foreground">Archived</span>
                    )}
                  </p>
                  <p className="text-sm text-muted-foreground">
                    {describeCriteria(achievement.criteria)} · {achievement.category} ·{" "}
                    {achievement.xpReward.toLocaleString()} XP · earned by{" "}
                    {achievement.earnedCount.toLocaleString()}
                  </p>
                </div>
                <div className="flex gap-2">
                  <Button
                    size="sm"
                    variant="secondary"
                    aria-label={`Edit ${achievement.name}`}
                    onClick={() => setEditing(achievement)}
                  >
                    Edit
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`${achievement.archivedAt ? "Restore" : "Archive"} ${achievement.name}`}
                    pending={
                      (archive.isPending && archive.variables?.id === achievement.id) ||
                      (restore.isPending && restore.variables?.id === achievement.id)
                    }
                    onClick={() => toggle(achievement)}
                  >
                    {achievement.archivedAt ? "Restore" : "Archive"}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
