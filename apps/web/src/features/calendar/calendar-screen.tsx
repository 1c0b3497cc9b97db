import { Link, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { ButtonLink } from "../../components/button.tsx";
import { PageHeader } from "../../components/card.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import type { CalendarView } from "../../lib/search-params.ts";
import { useMediaQuery, WIDER_THAN_PHONE } from "../../lib/use-media-query.ts";
import { LiveNowStrip } from "../events/live-now.tsx";
import { useCalendarEvents } from "../events/use-events.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { type CalendarEvent, eventsByDay } from "./calendar-event.ts";
import { CalendarFeedSettings } from "./calendar-feed-settings.tsx";
import { DayList, EventChip } from "./calendar-parts.tsx";
import { CalendarSteps } from "./calendar-steps.tsx";
import { DayGrid } from "./day-grid.tsx";
import { useMemberTimeZone } from "./use-member-time-zone.ts";
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
  type Weekday,
  weekDays,
  zoneLabel,
} from "./zoned-time.ts";

const viewLabels: Record<CalendarView, string> = { month: "Month", week: "Week", list: "List" };
const views: CalendarView[] = ["month", "week", "list"];
/** Chips a month square shows before "+N more" (the chosen day's list below has them all). */
const CHIPS_PER_DAY = 3;

/**
 * The organization's calendar: events of every events space the member sees, laid out in the
 * member's time zone, by month, week or as a list. The day shown is in the address (?date=), so
 * prev/next/today and the arrow keys are history entries a link can share. On a phone the month
 * is an agenda (its days with events): seven columns do not fit 390 px.
 */
export function CalendarScreen({ view, date }: { view: CalendarView; date: string | undefined }) {
  const { slug } = useCurrentOrganization();
  const navigate = useNavigate();
  const { timeZone, fromProfile, weekStartsOn, username } = useMemberTimeZone();
  const wide = useMediaQuery(WIDER_THAN_PHONE);
  const today = dayKeyAt(new Date(), timeZone);
  const day = date ?? today;

  const shownDays = useMemo(() => {
    if (view === "week") return weekDays(day, weekStartsOn);
    if (view === "month" && wide) return monthGrid(day, weekStartsOn).flat();
    const first = startOfMonth(day);
    const count = Number(addDays(addMonths(first, 1), -1).slice(8));
    return Array.from({ length: count }, (_, i) => addDays(first, i));
  }, [view, day, weekStartsOn, wide]);
  const firstDay = shownDays[0] ?? day;
  const lastDay = shownDays.at(-1) ?? day;
  const from = useMemo(() => startOfDayIn(firstDay, timeZone), [firstDay, timeZone]);
  const to = useMemo(() => startOfDayIn(addDays(lastDay, 1), timeZone), [lastDay, timeZone]);
  const events = useCalendarEvents(from, to);
  const byDay = useMemo(
    () => eventsByDay<CalendarEvent>(events.data?.items ?? [], timeZone),
    [events.data, timeZone],
  );

  const go = (next: DayKey, replace = false) =>
    void navigate({
      to: "/o/$slug/calendar",
      params: { slug },
      search: { ...(view === "month" ? {} : { view }), ...(next === today ? {} : { date: next }) },
      replace,
    });
  const step = view === "week" ? 7 : 0;
  const previous = step ? addDays(day, -step) : addMonths(day, -1);
  const next = step ? addDays(day, step) : addMonths(day, 1);
  const unit = view === "week" ? "week" : "month";
  const title =
    view === "week"
      ? `${formatDay(firstDay, { month: "short", day: "numeric" })} – ${formatDay(lastDay, {
          month: "short",
          day: "numeric",
          year: "numeric",
        })}`
      : formatDay(day, { month: "long", year: "numeric" });

  const viewProps: ViewProps = {
    day,
    today,
    days: shownDays,
    byDay,
    timeZone,
    weekStartsOn,
    // Choosing a day (a click, an arrow key) replaces the address: Back leaves the calendar
    // instead of replaying every key press; prev/next/today are entries of their own.
    onSelect: (d) => go(d, true),
  };
  return (
    <div className="space-y-4">
      <PageHeader
        title="Calendar"
        description={
          <>
            Events of every space you can see, in your time zone ({zoneLabel(timeZone)}
            {fromProfile ? "" : ", from this device"}).
            {username && (
              <>
                {" "}
                <Link
                  to="/o/$slug/u/$username"
                  params={{ slug, username }}
                  className="underline underline-offset-2"
                >
                  Set it on your profile
                </Link>
                .
              </>
            )}
          </>
        }
      />
      <LiveNowStrip />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <CalendarSteps
          unit={unit}
          title={title}
          atToday={day === today}
          onPrevious={() => go(previous)}
          onToday={() => go(today)}
          onNext={() => go(next)}
        />
        <nav aria-label="Calendar view" className="flex gap-1 rounded-md bg-muted p-1">
          {views.map((v) => (
            <ButtonLink
              key={v}
              to="/o/$slug/calendar"
              params={{ slug }}
              search={{ ...(v === "month" ? {} : { view: v }), ...(date ? { date } : {}) }}
              aria-current={v === view ? "page" : undefined}
              variant={v === view ? "secondary" : "ghost"}
              size="sm"
            >
              {viewLabels[v]}
            </ButtonLink>
          ))}
        </nav>
      </div>
      {events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : events.isPending ? (
        <LoadingState label="Loading events…" />
      ) : (
        <div aria-busy={events.isPlaceholderData || undefined} className="space-y-4">
          {events.data.truncated && (
            <p className="text-sm text-warning">
              This {unit} has more events than a calendar shows at once: the latest are left out.
            </p>
          )}
          {view === "month" && wide ? (
            <MonthView {...viewProps} />
          ) : view === "week" ? (
            <WeekView {...viewProps} wide={wide} />
          ) : (
            <ListView days={shownDays} byDay={byDay} timeZone={timeZone} today={today} />
          )}
        </div>
      )}
      {/* Under the calendar: the same events in the member's own calendar program. */}
      <CalendarFeedSettings />
    </div>
  );
}

