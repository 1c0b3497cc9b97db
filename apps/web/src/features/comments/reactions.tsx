import { type ReactionEmoji, reactionEmojis, reactionGlyphs } from "@guild/db/enums";
import { useMutation } from "@tanstack/react-query";
import { ArrowBigDown, ArrowBigUp, SmilePlus } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { toast } from "sonner";
import { errorMessage } from "../../lib/errors.ts";
import { useOrgTRPC } from "../../lib/trpc.ts";
import { type ReactionState, usePostReactions } from "./use-comments.ts";

type Vote = ReactionState["myVote"];
const voteValue: Record<Vote, number> = { up: 1, down: -1, none: 0 };

/** The state after the viewer toggles `emoji` (what the server will answer, if all goes well). */
function toggled(state: ReactionState, emoji: ReactionEmoji): ReactionState {
  const current = state.reactions.find((r) => r.emoji === emoji);
  const mine = !current?.mine;
  const delta = mine ? 1 : -1;
  const counts = new Map(state.reactions.map((r) => [r.emoji, r]));
  counts.set(emoji, { emoji, count: (current?.count ?? 0) + delta, mine });
  return {
    ...state,
    reactionCount: state.reactionCount + delta,
    reactions: reactionEmojis.flatMap((e) => {
      const r = counts.get(e);
      return r && r.count > 0 ? [r] : [];
    }),
  };
}

function voted(state: ReactionState, vote: Vote): ReactionState {
  return {
    ...state,
    score: state.score - voteValue[state.myVote] + voteValue[vote],
    myVote: vote,
  };
}

/**
 * An item's reactions and votes with optimistic updates: a click shows its result at once; the
 * server's answer (the item's real counts) replaces it when the last click in flight is answered,
 * and a refusal rolls back to the last answer and says why. Two quick clicks send two toggles,
 * which the server applies in turn, so the screen and the rows end the same.
 */
function useReactionState(initial: ReactionState) {
  const trpc = useOrgTRPC();
  const [shown, setShown] = useState(initial);
  const confirmed = useRef(initial);
  const inFlight = useRef(0);
  // A refetched thread brings newer counts: take them unless a click is still on its way.
  useEffect(() => {
    confirmed.current = initial;
    if (inFlight.current === 0) setShown(initial);
  }, [initial]);
  const settle = {
    onSuccess: (answer: ReactionState) => {
      confirmed.current = answer;
      if (inFlight.current === 1) setShown(answer);
    },
    onError: (error: unknown) => {
      setShown(confirmed.current);
      toast.error(errorMessage(error));
    },
    onSettled: () => {
      inFlight.current -= 1;
    },
  };
  const toggle = useMutation(trpc.reaction.toggle.mutationOptions(settle));
  const vote = useMutation(trpc.reaction.vote.mutationOptions(settle));
  const item = { postId: initial.postId, commentId: initial.commentId };
  return {
    shown,
    react(emoji: ReactionEmoji) {
      inFlight.current += 1;
      setShown((state) => toggled(state, emoji));
      toggle.mutate({ ...item, emoji });
    },
    vote(direction: "up" | "down") {
      inFlight.current += 1;
      const next = shown.myVote === direction ? "none" : direction;
      setShown((state) => voted(state, next));
      vote.mutate({ ...item, vote: next });
    },
  };
}

const chip =
  "inline-flex min-h-8 items-center gap-1 rounded-full px-2 text-sm ring-1 ring-inset transition-colors focus-visible:outline-2 focus-visible:outline-ring";

/**
 * The reaction bar and vote buttons of a post or comment. `label` names the item for screen
 * readers ("the post", "Ada's comment").
 */
