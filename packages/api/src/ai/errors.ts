// Provider failures as the app's typed errors, each with a message a member can act on. The AI
// SDK reports them as APICallError (an HTTP status, or none when the provider was unreachable),
// RetryError (the retries ran out: the last error counts), a TimeoutError abort, or a socket
// error while the answer streamed.
import { APICallError, RetryError } from "ai";
import { AppError } from "../errors.ts";

/** An error's chain of causes, the error first (bounded: causes can loop). */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e !== undefined && e !== null && chain.length < 6; ) {
    chain.push(e);
    if (RetryError.isInstance(e)) e = e.lastError;
    else e = typeof e === "object" && "cause" in e ? e.cause : undefined;
  }
  return chain;
}

const nameOf = (e: unknown) =>
  e && typeof e === "object" && "name" in e && typeof e.name === "string" ? e.name : "";
const codeOf = (e: unknown) =>
  e && typeof e === "object" && "code" in e && typeof e.code === "string" ? e.code : "";
const messageOf = (e: unknown) => (e instanceof Error ? e.message : "");

export const aiTimeout = (cause?: unknown) =>
  new AppError(
    "SERVICE_UNAVAILABLE",
    "The model took too long to answer and the request was stopped. Try again.",
    { reason: "AI_TIMEOUT", cause },
  );

/** No model is configured (production without LLM_API_KEY). */
export const aiDisabled = () =>
  new AppError("SERVICE_UNAVAILABLE", "AI features are not set up on this server.", {
    reason: "AI_DISABLED",
  });

/**
 * The typed error for a failed model call: AI_RATE_LIMITED (TOO_MANY_REQUESTS), AI_TIMEOUT,
 * AI_STREAM_CUT, or AI_UNAVAILABLE (a 5xx, an unreachable provider, or a refusal such as a bad
 * key, which a member cannot fix either). An AppError passes through unchanged.
 */
export function mapAiError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const chain = causes(error);
  const apiError = chain.find((e) => APICallError.isInstance(e));
  const status = apiError?.statusCode;
  if (status === 429)
    return new AppError(
      "TOO_MANY_REQUESTS",
      "The model provider is busy (rate limited). Wait a minute and try again.",
      { reason: "AI_RATE_LIMITED", cause: error },
    );
  if (status === 408 || status === 504 || chain.some((e) => nameOf(e) === "TimeoutError"))
    return aiTimeout(error);
  // The answer had started: the connection dropped in the middle of the stream.
  if (
    chain.some(
      (e) =>
        codeOf(e) === "UND_ERR_SOCKET" ||
        codeOf(e) === "ECONNRESET" ||
        (nameOf(e) === "TypeError" && messageOf(e) === "terminated"),
    ) ||
    (status !== undefined && status < 300)
  )
    return new AppError(
      "SERVICE_UNAVAILABLE",
      "The model's answer was cut off in the middle. Try again.",
      { reason: "AI_STREAM_CUT", cause: error },
    );
  return new AppError(
    "SERVICE_UNAVAILABLE",
    status !== undefined && status >= 500
      ? `The model provider failed (${status}). Try again in a moment.`
      : status !== undefined
        ? `The model provider refused the request (${status}). An administrator should check the model settings.`
        : "The model provider could not be reached. Try again in a moment.",
    { reason: "AI_UNAVAILABLE", cause: error },
  );
}
