import { Link, useNavigate } from "@tanstack/react-router";
import { Move } from "lucide-react";
import { type DragEvent, useEffect, useMemo, useState } from "react";
import { Button, ButtonLink } from "../../components/button.tsx";
import { PageHeader } from "../../components/card.tsx";
import { EmptyState, ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useMediaQuery, WIDER_THAN_PHONE } from "../../lib/use-media-query.ts";
import { CalendarSteps } from "../calendar/calendar-steps.tsx";
import { DayGrid } from "../calendar/day-grid.tsx";
import { useMemberTimeZone } from "../calendar/use-member-time-zone.ts";
import {
  addDays,
  addMonths,
  type DayKey,
  dayKeyAt,
  formatDay,
  monthGrid,
  sameMonth,
  startOfDayIn,
  startOfMonth,
  zoneLabel,
} from "../calendar/zoned-time.ts";
import { timeIn } from "../events/event-time.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { StudioStateBadge } from "./studio-state-badge.tsx";
import { sameTimeOnDay } from "./studio-time.ts";
import { type StudioCalendarPost, useStudioCalendar, useStudioMutations } from "./use-studio.ts";

/** The instant a post sits at in the calendar: when it went out, or when it is to. */
function instantOf(post: StudioCalendarPost): Date | null {
  return post.publishedAt ?? post.scheduledAt;
}

const DRAG_TYPE = "application/x-guild-studio-post";

/**
 * The member's content calendar: their scheduled and published posts by month, in their zone.
 * A scheduled post is dragged to another day to move it there at the same time of day; without
 * a mouse, "Move" on it in the chosen day's list, then a day chosen in the grid (arrow keys,
 * Enter) does the same. On a phone the month is an agenda of its days with posts.
 */
