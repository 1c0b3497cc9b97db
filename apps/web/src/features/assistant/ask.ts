// Asking the assistant: one subscription per question (assistant.send), its events folded into
// the live answer (live-answers.ts) as they come. Unsubscribing is the Stop button: the stream's
// connection closes, the server's signal aborts the provider call, and what was said is kept.

import { UserFacingError } from "../../lib/errors.ts";
import { organizationClient, organizationTRPC, queryClient } from "../../lib/trpc.ts";
import { assistantError } from "./assistant-errors.ts";
import {
  dropLiveAnswer,
  getLiveAnswer,
  liveKey,
  moveLiveAnswer,
  setLiveAnswer,
  updateLiveAnswer,
} from "./live-answers.ts";

export interface AskOptions {
  slug: string;
  conversationId: string | null;
  text: string;
  /** Messages the conversation shows now: the live answer gives way once history has more. */
  baseCount: number;
  /** The server named the new conversation this question started. */
  onConversation?(conversationId: string): void;
}

/**
 * Sends the question. Resolves once the server took it (the question saved and its credits
 * spent), rejects with the refusal when it did not (no credits, rate limited, turned off): the
 * composer keeps the text and shows why. What goes wrong later shows in the answer itself.
 */
export function ask({ slug, conversationId, text, baseCount, onConversation }: AskOptions) {
  let key = liveKey(slug, conversationId);
  const trpc = organizationTRPC(slug);
  // The conversation and the list, and the member's credits (spent at the start, given back
  // when the answer fails).
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.assistant.pathFilter()),
      queryClient.invalidateQueries(trpc.credit.balance.pathFilter()),
    ]);
  return new Promise<void>((resolve, reject) => {
    let accepted = false;
    let ended = false;
    const end = (status: "complete" | "stopped" | "failed", error?: unknown) => {
      if (ended) return;
      ended = true;
      subscription.unsubscribe();
      if (!accepted && status === "failed") {
        dropLiveAnswer(key);
        reject(new UserFacingError(assistantError(error).message));
        return;
      }
      // Stopped before the server said it took the question: it may have (and then keeps it,
      // stopped, with its credits given back), so the box lets go of it like a sent one.
      if (!accepted) resolve();
      updateLiveAnswer(key, {
        status,
        error: error === undefined ? null : assistantError(error),
      });
      void refresh();
    };
    setLiveAnswer(key, {
      conversationId,
      question: text,
      answer: "",
      tools: [],
      credits: null,
      status: "sending",
      error: null,
      baseCount,
      stop: () => end("stopped"),
    });
    const subscription = organizationClient(slug).assistant.send.subscribe(
      // One key per question: a stream the browser reconnects is the same question, never a
      // second charge.
      { conversationId, text, idempotencyKey: crypto.randomUUID() },
      {
        onData(event) {
          if (ended) return;
          switch (event.type) {
            case "start": {
              accepted = true;
              const to = liveKey(slug, event.conversationId);
              if (to !== key) {
                moveLiveAnswer(key, to);
                key = to;
              }
              updateLiveAnswer(key, {
                conversationId: event.conversationId,
                credits: event.credits,
                status: "streaming",
              });
              void refresh();
              if (!conversationId) onConversation?.(event.conversationId);
              resolve();
              break;
            }
            case "text": {
              const current = getLiveAnswer(key);
              if (current) updateLiveAnswer(key, { answer: current.answer + event.text });
              break;
            }
            case "tool": {
              const current = getLiveAnswer(key);
              if (current) updateLiveAnswer(key, { tools: [...current.tools, event.label] });
              break;
            }
            case "done":
              end(event.status);
              break;
          }
        },
        onError(error) {
          end("failed", error);
        },
        onComplete() {
          end("complete");
        },
      },
    );
  });
}
