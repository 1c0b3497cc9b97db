import { Search, Sparkles } from "lucide-react";
import { Markdown } from "../../components/markdown.tsx";

/** One turn as the chat shows it, saved (from history) or still arriving (the live stream). */
export interface AssistantTurn {
  id: string;
  role: "user" | "assistant";
  content: string;
  /** What the answer looked up, as labels ("pipeline"), in order. */
  tools: string[];
  /** Credits the question cost (on the member's question), when known. */
  credits: number | null;
  state: "streaming" | "complete" | "stopped" | "failed";
  /** Why the answer failed, in words. */
  error: string | null;
}

const creditWord = (n: number) => `${n} ${n === 1 ? "credit" : "credits"}`;

/**
 * A question (plain text, as typed) or an answer: the model's markdown rendered safely (see
 * components/markdown), the tools it used as small "Looked up: …" lines above it, and whether it
 * was stopped or failed. While it streams, the text grows in place and says so to screen readers
 * only when it is done (the log's own live region announces the finished answer).
 */
export function AssistantMessage({ turn }: { turn: AssistantTurn }) {
  if (turn.role === "user")
    return (
      <li className="flex justify-end" data-message-id={turn.id}>
        <div className="max-w-[85%] min-w-0 space-y-1">
          <p className="rounded-lg bg-primary px-3 py-2 text-sm wrap-anywhere whitespace-pre-wrap text-primary-foreground">
            <span className="sr-only">You: </span>
            {turn.content}
          </p>
          {turn.credits !== null && turn.credits > 0 && (
            <p className="text-right text-xs text-muted-foreground">{creditWord(turn.credits)}</p>
          )}
        </div>
      </li>
    );
  return (
    <li className="flex gap-2" data-message-id={turn.id} aria-busy={turn.state === "streaming"}>
      <span
        aria-hidden="true"
        className="grid size-7 shrink-0 place-items-center rounded-full bg-muted text-muted-foreground"
      >
        <Sparkles className="size-4" />
      </span>
      <div className="min-w-0 flex-1 space-y-1">
        <span className="sr-only">Assistant: </span>
        {turn.tools.length > 0 && (
          <ul className="space-y-0.5" aria-label="Looked up">
            {turn.tools.map((tool, index) => (
              <li
                // A tool may be used twice in one answer: its place tells them apart.
                // biome-ignore lint/suspicious/noArrayIndexKey: the list only grows at its end.
                key={index}
                className="flex items-center gap-1 text-xs text-muted-foreground"
              >
                <Search aria-hidden="true" className="size-3" />
                Looked up: {tool}
              </li>
            ))}
          </ul>
        )}
        {turn.content ? (
          <Markdown className="text-sm text-foreground">{turn.content}</Markdown>
        ) : turn.state === "streaming" ? (
          <p className="text-sm text-muted-foreground">Thinking…</p>
        ) : null}
        {turn.state === "stopped" && (
          <p className="text-xs text-muted-foreground">
            Stopped: the answer above is what was said.
          </p>
        )}
        {turn.state === "failed" && turn.error && (
          <p role="alert" className="rounded-md bg-danger-muted px-3 py-2 text-sm text-danger">
            {turn.error}
          </p>
        )}
      </div>
    </li>
  );
}