export function ReactionControls({
  state: initial,
  label,
  disabled = false,
}: {
  state: ReactionState;
  label: string;
  disabled?: boolean;
}) {
  const { shown, react, vote } = useReactionState(initial);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <fieldset
        aria-label={`Vote on ${label}`}
        className="inline-flex items-center rounded-full ring-1 ring-inset ring-border"
      >
        <button
          type="button"
          aria-label="Upvote"
          aria-pressed={shown.myVote === "up"}
          disabled={disabled}
          onClick={() => vote("up")}
          className="grid size-8 place-items-center rounded-full text-muted-foreground hover:bg-muted aria-pressed:text-accent-foreground disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-ring"
        >
          <ArrowBigUp aria-hidden="true" className="size-5" />
        </button>
        <output
          aria-label={`Score ${shown.score}`}
          className="min-w-6 text-center text-sm font-medium tabular-nums text-foreground"
        >
          {shown.score.toLocaleString("en")}
        </output>
        <button
          type="button"
          aria-label="Downvote"
          aria-pressed={shown.myVote === "down"}
          disabled={disabled}
          onClick={() => vote("down")}
          className="grid size-8 place-items-center rounded-full text-muted-foreground hover:bg-muted aria-pressed:text-danger disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-ring"
        >
          <ArrowBigDown aria-hidden="true" className="size-5" />
        </button>
      </fieldset>
      <ul aria-label={`Reactions to ${label}`} className="contents">
        {shown.reactions.map((r) => (
          <li key={r.emoji}>
            <button
              type="button"
              aria-pressed={r.mine}
              aria-label={`${reactionGlyphs[r.emoji].label}: ${r.count}`}
              disabled={disabled}
              onClick={() => react(r.emoji)}
              className={`${chip} ${r.mine ? "bg-accent text-accent-foreground ring-primary" : "bg-surface text-foreground ring-border hover:bg-muted"}`}
            >
              <span aria-hidden="true">{reactionGlyphs[r.emoji].glyph}</span>
              <span className="tabular-nums">{r.count}</span>
            </button>
          </li>
        ))}
      </ul>
      {!disabled && <ReactionPicker label={label} state={shown} onPick={react} />}
    </div>
  );
}

/**
 * The "add a reaction" button and the six reactions it opens, as plain buttons (no menu
 * library: feed cards are on the dashboard, whose first load has a budget of script files).
 * Escape or a pick closes it and gives focus back to the button.
 */
function ReactionPicker({
  label,
  state,
  onPick,
}: {
  label: string;
  state: ReactionState;
  onPick: (emoji: ReactionEmoji) => void;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const pickerId = useId();
  useEffect(() => {
    if (open) first.current?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <span className="relative inline-flex">
      <button
        ref={button}
        type="button"
        aria-label={`React to ${label}`}
        aria-expanded={open}
        aria-controls={open ? pickerId : undefined}
        onClick={() => setOpen((value) => !value)}
        className={`${chip} bg-surface text-muted-foreground ring-border hover:bg-muted`}
      >
        <SmilePlus aria-hidden="true" className="size-4" />
      </button>
      {open && (
        <fieldset
          id={pickerId}
          aria-label="Reactions"
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.stopPropagation();
              close();
            }
          }}
          className="absolute bottom-full left-0 z-30 mb-1 flex gap-1 rounded-lg border border-border bg-surface p-1 shadow-lg"
        >
          {reactionEmojis.map((emoji, index) => {
            const mine = state.reactions.some((r) => r.emoji === emoji && r.mine);
            return (
              <button
                key={emoji}
                ref={index === 0 ? first : undefined}
                type="button"
                aria-label={reactionGlyphs[emoji].label}
                aria-pressed={mine}
                onClick={() => {
                  onPick(emoji);
                  close();
                }}
                className="grid size-9 place-items-center rounded-md text-lg hover:bg-muted aria-pressed:bg-accent focus-visible:outline-2 focus-visible:outline-ring"
              >
                <span aria-hidden="true">{reactionGlyphs[emoji].glyph}</span>
              </button>
            );
          })}
        </fieldset>
      )}
    </span>
  );
}

/**
 * A post's reaction bar and votes (its page, a feed's card): read for that post, with the other
 * posts of its feed page (`pageIds`) when it is a card, in one request per page.
 */
export function PostReactions({
  postId,
  pageIds,
  label = "the post",
}: {
  postId: string;
  pageIds?: readonly string[];
  label?: string;
}) {
  const reactions = usePostReactions(postId, pageIds);
  if (!reactions.data) return <div aria-hidden="true" className="h-8" />;
  return <ReactionControls state={reactions.data} label={label} />;
}
