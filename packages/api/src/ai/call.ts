// How a procedure or job calls the model: the caller's signal (a stopped subscription), an idle
// timer and a total timeout joined into the one abortSignal the AI SDK gets, and the stream's
// parts read with every failure thrown as a typed error (errors.ts). The AI SDK does not throw
// from streamText: failures arrive as `error` parts, a timeout as an `abort` part, and a stream
// cut off in the middle as an exception from the iterator; parts() turns all three into
// mapAiError's errors so callers handle one thing.

import { aiTimeout, mapAiError } from "./errors.ts";
import type { AiDeps } from "./model.ts";

export interface AiCall {
  /**
   * Spread into streamText / generateText: the joined signal, the retries, and an onError that
   * keeps the SDK from logging what parts() throws anyway.
   */
  options: { abortSignal: AbortSignal; maxRetries: number; onError: () => void };
  /**
   * The stream's parts (`result.fullStream`), each passed on as it comes. Throws the typed error
   * (AI_RATE_LIMITED, AI_UNAVAILABLE, AI_TIMEOUT, AI_STREAM_CUT) when the call fails; ends
   * quietly when the caller's signal stopped it (check `signal.aborted` after the loop). Leaving
   * the loop early aborts the provider call.
   */
  parts<T extends { type: string }>(stream: AsyncIterable<T>): AsyncGenerator<T, void>;
}

export function aiCall(ai: AiDeps, signal?: AbortSignal): AiCall {
  const controller = new AbortController();
  let timedOut = false;
  const timeOut = () => {
    timedOut = true;
    controller.abort(new DOMException("The model call timed out", "TimeoutError"));
  };
  let idle: ReturnType<typeof setTimeout> | undefined;
  let total: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(timeOut, ai.idleTimeoutMs);
  };
  const stop = () => controller.abort(signal?.reason);
  if (signal?.aborted) stop();
  else signal?.addEventListener("abort", stop, { once: true });
  const done = () => {
    clearTimeout(idle);
    clearTimeout(total);
    signal?.removeEventListener("abort", stop);
  };

  return {
    options: { abortSignal: controller.signal, maxRetries: ai.maxRetries, onError: () => {} },
    async *parts(stream) {
      total = setTimeout(timeOut, ai.totalTimeoutMs);
      arm();
      let finished = false;
      try {
        for await (const part of stream) {
          arm();
          if (part.type === "error") throw mapAiError("error" in part ? part.error : part);
          if (part.type === "abort") {
            if (signal?.aborted) return;
            throw timedOut ? aiTimeout() : mapAiError(part);
          }
          yield part;
        }
        finished = true;
      } catch (error) {
        if (signal?.aborted) return;
        throw timedOut ? aiTimeout(error) : mapAiError(error);
      } finally {
        done();
        // A consumer that left early (or failed) must not leave the provider call running.
        if (!finished && !controller.signal.aborted) controller.abort();
      }
    },
  };
}