interface ViewProps {
  day: DayKey;
  today: DayKey;
  days: DayKey[];
  byDay: Map<DayKey, CalendarEvent[]>;
  timeZone: string;
  weekStartsOn: Weekday;
  onSelect: (day: DayKey, byKeyboard: boolean) => void;
}

function MonthView({ day, today, days, byDay, timeZone, weekStartsOn, onSelect }: ViewProps) {
  const weeks: DayKey[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));
  const chosen = byDay.get(day) ?? [];
  return (
    <>
      <DayGrid
        label={formatDay(day, { month: "long", year: "numeric" })}
        weeks={weeks}
        selected={day}
        weekStartsOn={weekStartsOn}
        today={today}
        countOf={(d) => byDay.get(d)?.length ?? 0}
        outside={(d) => !sameMonth(d, day)}
        onSelect={onSelect}
        cellClassName="h-28"
        renderDay={(d) => {
          const list = byDay.get(d) ?? [];
          return (
            <>
              {list.slice(0, CHIPS_PER_DAY).map((event) => (
                <EventChip
                  key={event.id}
                  event={event}
                  day={d}
                  timeZone={timeZone}
                  focusable={false}
                />
              ))}
              {list.length > CHIPS_PER_DAY && (
                <span className="px-1 text-xs text-muted-foreground">
                  +{list.length - CHIPS_PER_DAY} more
                </span>
              )}
            </>
          );
        }}
      />
      <section aria-label="Chosen day" className="rounded-lg border border-border bg-surface p-4">
        {chosen.length === 0 ? (
          <>
            <h3 className="text-sm font-semibold text-foreground">
              {formatDay(day, { weekday: "long", month: "long", day: "numeric" })}
            </h3>
            <p className="mt-1 text-sm text-muted-foreground">No events this day.</p>
          </>
        ) : (
          <DayList days={[day]} byDay={byDay} timeZone={timeZone} today={today} />
        )}
      </section>
    </>
  );
}

function WeekView({
  day,
  today,
  days,
  byDay,
  timeZone,
  weekStartsOn,
  wide,
  onSelect,
}: ViewProps & { wide: boolean }) {
  if (!wide)
    return (
      <ListView days={days} byDay={byDay} timeZone={timeZone} today={today} keepEmpty={true} />
    );
  return (
    <DayGrid
      label={`Week of ${formatDay(days[0] ?? day, { month: "long", day: "numeric", year: "numeric" })}`}
      weeks={[days]}
      selected={day}
      weekStartsOn={weekStartsOn}
      today={today}
      countOf={(d) => byDay.get(d)?.length ?? 0}
      outside={() => false}
      onSelect={onSelect}
      cellClassName="h-64"
      renderDay={(d) =>
        (byDay.get(d) ?? []).map((event) => (
          <EventChip key={event.id} event={event} day={d} timeZone={timeZone} focusable={true} />
        ))
      }
    />
  );
}

function ListView({
  days,
  byDay,
  timeZone,
  today,
  keepEmpty = false,
}: {
  days: DayKey[];
  byDay: Map<DayKey, CalendarEvent[]>;
  timeZone: string;
  today: DayKey;
  /** A week lists each of its days, empty or not; a month only the days with events. */
  keepEmpty?: boolean;
}) {
  const shown = keepEmpty ? days : days.filter((d) => (byDay.get(d)?.length ?? 0) > 0);
  if (shown.length === 0)
    return (
      <EmptyState title="No events">
        Nothing is planned in the spaces you can see for these days.
      </EmptyState>
    );
  return (
    <div className="rounded-lg border border-border bg-surface p-4">
      <DayList days={shown} byDay={byDay} timeZone={timeZone} today={today} />
    </div>
  );
}
