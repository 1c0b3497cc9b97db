import { Link } from "@tanstack/react-router";
import { ChevronLeft, ChevronRight, Flame, Trophy } from "lucide-react";
import { ButtonLink } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/card.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import type { LeaderboardPeriod, LeaderboardSearch } from "../../lib/search-params.ts";
import { MemberAvatar } from "../members/member-avatar.tsx";
import { type Leaderboard, useLeaderboard } from "./use-learning.ts";

type Row = Leaderboard["rows"][number];

const tabs: { period: LeaderboardPeriod; label: string }[] = [
  { period: "daily", label: "Today" },
  { period: "weekly", label: "This week" },
  { period: "monthly", label: "This month" },
  { period: "all_time", label: "All time" },
];

const unit = { daily: "day", weekly: "week", monthly: "month" } as const;

/** "Last week", "3 months ago", "Yesterday": the period `offset` back. */
export function periodName(period: LeaderboardPeriod, offset: number): string {
  if (period === "all_time") return "All time";
  if (offset === 0) return tabs.find((t) => t.period === period)?.label ?? "";
  if (offset === 1) return period === "daily" ? "Yesterday" : `Last ${unit[period]}`;
  return `${offset} ${unit[period]}s ago`;
}

const day = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** A period's local days ("2026-11-30") as "30 Nov 2026 – 6 Dec 2026". */
function daysText(startsOn: string, endsOn: string | null) {
  const at = (d: string) => day.format(new Date(`${d}T00:00:00Z`));
  if (!endsOn) return null;
  return startsOn === endsOn ? at(startsOn) : `${at(startsOn)} – ${at(endsOn)}`;
}

/**
 * The organization's leaderboard: today, this week, this month and all time, earlier periods
 * ("last week's winners"), ranks with ties, and the viewer's own row pinned under the top rows
 * when they are not among them.
 */
