import { useId, useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import {
  useCalendarFeed,
  useCreateCalendarFeed,
  useRevokeCalendarFeed,
  useRotateCalendarFeed,
} from "./use-calendar-feed.ts";

/**
 * The member's private calendar feed for calendar programs: made, replaced and revoked here. Its
 * URL is shown once, right after it is made (Guild keeps only a hash of it), with a copy button;
 * a lost URL is replaced by a new one, which stops the old.
 */
export function CalendarFeedSettings() {
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const rotate = useRotateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [shown, setShown] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"rotate" | "revoke" | null>(null);
  const [status, setStatus] = useState("");
  const failure = create.error ?? null;

  return (
    <Card
      title="Calendar feed"
      description="Subscribe in Google Calendar, Apple Calendar or Outlook to see the events you are going to, might go to or host. The link is private: whoever has it sees those events."
    >
      <p role="status" className="sr-only">
        {status}
      </p>
      {feed.isPending ? (
        <LoadingState label="Loading your calendar feed…" />
      ) : feed.error ? (
        <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />
      ) : (
        <div className="space-y-3">
          {failure && <FormAlert>Could not make the link: {errorMessage(failure)}</FormAlert>}
          {shown ? (
            <FeedUrl url={shown} />
          ) : feed.data.feed ? (
            <p className="text-sm text-foreground">
              Your feed link was made on {formatDate(feed.data.feed.createdAt)}. It is shown only
              once: to add it to another calendar, get a new link (the old one stops working).
            </p>
          ) : (
            <p className="text-sm text-muted-foreground">You have no calendar feed yet.</p>
          )}
          <div className="flex flex-wrap gap-2">
            {feed.data.feed ? (
              <>
                <Button variant="secondary" onClick={() => setConfirm("rotate")}>
                  Get a new link
                </Button>
                <Button variant="danger-ghost" onClick={() => setConfirm("revoke")}>
                  Revoke
                </Button>
              </>
            ) : (
              <Button
                pending={create.isPending}
                onClick={() =>
                  create.mutate(undefined, {
                    onSuccess: ({ url }) => {
                      setShown(url);
                      setStatus("Your calendar feed link is ready.");
                    },
                  })
                }
              >
                Create feed link
              </Button>
            )}
          </div>
        </div>
      )}
      <ConfirmDialog
        open={confirm === "rotate"}
        title="Get a new feed link?"
        confirmLabel="Get a new link"
        tone="primary"
        pending={rotate.isPending}
        error={rotate.error ? errorMessage(rotate.error) : null}
        onClose={() => {
          setConfirm(null);
          rotate.reset();
        }}
        onConfirm={() =>
          rotate.mutate(undefined, {
            onSuccess: ({ url }) => {
              setShown(url);
              setConfirm(null);
              setStatus("Your new calendar feed link is ready; the old one no longer works.");
            },
          })
        }
      >
        <p>Calendars subscribed with the current link stop updating.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "revoke"}
        title="Revoke your calendar feed?"
        confirmLabel="Revoke"
        pending={revoke.isPending}
        error={revoke.error ? errorMessage(revoke.error) : null}
        onClose={() => {
          setConfirm(null);
          revoke.reset();
        }}
        onConfirm={() =>
          revoke.mutate(undefined, {
            onSuccess: () => {
              setShown(null);
              setConfirm(null);
              setStatus("Your calendar feed is revoked.");
            },
          })
        }
      >
        <p>The link stops working at once; calendars subscribed to it stop updating.</p>
      </ConfirmDialog>
    </Card>
  );
}

/** The URL, this once: selectable, and copied with one button. */
function FeedUrl({ url }: { url: string }) {
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block text-sm font-medium text-foreground">
        Your feed link (shown only now)
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={id}
          readOnly
          value={url}
          onFocus={(event) => event.target.select()}
          className="min-w-0 flex-1 rounded-md border border-input bg-surface px-3 py-2 font-mono text-xs text-foreground"
        />
        <Button
          variant="secondary"
          onClick={() =>
            void navigator.clipboard?.writeText(url).then(
              () => setCopied("yes"),
              () => setCopied("no"),
            )
          }
        >
          {copied === "yes" ? "Copied" : "Copy link"}
        </Button>
      </div>
      <p role="status" className="text-xs text-muted-foreground">
        {copied === "no"
          ? "Could not copy: select the link and copy it yourself."
          : 'Paste it into your calendar program as a subscription ("From URL"). Copy it now: it will not be shown again.'}
      </p>
    </div>
  );
}
