import { Link, useNavigate } from "@tanstack/react-router";
import {
  CalendarClock,
  MapPin,
  Pencil,
  Repeat,
  Trash2,
  UsersRound,
  Video,
  XCircle,
} from "lucide-react";
import { type ReactNode, useState } from "react";
import { toast } from "sonner";
import { Button, ButtonLink } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { Markdown } from "../../components/markdown.tsx";
import { ErrorState, LoadingState, NotFound } from "../../components/states.tsx";
import { errorMessage, isNotFound } from "../../lib/errors.ts";
import { useMemberTimeZone } from "../calendar/use-member-time-zone.ts";
import { zoneLabel } from "../calendar/zoned-time.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { onlineUrlOf } from "./event-form-values.ts";
import { EventStatusBadge } from "./event-status-badge.tsx";
import { otherClock, ownWhen, whenIn } from "./event-time.ts";
import { GuestList } from "./guest-list.tsx";
import { LiveSessionPanel } from "./live-session-panel.tsx";
import { recurrenceWords } from "./recurrence-words.ts";
import { RsvpPanel } from "./rsvp-panel.tsx";
import { ScopeChoice } from "./scope-choice.tsx";
import { type EventDetail, useEvent, useEventMutations } from "./use-events.ts";

/**
 * An event's page: what, when (the member's zone, and the event's own when its clock differs),
 * where, who hosts, how it repeats, and for its hosts and moderators edit, cancel and delete.
 * It follows the event live (event.changed: features/events/live.ts refetches event.get).
 */
export function EventScreen({ spaceSlug, eventId }: { spaceSlug: string; eventId: string }) {
  const event = useEvent(eventId);
  if (event.isPending) return <LoadingState label="Loading the event…" />;
  if (event.isError)
    return isNotFound(event.error) ? (
      <NotFound
        title="Event not found"
        description="There is no event at this address that you can see."
      />
    ) : (
      <ErrorState error={event.error} onRetry={() => void event.refetch()} />
    );
  return <EventView event={event.data} spaceSlug={spaceSlug} />;
}

function Detail({
  icon,
  label,
  children,
}: {
  icon: ReactNode;
  label: string;
  children: ReactNode;
}) {
  // A <dl>'s groups hold only dt and dd: the icon goes inside the term.
  return (
    <div className="min-w-0">
      <dt className="flex items-center gap-1.5 text-xs font-medium text-muted-foreground uppercase">
        <span aria-hidden="true">{icon}</span>
        {label}
      </dt>
      <dd className="mt-0.5 text-sm text-foreground wrap-anywhere">{children}</dd>
    </div>
  );
}

