import type { RouterOutputs } from "@guild/api";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { PageHeader } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { inputClass, selectClass } from "../../components/field.tsx";
import { LoadOnScroll } from "../../components/load-on-scroll.tsx";
import { EmptyState, ErrorState, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useReplayStripeEvent, useStripeEvents } from "./use-admin.ts";

type StripeEventRow = RouterOutputs["admin"]["stripeEvents"]["list"]["items"][number];
const route = getRouteApi("/authed/admin/events");

function stateOf(event: StripeEventRow) {
  if (event.processedAt) return { label: "Processed", tone: "text-success" };
  if (event.lastError) return { label: "Failed", tone: "text-danger" };
  return { label: "Waiting", tone: "text-muted-foreground" };
}

/**
 * Stripe's webhook events as logged, newest first: each one's state, attempts and last error,
 * its payload on demand, and Replay (its processing runs again; handlers are idempotent).
 */
export function StripeEventsScreen() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const events = useStripeEvents(search);
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];
  const [replaying, setReplaying] = useState<StripeEventRow | null>(null);
  const [type, setType] = useState(search.type ?? "");

  return (
    <>
      <PageHeader
        title="Stripe events"
        description="Webhook events as they arrived, and what their processing did."
      />
      <form
        className="mb-4 flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          void navigate({ search: { ...search, type: type.trim() || undefined }, replace: true });
        }}
      >
        <div>
          <label htmlFor="event-filter" className="block text-sm font-medium text-foreground">
            Show
          </label>
          <select
            id="event-filter"
            className={`${selectClass} mt-1`}
            value={search.filter ?? "all"}
            onChange={(event) => {
              const filter = event.target.value;
              void navigate({
                search: {
                  ...search,
                  filter: filter === "failed" || filter === "unprocessed" ? filter : undefined,
                },
                replace: true,
              });
            }}
          >
            <option value="all">All events</option>
            <option value="failed">Failed</option>
            <option value="unprocessed">Not processed</option>
          </select>
        </div>
        <div className="min-w-[12rem] flex-1 sm:max-w-xs">
          <label htmlFor="event-type" className="block text-sm font-medium text-foreground">
            Event type
          </label>
          <input
            id="event-type"
            type="search"
            className={`${inputClass} mt-1`}
            placeholder="invoice.paid"
            value={type}
            onChange={(event) => setType(event.target.value)}
          />
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      {events.isPending ? (
        <LoadingState label="Loading events…" />
      ) : events.error ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No events">
          {search.filter || search.type
            ? "No event matches these filters."
            : "Stripe has sent no webhook event yet."}
        </EmptyState>
      ) : (
        <section aria-label="Stripe events">
          <ul className="divide-y divide-border rounded-lg border border-border bg-surface shadow-sm">
            {rows.map((event) => (
              <EventRow key={event.id} event={event} onReplay={() => setReplaying(event)} />
            ))}
          </ul>
          {events.hasNextPage && !events.isPlaceholderData && (
            <LoadOnScroll
              loading={events.isFetchingNextPage}
              error={events.isFetchNextPageError}
              noun="events"
              onLoadMore={() => void events.fetchNextPage()}
            />
          )}
        </section>
      )}
      {replaying && <ReplayDialog event={replaying} onClose={() => setReplaying(null)} />}
    </>
  );
}

function EventRow({ event, onReplay }: { event: StripeEventRow; onReplay: () => void }) {
  const state = stateOf(event);
  return (
    <li className="px-4 py-3 sm:px-6">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        {/* Its basis sends the state and Replay below on a phone, rather than squeezing the
            type and ids until they break mid-word. */}
        <div className="min-w-0 flex-1 basis-64">
          <p className="font-mono text-sm wrap-anywhere text-foreground">{event.type}</p>
          <p className="text-xs wrap-anywhere text-muted-foreground">
            {event.id}
            {event.account && ` · ${event.account}`} · received{" "}
            <time dateTime={event.receivedAt.toISOString()}>
              {formatDateTime(event.receivedAt)}
            </time>
          </p>
        </div>
        <div className="flex items-center gap-3 text-sm">
          <span className={state.tone}>{state.label}</span>
          <span className="text-muted-foreground">
            {event.attempts} {event.attempts === 1 ? "attempt" : "attempts"}
          </span>
          <Button
            variant="secondary"
            size="sm"
            onClick={onReplay}
            aria-label={`Replay ${event.id}`}
          >
            Replay
          </Button>
        </div>
      </div>
      {event.lastError && (
        <p className="mt-2 rounded bg-danger-muted px-2 py-1 text-xs wrap-anywhere text-danger">
          {event.lastError}
        </p>
      )}
      <details className="mt-2">
        <summary className="cursor-pointer text-xs text-muted-foreground">Payload</summary>
        <pre className="mt-1 max-h-80 overflow-auto rounded bg-subtle p-2 text-xs text-foreground">
          {JSON.stringify(event.payload, null, 2)}
        </pre>
      </details>
    </li>
  );
}

function ReplayDialog({ event, onClose }: { event: StripeEventRow; onClose: () => void }) {
  const replay = useReplayStripeEvent();
  return (
    <ConfirmDialog
      open
      tone="primary"
      title={`Replay ${event.type}?`}
      confirmLabel="Replay"
      pending={replay.isPending}
      error={replay.error ? errorMessage(replay.error) : null}
      onClose={onClose}
      onConfirm={() =>
        replay.mutate(
          { id: event.id },
          {
            onSuccess: () => {
              toast.success(`${event.id} is queued for processing again.`);
              onClose();
            },
          },
        )
      }
    >
      <p className="text-sm text-muted-foreground">
        Its processing runs again{event.processedAt ? ", although it was processed" : ""}. Handlers
        apply an event only once and never over newer state, so what is already right stays as it
        is. The replay is recorded in the audit log.
      </p>
    </ConfirmDialog>
  );
}
