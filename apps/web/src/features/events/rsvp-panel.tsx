// A member's answer on the event page (issue 13 §1): going, maybe or not going; at capacity
// "going" puts them on the waitlist with their place ("You're 3rd on the waitlist"), and a seat
// given to them later shows live (event.rsvp, rsvp-live.ts). The online link appears here for
// people going from shortly before the start (the server decides: eventRsvp.mine's onlineUrl).
import type { RouterOutputs } from "@guild/api";
import { useEffect } from "react";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { useMyRsvp, useRespond } from "./use-rsvp.ts";

type MyRsvp = RouterOutputs["eventRsvp"]["mine"];
type Answer = "going" | "maybe" | "not_going";

const answers: { value: Answer; label: string }[] = [
  { value: "going", label: "Going" },
  { value: "maybe", label: "Maybe" },
  { value: "not_going", label: "Not going" },
];

const ordinalRules = new Intl.PluralRules("en", { type: "ordinal" });
const ordinalSuffix: Record<string, string> = { one: "st", two: "nd", few: "rd", other: "th" };

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th, 21st. */
export function ordinal(n: number): string {
  return `${n}${ordinalSuffix[ordinalRules.select(n)] ?? "th"}`;
}

/** The member's answer in a sentence. */
export function answerSentence(mine: Pick<MyRsvp, "status" | "position" | "promoted">): string {
  switch (mine.status) {
    case "going":
      return mine.promoted ? "A seat freed up: you're going." : "You're going.";
    case "waitlisted":
      return `You're ${ordinal(mine.position ?? 1)} on the waitlist.`;
    case "maybe":
      return "You might go.";
    case "not_going":
      return "You're not going.";
    default:
      return "Will you go?";
  }
}

/** Seats in words: "4 going · 6 seats left", "10 of 10 seats taken · 3 on the waitlist". */
export function seatsSentence(
  mine: Pick<MyRsvp, "capacity" | "goingCount" | "seatsLeft" | "waitlistCount">,
): string {
  if (mine.capacity === null) return `${mine.goingCount} going`;
  const parts =
    mine.seatsLeft === 0
      ? [`All ${mine.capacity} seats taken`]
      : [
          `${mine.goingCount} going`,
          `${mine.seatsLeft} ${mine.seatsLeft === 1 ? "seat" : "seats"} left`,
        ];
  if (mine.waitlistCount > 0) parts.push(`${mine.waitlistCount} on the waitlist`);
  return parts.join(" · ");
}

/** The longest a timer may wait (setTimeout's limit is ~24.8 days). */
const TIMER_MAX_MS = 2 ** 31 - 1;

export function RsvpPanel({ eventId }: { eventId: string }) {
  const mine = useMyRsvp(eventId);
  const respond = useRespond(eventId);
  const data = mine.data;
  const waitsForLink = data?.status === "going" && data.hasOnlineLink && !data.onlineUrl;
  const opensAt = data?.onlineLinkOpensAt.getTime();
  const { refetch } = mine;
  // The link opens at a known instant: read again then, so nobody has to reload.
  useEffect(() => {
    if (!waitsForLink || opensAt === undefined) return;
    const wait = opensAt - Date.now();
    if (wait > TIMER_MAX_MS) return;
    const timer = setTimeout(() => void refetch(), Math.max(0, wait) + 1000);
    return () => clearTimeout(timer);
  }, [waitsForLink, opensAt, refetch]);

  if (mine.isPending) return <LoadingState label="Loading your answer…" />;
  if (mine.error) return <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />;
  const view = mine.data;
  const closed =
    view.closed === "cancelled"
      ? "This event is cancelled."
      : view.closed === "ended"
        ? "This event has ended."
        : null;
  const current: Answer | null =
    view.status === "waitlisted" ? "going" : view.status === null ? null : view.status;

  return (
    <Card title="Your answer" description={seatsSentence(view)}>
      <div className="space-y-3">
        <p
          className="text-sm font-medium text-foreground"
          aria-live="polite"
          data-testid="rsvp-status"
        >
          {answerSentence(view)}
        </p>
        {closed ? (
          <p className="text-sm text-muted-foreground">{closed}</p>
        ) : (
          // A group of toggles: the pressed one is the current answer (waitlisted counts as going).
          <fieldset className="flex flex-wrap gap-2">
            <legend className="sr-only">Your answer</legend>
            {answers.map((answer) => (
              <Button
                key={answer.value}
                variant={current === answer.value ? "primary" : "secondary"}
                aria-pressed={current === answer.value}
                pending={respond.isPending && respond.variables?.status === answer.value}
                disabled={respond.isPending}
                onClick={() => respond.mutate({ eventId, status: answer.value })}
              >
                {answer.label}
              </Button>
            ))}
          </fieldset>
        )}
        {respond.error && <FormAlert>{errorMessage(respond.error)}</FormAlert>}
        <OnlineLink view={view} />
      </div>
    </Card>
  );
}

function OnlineLink({ view }: { view: MyRsvp }) {
  if (view.onlineUrl)
    return (
      <p className="text-sm">
        <a
          href={view.onlineUrl}
          target="_blank"
          rel="noopener noreferrer"
          className="font-medium break-all text-accent-foreground underline underline-offset-2"
        >
          Join online
        </a>
      </p>
    );
  if (!view.hasOnlineLink || view.closed) return null;
  return (
    <p className="text-sm text-muted-foreground">
      {view.status === "going"
        ? `The online link appears here at ${formatDateTime(view.onlineLinkOpensAt)}.`
        : "The online link is for people going, shortly before the start."}
    </p>
  );
}