function EventView({ event, spaceSlug }: { event: EventDetail; spaceSlug: string }) {
  const { slug } = useCurrentOrganization();
  const { timeZone } = useMemberTimeZone();
  const [acting, setActing] = useState<"cancel" | "remove" | null>(null);
  const cancelled = event.status === "cancelled";
  const inSeries = event.series !== null;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-muted-foreground">
        <Link
          to="/o/$slug/s/$spaceSlug"
          params={{ slug, spaceSlug: event.spaceSlug }}
          className="underline-offset-2 hover:underline"
        >
          {event.spaceName}
        </Link>
        <span aria-hidden="true"> / </span>
        <Link
          to="/o/$slug/calendar"
          params={{ slug }}
          className="underline-offset-2 hover:underline"
        >
          Calendar
        </Link>
      </nav>
      {event.coverUrl && (
        <img
          src={event.coverUrl}
          alt=""
          className="max-h-72 w-full rounded-lg border border-border object-cover"
        />
      )}
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-2">
          <h1
            className={`text-2xl font-semibold tracking-tight text-foreground wrap-anywhere ${cancelled ? "line-through" : ""}`}
          >
            {event.title}
          </h1>
          <div className="flex flex-wrap items-center gap-2">
            <EventStatusBadge status={event.status} />
            {event.tags.map((tag) => (
              <Link
                key={tag}
                to="/o/$slug/s/$spaceSlug"
                params={{ slug, spaceSlug: event.spaceSlug }}
                search={{ tag }}
                className="rounded-full bg-muted px-2 py-0.5 text-xs text-muted-foreground hover:text-foreground"
              >
                #{tag}
              </Link>
            ))}
          </div>
        </div>
        {event.viewer.canEdit && (
          <div className="flex flex-wrap gap-2">
            {!cancelled && (
              <ButtonLink
                variant="secondary"
                to="/o/$slug/s/$spaceSlug/events/$eventId/edit"
                params={{ slug, spaceSlug, eventId: event.id }}
              >
                <Pencil aria-hidden="true" className="size-4" />
                Edit
              </ButtonLink>
            )}
            {!cancelled && (
              <Button variant="secondary" onClick={() => setActing("cancel")}>
                <XCircle aria-hidden="true" className="size-4" />
                Cancel event
              </Button>
            )}
            <Button variant="danger-ghost" onClick={() => setActing("remove")}>
              <Trash2 aria-hidden="true" className="size-4" />
              Delete
            </Button>
          </div>
        )}
      </header>
      {cancelled && (
        <p role="status" className="rounded-md bg-danger-muted px-3 py-2 text-sm text-danger">
          This event is cancelled.
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <div className="space-y-6">
          <Card>
            <dl className="grid gap-4 sm:grid-cols-2">
              <Detail icon={<CalendarClock className="size-4" />} label="When">
                <time dateTime={event.startsAt.toISOString()}>
                  {whenIn(event.startsAt, event.endsAt, timeZone)}
                </time>
                {otherClock(event.startsAt, event.timeZone, timeZone) ? (
                  <span className="block text-xs text-muted-foreground">
                    Event's time: {ownWhen(event.startsAt, event.endsAt, event.timeZone)}
                  </span>
                ) : (
                  <span className="block text-xs text-muted-foreground">
                    Your time zone: {zoneLabel(timeZone)}
                  </span>
                )}
              </Detail>
              <Detail
                icon={event.place ? <MapPin className="size-4" /> : <Video className="size-4" />}
                label="Where"
              >
                {event.place && <span className="block">{event.place}</span>}
                {event.hasOnlineLink && <OnlineLink event={event} />}
                {!event.place && !event.hasOnlineLink && "To be announced"}
              </Detail>
              {event.series && (
                <Detail icon={<Repeat className="size-4" />} label="Repeats">
                  {recurrenceWords(event.series.recurrence, event.series.local.startsAt)}
                  {event.series.cancelled && (
                    <span className="block text-xs text-muted-foreground">
                      The series is cancelled.
                    </span>
                  )}
                  {event.detached && (
                    <span className="block text-xs text-muted-foreground">
                      This occurrence was changed on its own.
                    </span>
                  )}
                </Detail>
              )}
              <Detail icon={<UsersRound className="size-4" />} label="Hosts">
                {event.hosts.length === 0
                  ? "No host"
                  : event.hosts.map((host, i) => (
                      <span key={host.memberId}>
                        {i > 0 && ", "}
                        {host.username ? (
                          <Link
                            to="/o/$slug/u/$username"
                            params={{ slug, username: host.username }}
                            className="underline-offset-2 hover:underline"
                          >
                            {host.name}
                          </Link>
                        ) : (
                          host.name
                        )}
                      </span>
                    ))}
                {event.capacity !== null && (
                  <span className="block text-xs text-muted-foreground">
                    {event.goingCount} of {event.capacity} seats taken
                  </span>
                )}
              </Detail>
            </dl>
          </Card>
          <Card title="About">
            {event.description.trim() ? (
              <Markdown className="text-foreground">{event.description}</Markdown>
            ) : (
              <p className="text-sm text-muted-foreground">No description.</p>
            )}
          </Card>
          <LiveSessionPanel eventId={event.id} slug={slug} spaceSlug={event.spaceSlug} />
        </div>
        <div className="space-y-6">
          <RsvpPanel eventId={event.id} />
          {/* The guest list is its hosts' and moderators' (eventRsvp.guests refuses others). */}
          {event.viewer.canEdit && <GuestList eventId={event.id} />}
        </div>
      </div>
      <CancelOrRemoveDialog
        event={event}
        action={acting}
        inSeries={inSeries}
        onClose={() => setActing(null)}
      />
    </div>
  );
}

/** The link itself only when the API gives it (people going, shortly before the start). */
function OnlineLink({ event }: { event: EventDetail }) {
  const url = onlineUrlOf(event);
  if (url)
    return (
      <a
        href={url}
        target="_blank"
        rel="noreferrer noopener"
        className="font-medium text-accent-foreground underline underline-offset-2"
      >
        Join online
      </a>
    );
  return (
    <span className="block">
      Online
      <span className="block text-xs text-muted-foreground">
        The link shows here for people going, shortly before the start.
      </span>
    </span>
  );
}

function CancelOrRemoveDialog({
  event,
  action,
  inSeries,
  onClose,
}: {
  event: EventDetail;
  action: "cancel" | "remove" | null;
  inSeries: boolean;
  onClose: () => void;
}) {
  const { slug } = useCurrentOrganization();
  const navigate = useNavigate();
  const { cancel, remove, refresh } = useEventMutations();
  const [scope, setScope] = useState<"occurrence" | "series">("occurrence");
  const mutation = action === "remove" ? remove : cancel;
  const removing = action === "remove";
  const close = () => {
    mutation.reset();
    setScope("occurrence");
    onClose();
  };
  return (
    <ConfirmDialog
      open={action !== null}
      title={removing ? `Delete ${event.title}?` : `Cancel ${event.title}?`}
      confirmLabel={removing ? "Delete" : "Cancel event"}
      cancelLabel="Keep it"
      pending={mutation.isPending}
      error={mutation.error ? errorMessage(mutation.error) : null}
      onConfirm={() => {
        const input = { id: event.id, scope: inSeries ? scope : "occurrence" } as const;
        if (removing)
          remove.mutate(input, {
            onSuccess: () => {
              toast.success(`Deleted ${event.title}.`);
              close();
              void navigate({
                to: "/o/$slug/s/$spaceSlug",
                params: { slug, spaceSlug: event.spaceSlug },
              }).then(refresh);
            },
          });
        else
          cancel.mutate(input, {
            onSuccess: () => {
              toast.success(`Cancelled ${event.title}. People who answered are told.`);
              close();
            },
          });
      }}
      onClose={close}
    >
      {inSeries && (
        <fieldset className="space-y-2">
          <legend className="font-medium">This event repeats.</legend>
          <ScopeChoice
            name="event-scope"
            value={scope}
            onChange={setScope}
            choices={{
              occurrence: { label: "Only this occurrence" },
              series: { label: "This and every later occurrence" },
            }}
          />
        </fieldset>
      )}
      <p>
        {removing
          ? "It disappears with its answers and guest list. This cannot be undone. To keep a record and tell people, cancel it instead."
          : "It stays listed as cancelled, and people who answered are told."}
      </p>
    </ConfirmDialog>
  );
}
