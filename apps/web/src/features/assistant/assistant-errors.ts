import { errorMessage, errorReason } from "../../lib/errors.ts";

/**
 * What went wrong with a question to the assistant, in words that say what to do next: a
 * provider fault says nothing was charged (the server gives its credits back). Other refusals
 * keep the API's words (the member's own rate limit says when to try again; AI_DISABLED says
 * whether the assistant is turned off here or no model is set up on this server).
 */
const byReason: Record<string, string> = {
  INSUFFICIENT_CREDITS:
    "You don't have enough credits for this message. Buy credits, or ask an admin to lower the cost.",
  AI_RATE_LIMITED:
    "The assistant is getting too many questions right now. Wait a minute and ask again.",
  AI_UNAVAILABLE:
    "The model provider is not answering right now. Nothing was charged: try again in a moment.",
  AI_TIMEOUT: "The model took too long to answer. Nothing was charged: try again.",
  AI_STREAM_CUT:
    "The answer was cut off by the model provider. Nothing was charged for it: ask again.",
};

export interface AssistantError {
  reason: string | undefined;
  message: string;
}

/** A thrown tRPC error, or the reason and message of an error the stream reported. */
export function assistantError(error: unknown): AssistantError {
  const reason = errorReason(error);
  const known = reason ? byReason[reason] : undefined;
  return { reason, message: known ?? errorMessage(error) };
}

/** The sentence for a reason the server stored with a failed answer (reading history later). */
export function reasonMessage(reason: string | null | undefined, fallback: string): string {
  return (reason && byReason[reason]) || fallback;
}