export function StudioCalendarScreen({ date }: { date: string | undefined }) {
  const { slug } = useCurrentOrganization();
  const navigate = useNavigate();
  const { timeZone, weekStartsOn } = useMemberTimeZone();
  const wide = useMediaQuery(WIDER_THAN_PHONE);
  const today = dayKeyAt(new Date(), timeZone);
  const day = date ?? today;
  const weeks = useMemo(() => monthGrid(day, weekStartsOn), [day, weekStartsOn]);
  const firstDay = wide ? (weeks[0]?.[0] ?? day) : startOfMonth(day);
  const lastDay = wide
    ? (weeks.at(-1)?.at(-1) ?? day)
    : addDays(addMonths(startOfMonth(day), 1), -1);
  const from = useMemo(() => startOfDayIn(firstDay, timeZone), [firstDay, timeZone]);
  const to = useMemo(() => startOfDayIn(addDays(lastDay, 1), timeZone), [lastDay, timeZone]);
  const calendar = useStudioCalendar(from, to);
  const { schedule } = useStudioMutations();
  const [moving, setMoving] = useState<StudioCalendarPost | null>(null);
  const [dropTarget, setDropTarget] = useState<DayKey | null>(null);
  // Escape drops a move on the way, wherever focus is.
  useEffect(() => {
    if (!moving) return;
    const cancel = (event: KeyboardEvent) => {
      if (event.key === "Escape") setMoving(null);
    };
    document.addEventListener("keydown", cancel);
    return () => document.removeEventListener("keydown", cancel);
  }, [moving]);

  const byDay = useMemo(() => {
    const map = new Map<DayKey, StudioCalendarPost[]>();
    for (const post of calendar.data?.items ?? []) {
      const at = instantOf(post);
      if (!at) continue;
      const key = dayKeyAt(at, timeZone);
      map.set(key, [...(map.get(key) ?? []), post]);
    }
    return map;
  }, [calendar.data, timeZone]);

  const go = (next: DayKey, replace = false) =>
    void navigate({
      to: "/o/$slug/studio/calendar",
      params: { slug },
      search: next === today ? {} : { date: next },
      replace,
    });

  /** Moves a scheduled post to a day, keeping its time and where it goes. */
  const moveTo = (post: StudioCalendarPost, target: DayKey) => {
    setMoving(null);
    if (!post.scheduledAt || post.state !== "scheduled") return;
    if (dayKeyAt(post.scheduledAt, timeZone) === target) return;
    const at = sameTimeOnDay(post.scheduledAt, target, timeZone);
    const where =
      post.target === "space" && post.space
        ? { target: "space" as const, spaceId: post.space.id }
        : { target: "webhook" as const };
    schedule.mutate({ id: post.id, at, ...where });
  };

  const findPost = (id: string) => calendar.data?.items.find((post) => post.id === id) ?? null;
  const dropProps = (target: DayKey) => ({
    onDragOver: (event: DragEvent<HTMLTableCellElement>) => {
      if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      setDropTarget(target);
    },
    onDragLeave: () => setDropTarget((current) => (current === target ? null : current)),
    onDrop: (event: DragEvent<HTMLTableCellElement>) => {
      event.preventDefault();
      setDropTarget(null);
      const post = findPost(event.dataTransfer.getData(DRAG_TYPE));
      if (post) moveTo(post, target);
    },
    ...(dropTarget === target ? { "data-drop-target": "" } : {}),
  });

  const chosen = byDay.get(day) ?? [];
  return (
    <div className="space-y-4">
      <PageHeader
        title="Content calendar"
        description={`Your scheduled and published posts, in your time zone (${zoneLabel(timeZone)}). Drag a scheduled post to another day to move it.`}
        actions={
          <ButtonLink to="/o/$slug/studio" params={{ slug }} variant="secondary">
            Studio
          </ButtonLink>
        }
      />
      <CalendarSteps
        unit="month"
        title={formatDay(day, { month: "long", year: "numeric" })}
        atToday={day === today}
        onPrevious={() => go(addMonths(day, -1))}
        onToday={() => go(today)}
        onNext={() => go(addMonths(day, 1))}
      />
      {schedule.isError && <FormAlert>{errorMessage(schedule.error)}</FormAlert>}
      {moving && (
        <div
          role="status"
          className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-info-muted px-3 py-2 text-sm text-info ring-1 ring-inset ring-info-border"
        >
          <span>
            Moving “{excerpt(moving.body)}”: choose a day in the calendar (arrow keys, then Enter;
            Escape cancels).
          </span>
          <Button variant="secondary" size="sm" onClick={() => setMoving(null)}>
            Cancel move
          </Button>
        </div>
      )}
      {calendar.isError ? (
        <ErrorState error={calendar.error} onRetry={() => void calendar.refetch()} />
      ) : calendar.isPending ? (
        <LoadingState label="Loading posts…" />
      ) : wide ? (
        <div
          aria-busy={calendar.isPlaceholderData || schedule.isPending || undefined}
          className="space-y-4"
        >
          <DayGrid
            label={formatDay(day, { month: "long", year: "numeric" })}
            weeks={weeks}
            selected={day}
            weekStartsOn={weekStartsOn}
            today={today}
            countOf={(d) => byDay.get(d)?.length ?? 0}
            countWords={["post", "posts"]}
            outside={(d) => !sameMonth(d, day)}
            onSelect={(d, byKeyboard) => {
              // While moving, a day chosen by click or Enter is where the post goes; arrows only
              // walk the grid.
              if (moving && !byKeyboard) moveTo(moving, d);
              go(d, true);
            }}
            cellClassName="h-28 data-[drop-target]:bg-accent"
            cellProps={dropProps}
            renderDay={(d) =>
              (byDay.get(d) ?? []).map((post) => (
                <PostChip key={post.id} post={post} timeZone={timeZone} />
              ))
            }
          />
          <section
            aria-label="Chosen day"
            className="rounded-lg border border-border bg-surface p-4"
          >
            <DayPosts
              day={day}
              posts={chosen}
              timeZone={timeZone}
              moving={moving}
              onMove={(post) => {
                setMoving(post);
                document.querySelector<HTMLButtonElement>(`button[data-day="${day}"]`)?.focus();
              }}
            />
          </section>
        </div>
      ) : (
        <Agenda byDay={byDay} timeZone={timeZone} />
      )}
    </div>
  );
}

