import type { RouterOutputs } from "@guild/api";
import { hasRole, type MemberRole } from "@guild/db/enums";
import { Link, useSearch } from "@tanstack/react-router";
import { CalendarPlus, ImageOff, MapPin, Video } from "lucide-react";
import { ButtonLink } from "../../components/button.tsx";
import { LoadMore } from "../../components/load-more.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { eventSpaceSearch } from "../../lib/search-params.ts";
import { whereWords } from "../calendar/calendar-event.ts";
import { useMemberTimeZone } from "../calendar/use-member-time-zone.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { EventStatusBadge } from "./event-status-badge.tsx";
import { otherClock, ownWhen, whenIn } from "./event-time.ts";
import { LiveNowStrip } from "./live-now.tsx";
import { type EventSummary, useSpaceEvents, useSpaceEventTags } from "./use-events.ts";

type Space = RouterOutputs["space"]["get"];

/** Moderators and up create events in a live events space (event.create says the same). */
export function canCreateEvents(space: Space, role: MemberRole): boolean {
  return space.type === "events" && !space.archived && hasRole(role, "moderator");
}

/** The space header's "New event", for those who may create one. */
export function NewEventButton({ space }: { space: Space }) {
  const { slug } = useCurrentOrganization();
  return (
    <ButtonLink to="/o/$slug/s/$spaceSlug/events/new" params={{ slug, spaceSlug: space.slug }}>
      <CalendarPlus aria-hidden="true" className="size-4" />
      New event
    </ButtonLink>
  );
}

/**
 * An events space's page: what runs now, then its upcoming events soonest first (or its past
 * ones, latest first), filtered by a tag, a page at a time. Times are in the member's zone, and
 * in the event's own too when its clock differs.
 */
export function EventSpaceView({ space }: { space: Space }) {
  const { slug, membership } = useCurrentOrganization();
  const search = eventSpaceSearch(useSearch({ strict: false }));
  const past = search.past === true;
  const tag = search.tag ?? null;
  const events = useSpaceEvents(space.id, past, tag);
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  // Every tag of the space's events (not only the loaded page's), and the chosen one even if
  // no event has it any more (an old link), so "All tags" and it stay offered.
  const spaceTags = useSpaceEventTags(space.id, past);
  const tags = [...new Set([...(tag ? [tag] : []), ...(spaceTags.data ?? [])])].sort();
  const creates = canCreateEvents(space, membership.role);
  const tabClass =
    "rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground hover:text-foreground aria-[current=page]:bg-surface aria-[current=page]:text-foreground aria-[current=page]:shadow-sm";
  return (
    <section aria-label="Events" className="space-y-4">
      <LiveNowStrip spaceId={space.id} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Which events" className="flex gap-1 rounded-md bg-muted p-1">
          <Link
            to="/o/$slug/s/$spaceSlug"
            params={{ slug, spaceSlug: space.slug }}
            search={tag ? { tag } : {}}
            aria-current={past ? undefined : "page"}
            className={tabClass}
          >
            Upcoming
          </Link>
          <Link
            to="/o/$slug/s/$spaceSlug"
            params={{ slug, spaceSlug: space.slug }}
            search={tag ? { past: true, tag } : { past: true }}
            aria-current={past ? "page" : undefined}
            className={tabClass}
          >
            Past
          </Link>
        </nav>
        <Link
          to="/o/$slug/calendar"
          params={{ slug }}
          className="text-sm font-medium text-accent-foreground underline-offset-2 hover:underline"
        >
          Open the calendar
        </Link>
      </div>
      {tags.length > 0 && (
        <nav aria-label="Tags" className="flex flex-wrap gap-2">
          <TagLink space={space} past={past} tag={null} current={tag === null} />
          {tags.map((t) => (
            <TagLink key={t} space={space} past={past} tag={t} current={tag === t} />
          ))}
        </nav>
      )}
      {events.isPending ? (
        <LoadingState label="Loading events…" />
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          title={
            tag
              ? `No ${past ? "past" : "upcoming"} events tagged #${tag}`
              : past
                ? "No past events"
                : "No upcoming events"
          }
          action={!past && !tag && creates ? <NewEventButton space={space} /> : undefined}
        >
          {tag
            ? "Choose another tag, or all events."
            : past
              ? "Events that have ended are listed here."
              : creates
                ? "Plan the first event of this space."
                : "Events planned in this space will be listed here."}
        </EmptyState>
      ) : (
        <>
          <ul aria-busy={events.isPlaceholderData || undefined} className="space-y-3">
            {items.map((event) => (
              <li key={event.id}>
                <EventCard event={event} />
              </li>
            ))}
          </ul>
          <LoadMore list={events} failure="Could not load more events." />
        </>
      )}
    </section>
  );
}

