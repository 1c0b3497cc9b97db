import { Link } from "@tanstack/react-router";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import type { NavLinkProps } from "../shell/nav-sections.ts";
import { SidebarLink } from "../shell/sidebar-link.tsx";
import { useLiveEvents } from "./use-events.ts";

/**
 * The sidebar's Calendar item: "Live" beside it while an event the member can see is running,
 * and (expanded) a link to that event, or to the calendar when several are.
 */
export function CalendarNavLink(props: NavLinkProps) {
  const live = useLiveEvents();
  const events = live.data ?? [];
  const first = events[0];
  const label =
    events.length === 0
      ? undefined
      : // Starts with the visible text ("Calendar Live"), as axe's label-content-name-mismatch asks.
        `Calendar Live now, ${events.length === 1 ? "1 event" : `${events.length} events`}`;
  return (
    <>
      <SidebarLink {...props} label={label} badge={events.length > 0 ? "Live" : null} />
      {first && !props.collapsed && (
        <Link
          to="/o/$slug/s/$spaceSlug/events/$eventId"
          params={{ slug: props.slug, spaceSlug: first.spaceSlug, eventId: first.id }}
          className="ml-10 flex min-w-0 items-center gap-1.5 rounded-md px-2 py-1 text-xs font-medium text-danger hover:bg-muted"
        >
          <span
            aria-hidden="true"
            className="size-1.5 shrink-0 animate-pulse rounded-full bg-current"
          />
          <span className="truncate">
            Live now: {first.title}
            {events.length > 1 ? ` (+${events.length - 1})` : ""}
          </span>
        </Link>
      )}
    </>
  );
}

/** Events running now, above a calendar or a space's list (nothing while none is). */
export function LiveNowStrip({ spaceId = null }: { spaceId?: string | null }) {
  const { slug } = useCurrentOrganization();
  const live = useLiveEvents(spaceId);
  const events = live.data ?? [];
  if (events.length === 0) return null;
  return (
    <section
      aria-label="Live now"
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-danger-border bg-danger-muted px-4 py-3"
    >
      <span className="inline-flex items-center gap-1.5 text-sm font-semibold text-danger">
        <span aria-hidden="true" className="size-2 animate-pulse rounded-full bg-current" />
        Live now
      </span>
      <ul className="flex min-w-0 flex-wrap gap-x-4 gap-y-1">
        {events.map((event) => (
          <li key={event.id} className="min-w-0">
            <Link
              to="/o/$slug/s/$spaceSlug/events/$eventId"
              params={{ slug, spaceSlug: event.spaceSlug, eventId: event.id }}
              className="text-sm font-medium text-foreground wrap-anywhere underline-offset-2 hover:underline"
            >
              {event.title}
            </Link>
            <span className="text-sm text-muted-foreground"> · {event.spaceName}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