export function LeaderboardScreen({ slug, search }: { slug: string; search: LeaderboardSearch }) {
  const period = search.period ?? "weekly";
  const offset = period === "all_time" ? 0 : (search.offset ?? 0);
  const board = useLeaderboard(period, offset);
  const title = periodName(period, offset);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Leaderboard"
        description="Who earned the most XP, from lessons, quizzes and the community."
      />
      <nav aria-label="Leaderboard periods" className="flex flex-wrap gap-1 border-b border-border">
        {tabs.map((tab) => {
          const current = tab.period === period;
          return (
            <Link
              key={tab.period}
              to="/o/$slug/leaderboard"
              params={{ slug }}
              search={tab.period === "weekly" ? {} : { period: tab.period }}
              aria-current={current ? "page" : undefined}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
                current
                  ? "border-primary text-foreground"
                  : "border-transparent text-muted-foreground hover:text-foreground"
              }`}
            >
              {tab.label}
            </Link>
          );
        })}
      </nav>
      {period !== "all_time" && (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <ButtonLink
            variant="secondary"
            size="sm"
            to="/o/$slug/leaderboard"
            params={{ slug }}
            search={{ period, offset: offset + 1 }}
          >
            <ChevronLeft aria-hidden="true" className="size-4" />
            {periodName(period, offset + 1)}
          </ButtonLink>
          <p className="text-sm font-medium text-foreground" aria-live="polite">
            {title}
            {board.data && board.data.period === period && board.data.offset === offset && (
              <span className="ml-2 font-normal text-muted-foreground">
                {daysText(board.data.startsOn, board.data.endsOn)}
              </span>
            )}
          </p>
          {offset > 0 ? (
            <ButtonLink
              variant="secondary"
              size="sm"
              to="/o/$slug/leaderboard"
              params={{ slug }}
              search={offset === 1 ? { period } : { period, offset: offset - 1 }}
            >
              {periodName(period, offset - 1)}
              <ChevronRight aria-hidden="true" className="size-4" />
            </ButtonLink>
          ) : (
            <span className="hidden sm:block sm:w-24" />
          )}
        </div>
      )}
      {board.isPending ? (
        <LoadingState label="Loading the leaderboard…" />
      ) : board.isError ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : board.data.rows.length === 0 ? (
        <EmptyState title="No one on this board yet">
          {offset === 0
            ? "Complete a lesson, pass a quiz or post in the community to earn XP and appear here."
            : "No one earned XP in this period."}
        </EmptyState>
      ) : (
        <BoardTable board={board.data} slug={slug} past={offset > 0} title={title} />
      )}
    </div>
  );
}

// The board's columns; on a phone those that do not fit go under the member's name.
const columns = [
  { label: "Rank", className: "w-12" },
  { label: "Member", className: "" },
  { label: "XP", className: "text-right" },
  { label: "Lessons", className: "hidden text-right sm:table-cell" },
  { label: "Streak", className: "hidden text-right sm:table-cell" },
  { label: "Percentile", className: "hidden text-right md:table-cell" },
];

function BoardTable({
  board,
  slug,
  past,
  title,
}: {
  board: Leaderboard;
  slug: string;
  past: boolean;
  title: string;
}) {
  const me = board.me;
  const meShown = me !== null && board.rows.some((r) => r.memberId === me.memberId);
  const tied = new Set(
    board.rows
      .filter((r, i, all) => all.some((o, j) => j !== i && o.rank === r.rank))
      .map((r) => r.rank),
  );
  if (me && !meShown && board.rows.some((r) => r.rank === me.rank)) tied.add(me.rank);
  return (
    <Card
      title={past ? `${title}: the winners` : title}
      description={`${board.boardSize.toLocaleString("en")} ${
        board.boardSize === 1 ? "member" : "members"
      } earned XP${board.period === "all_time" ? "" : " in this period"}.`}
    >
      <table className="w-full text-sm">
        <caption className="sr-only">
          {title}: rank, member, XP, lessons completed, streak days and percentile
        </caption>
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted-foreground">
            {columns.map((column) => (
              <th
                key={column.label}
                scope="col"
                className={`py-2 pr-2 font-medium ${column.className}`}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.rows.map((row) => (
            <BoardRow
              key={row.memberId}
              row={row}
              slug={slug}
              mine={row.memberId === me?.memberId}
              tied={tied.has(row.rank)}
            />
          ))}
        </tbody>
        {me && !meShown && (
          <tbody aria-label="Your rank">
            <tr>
              <td colSpan={6} className="py-1 text-center text-xs text-muted-foreground">
                <span aria-hidden="true">⋯</span>
                <span className="sr-only">Your own rank, outside the top rows</span>
              </td>
            </tr>
            <BoardRow row={me} slug={slug} mine tied={tied.has(me.rank)} />
          </tbody>
        )}
      </table>
      {!me && (
        <p className="mt-3 text-sm text-muted-foreground">
          You are not on this board: earn XP in this period to appear.
        </p>
      )}
    </Card>
  );
}

function BoardRow({
  row,
  slug,
  mine,
  tied,
}: {
  row: Row;
  slug: string;
  mine: boolean;
  tied: boolean;
}) {
  const name = row.username ? (
    <Link
      to="/o/$slug/u/$username"
      params={{ slug, username: row.username }}
      className="hover:underline focus-visible:underline"
    >
      {row.name}
    </Link>
  ) : (
    row.name
  );
  return (
    <tr
      className={`border-b border-border last:border-0 ${mine ? "bg-accent text-accent-foreground" : ""}`}
      aria-current={mine ? "true" : undefined}
    >
      <td className="py-2 pr-2 align-top font-semibold tabular-nums">
        <span className="inline-flex items-center gap-1">
          {row.rank <= 3 && (
            <Trophy
              aria-hidden="true"
              className={`size-4 ${row.rank === 1 ? "text-warning" : "text-muted-foreground"}`}
            />
          )}
          {tied ? `=${row.rank}` : row.rank}
          {tied && <span className="sr-only"> (tied)</span>}
        </span>
      </td>
      {/* w-full max-w-0: the name's cell takes what the other columns leave and may shrink
          below its text, so a long name truncates instead of widening a phone's page. */}
      <td className="w-full max-w-0 py-2 pr-2">
        <span className="flex min-w-0 items-center gap-2">
          <MemberAvatar name={row.name} avatarUrl={row.avatarUrl} size="sm" />
          <span className="min-w-0">
            <span className="block truncate font-medium">
              {name}
              {mine && <span className="ml-1 text-xs font-normal">(you)</span>}
            </span>
            {/* On a phone the columns that do not fit go under the name. */}
            <span className="block text-xs text-muted-foreground sm:hidden">
              {row.lessonsCompleted} lessons · {row.streakDays}-day streak · percentile{" "}
              {row.percentile.toLocaleString("en", { maximumFractionDigits: 1 })}
            </span>
          </span>
        </span>
      </td>
      <td className="py-2 pr-2 text-right align-top font-semibold tabular-nums">
        {row.xp.toLocaleString("en")}
      </td>
      <td className="hidden py-2 pr-2 text-right align-top tabular-nums sm:table-cell">
        {row.lessonsCompleted.toLocaleString("en")}
      </td>
      <td className="hidden py-2 pr-2 text-right align-top tabular-nums sm:table-cell">
        <span className="inline-flex items-center gap-1">
          {row.streakDays > 0 && <Flame aria-hidden="true" className="size-3.5 text-warning" />}
          {row.streakDays} {row.streakDays === 1 ? "day" : "days"}
        </span>
      </td>
      <td className="hidden py-2 text-right align-top tabular-nums md:table-cell">
        {row.percentile.toLocaleString("en", { maximumFractionDigits: 1 })}
      </td>
    </tr>
  );
}