function TagLink({
  space,
  past,
  tag,
  current,
}: {
  space: Space;
  past: boolean;
  tag: string | null;
  current: boolean;
}) {
  const { slug } = useCurrentOrganization();
  return (
    <Link
      to="/o/$slug/s/$spaceSlug"
      params={{ slug, spaceSlug: space.slug }}
      search={{ ...(past ? { past: true } : {}), ...(tag ? { tag } : {}) }}
      aria-current={current ? "true" : undefined}
      className="rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset ring-input text-foreground hover:bg-muted aria-[current=true]:bg-accent aria-[current=true]:text-accent-foreground aria-[current=true]:ring-accent-border"
    >
      {tag ? `#${tag}` : "All tags"}
    </Link>
  );
}

/** One event of a list: cover, title, when (the viewer's zone, and the event's own), where. */
export function EventCard({ event }: { event: EventSummary }) {
  const { slug } = useCurrentOrganization();
  const { timeZone } = useMemberTimeZone();
  const cancelled = event.status === "cancelled";
  return (
    <article className="flex flex-col overflow-hidden rounded-lg border border-border bg-surface shadow-sm sm:flex-row">
      {event.coverUrl ? (
        <img
          src={event.coverUrl}
          alt=""
          loading="lazy"
          className="h-36 w-full object-cover sm:h-auto sm:w-44"
        />
      ) : (
        <div
          aria-hidden="true"
          className="hidden w-44 shrink-0 place-items-center bg-accent text-accent-foreground sm:grid"
        >
          <ImageOff className="size-6 opacity-50" />
        </div>
      )}
      <div className="min-w-0 flex-1 space-y-1.5 p-4">
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="min-w-0 text-base font-semibold text-foreground wrap-anywhere">
            <Link
              to="/o/$slug/s/$spaceSlug/events/$eventId"
              params={{ slug, spaceSlug: event.spaceSlug, eventId: event.id }}
              className={`hover:underline focus-visible:underline ${cancelled ? "line-through" : ""}`}
            >
              {event.title}
            </Link>
          </h3>
          <EventStatusBadge status={event.status} />
        </div>
        <p className="text-sm text-foreground">
          <time dateTime={event.startsAt.toISOString()}>
            {whenIn(event.startsAt, event.endsAt, timeZone)}
          </time>
        </p>
        {otherClock(event.startsAt, event.timeZone, timeZone) && (
          <p className="text-xs text-muted-foreground">
            Event's time: {ownWhen(event.startsAt, event.endsAt, event.timeZone)}
          </p>
        )}
        <p className="flex items-center gap-1.5 text-sm text-muted-foreground wrap-anywhere">
          {event.place ? (
            <MapPin aria-hidden="true" className="size-4 shrink-0" />
          ) : (
            <Video aria-hidden="true" className="size-4 shrink-0" />
          )}
          {whereWords(event)}
          {event.capacity !== null && event.seatsLeft !== null && !cancelled && (
            <span>
              {" "}
              · {event.seatsLeft === 0 ? "Full (waitlist open)" : `${event.seatsLeft} seats left`}
            </span>
          )}
        </p>
        {event.tags.length > 0 && (
          <p className="flex flex-wrap gap-1.5">
            {event.tags.map((t) => (
              <span
                key={t}
                className="rounded-full bg-muted px-2 py-0.5 text-xs text-muted-foreground"
              >
                #{t}
              </span>
            ))}
          </p>
        )}
      </div>
    </article>
  );
}