function excerpt(body: string, length = 60): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat || "Empty post";
}

/** A post in a month square: its time and first words; a scheduled one can be dragged. */
function PostChip({ post, timeZone }: { post: StudioCalendarPost; timeZone: string }) {
  const { slug } = useCurrentOrganization();
  const at = instantOf(post);
  const draggable = post.state === "scheduled";
  return (
    <Link
      to="/o/$slug/studio/$postId"
      params={{ slug, postId: post.id }}
      // The grid is one Tab stop: keyboard users reach the post in the chosen day's list.
      tabIndex={-1}
      draggable={draggable}
      onDragStart={(event) => {
        if (!draggable) return;
        event.dataTransfer.setData(DRAG_TYPE, post.id);
        event.dataTransfer.effectAllowed = "move";
      }}
      title={post.body}
      className={`flex min-w-0 items-center gap-1 rounded px-1 py-0.5 text-xs hover:bg-accent ${
        draggable ? "cursor-grab" : ""
      } ${post.state === "failed" ? "text-danger" : "text-foreground"}`}
    >
      <span className="shrink-0 text-muted-foreground tabular-nums">
        {at ? timeIn(at, timeZone) : ""}
      </span>
      <span className="min-w-0 truncate">{excerpt(post.body, 40)}</span>
    </Link>
  );
}

/** The chosen day's posts as a list: each opens its editor; a scheduled one can be moved. */
function DayPosts({
  day,
  posts,
  timeZone,
  moving,
  onMove,
}: {
  day: DayKey;
  posts: StudioCalendarPost[];
  timeZone: string;
  moving: StudioCalendarPost | null;
  /** Offered with the grid only (the phone's agenda has no days to choose from). */
  onMove?: (post: StudioCalendarPost) => void;
}) {
  const { slug } = useCurrentOrganization();
  return (
    <>
      <h3 className="text-sm font-semibold text-foreground">
        {formatDay(day, { weekday: "long", month: "long", day: "numeric" })}
      </h3>
      {posts.length === 0 ? (
        <p className="mt-1 text-sm text-muted-foreground">No posts this day.</p>
      ) : (
        <ul className="mt-2 divide-y divide-border">
          {posts.map((post) => {
            const at = instantOf(post);
            return (
              <li key={post.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                <span className="w-16 shrink-0 text-muted-foreground tabular-nums">
                  {at ? timeIn(at, timeZone) : ""}
                </span>
                <StudioStateBadge state={post.state} />
                <Link
                  to="/o/$slug/studio/$postId"
                  params={{ slug, postId: post.id }}
                  className="min-w-0 flex-1 truncate text-foreground underline-offset-2 hover:underline"
                >
                  {excerpt(post.body)}
                </Link>
                {post.state === "scheduled" && onMove && (
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={`Move “${excerpt(post.body, 40)}” to another day`}
                    aria-pressed={moving?.id === post.id}
                    onClick={() => onMove(post)}
                  >
                    <Move aria-hidden="true" className="size-4" />
                    Move
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

/** A phone's month: the days with posts, each a short list (seven columns do not fit 390 px). */
function Agenda({
  byDay,
  timeZone,
}: {
  byDay: Map<DayKey, StudioCalendarPost[]>;
  timeZone: string;
}) {
  const days = [...byDay.keys()].sort();
  if (days.length === 0)
    return (
      <EmptyState title="No posts this month">
        Schedule a post from its editor and it shows here.
      </EmptyState>
    );
  return (
    <div className="space-y-4 rounded-lg border border-border bg-surface p-4">
      {days.map((d) => (
        <section
          key={d}
          aria-label={formatDay(d, { weekday: "long", month: "long", day: "numeric" })}
        >
          <DayPosts day={d} posts={byDay.get(d) ?? []} timeZone={timeZone} moving={null} />
        </section>
      ))}
    </div>
  );
}
