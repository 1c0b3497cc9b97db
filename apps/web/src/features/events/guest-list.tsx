// An event's guest list for its hosts and moderators (eventRsvp.guests): going, the waitlist in
// order and maybe, by name, and a CSV download (GET /api/events/<id>/guests.csv, which checks
// the same rights). Others see nothing: place it for viewers the event page says host it.
import type { RouterOutputs } from "@guild/api";
import { useParams } from "@tanstack/react-router";
import { buttonClass } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ErrorState, LoadingState } from "../../components/states.tsx";
import { useGuestList } from "./use-rsvp.ts";

type Guest = RouterOutputs["eventRsvp"]["guests"]["going"][number];

export function GuestList({ eventId }: { eventId: string }) {
  const guests = useGuestList(eventId);
  const { slug } = useParams({ strict: false });
  if (guests.isPending) return <LoadingState label="Loading the guest list…" />;
  if (guests.error)
    return <ErrorState error={guests.error} onRetry={() => void guests.refetch()} />;
  const list = guests.data;
  const total = list.going.length + list.waitlisted.length + list.maybe.length;
  return (
    <Card
      title="Guest list"
      description={
        list.capacity === null
          ? `${list.goingCount} going`
          : `${list.goingCount} of ${list.capacity} seats taken`
      }
      actions={
        slug && total > 0 ? (
          <a
            href={`/api/events/${encodeURIComponent(eventId)}/guests.csv?org=${encodeURIComponent(slug)}`}
            download
            className={buttonClass("secondary", "sm")}
          >
            Export CSV
          </a>
        ) : undefined
      }
    >
      {total === 0 ? (
        <p className="text-sm text-muted-foreground">Nobody has answered yet.</p>
      ) : (
        <div className="grid gap-4 sm:grid-cols-3">
          <Group title="Going" guests={list.going} />
          <Group title="Waitlist" guests={list.waitlisted} ordered />
          <Group title="Maybe" guests={list.maybe} />
        </div>
      )}
      {list.truncated && (
        <p className="mt-3 text-sm text-muted-foreground">
          Only the first answers are listed: the CSV has them too.
        </p>
      )}
    </Card>
  );
}

function Group({
  title,
  guests,
  ordered = false,
}: {
  title: string;
  guests: Guest[];
  ordered?: boolean;
}) {
  const List = ordered ? "ol" : "ul";
  return (
    <section aria-label={title} className="min-w-0">
      <h3 className="text-sm font-semibold text-foreground">
        {title} <span className="font-normal text-muted-foreground">({guests.length})</span>
      </h3>
      {guests.length === 0 ? (
        <p className="mt-1 text-sm text-muted-foreground">Nobody</p>
      ) : (
        <List className="mt-1 space-y-1 text-sm">
          {guests.map((guest) => (
            <li key={guest.memberId} className="flex min-w-0 gap-2">
              {guest.position !== null && (
                <span className="shrink-0 text-muted-foreground tabular-nums">
                  {guest.position}.
                </span>
              )}
              <span className="truncate" title={guest.name}>
                {guest.name}
                {guest.username && (
                  <span className="text-muted-foreground"> @{guest.username}</span>
                )}
              </span>
            </li>
          ))}
        </List>
      )}
    </section>
  );
}
