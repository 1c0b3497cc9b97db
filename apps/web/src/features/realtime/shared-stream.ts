// One event stream per browser and organization, shared by all its tabs. Every stream is an
// HTTP connection, and over HTTP/1.1 a browser allows 6 per host across all tabs: with one
// stream per tab, the sixth Guild tab would stall every request of every Guild tab. So the tab
// holding a Web Lock subscribes and passes each event on over a BroadcastChannel; the others
// only listen. When that tab closes, the lock passes to another, which resumes from the last
// event id it heard: nothing is lost in the hand-over. Without Web Locks (an insecure context:
// plain http on a host other than localhost) each tab has its own stream.
import { takeFirstEventPosition } from "../../lib/first-load.ts";
import { organizationClient } from "../../lib/trpc.ts";

type EventsSubscribe = ReturnType<typeof organizationClient>["realtime"]["events"]["subscribe"];

/** An event as a stream delivers it: its id (for resuming) and what happened. */
export type StreamMessage = Parameters<NonNullable<Parameters<EventsSubscribe>[1]["onData"]>>[0];

/** What happened: ready, resync, or an event about a record (kind, target ids, actor, time). */
export type StreamEvent = StreamMessage["data"];

type ChannelMessage = { type: "event"; message: StreamMessage } | { type: "error"; code: string };

export interface StreamHandlers {
  onEvent(message: StreamMessage): void;
  /** The stream ended for good (its code: NOT_FOUND, UNAUTHORIZED, FORBIDDEN). */
  onError(code: string, error: unknown): void;
}

function codeOf(error: unknown): string {
  if (typeof error === "object" && error !== null && "data" in error) {
    const { data } = error;
    if (
      typeof data === "object" &&
      data !== null &&
      "code" in data &&
      typeof data.code === "string"
    )
      return data.code;
  }
  return "INTERNAL_SERVER_ERROR";
}

/** Follows the organization's events until the returned function is called. */
export function followOrganizationEvents(slug: string, handlers: StreamHandlers): () => void {
  // The last event applied here: a tab that was asleep may hear an event again from a new
  // leader that resumed from further back, and ignores it.
  // On the page's first stream, where the page's shell read the log: every answer the page has
  // was read after it, so the stream resumes there instead of starting with `ready`.
  const first = takeFirstEventPosition(slug);
  let lastId: number | null = first === null ? null : Number(first);
  const apply = (message: StreamMessage) => {
    const id = Number(message.id);
    // ready and resync restart the count (a resync may even go back: another database).
    const restart = message.data.kind === "ready" || message.data.kind === "resync";
    if (!restart && lastId !== null && id <= lastId) return;
    lastId = id;
    handlers.onEvent(message);
  };

  let subscription: { unsubscribe(): void } | null = null;
  const subscribe = (
    onMessage: (message: StreamMessage) => void,
    onError: (e: unknown) => void,
  ) => {
    subscription = organizationClient(slug).realtime.events.subscribe(
      lastId === null ? {} : { lastEventId: String(lastId) },
      { onData: onMessage, onError },
    );
  };

  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  if (!locks || typeof BroadcastChannel === "undefined") {
    subscribe(apply, (error) => handlers.onError(codeOf(error), error));
    return () => subscription?.unsubscribe();
  }

  const name = `guild-events:${slug}`;
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event: MessageEvent<ChannelMessage>) => {
    if (event.data.type === "event") apply(event.data.message);
    else handlers.onError(event.data.code, null);
  };
  const stop = new AbortController();
  let release: (() => void) | null = null;
  locks
    .request(name, { signal: stop.signal }, () => {
      if (stop.signal.aborted) return;
      // Leader until this tab leaves the organization or closes (which frees the lock).
      subscribe(
        (message) => {
          channel.postMessage({ type: "event", message } satisfies ChannelMessage);
          apply(message);
        },
        (error) => {
          const code = codeOf(error);
          channel.postMessage({ type: "error", code } satisfies ChannelMessage);
          handlers.onError(code, error);
        },
      );
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    })
    // Aborted while waiting for the lock: this tab left before it had to lead.
    .catch(() => {});
  return () => {
    stop.abort();
    subscription?.unsubscribe();
    release?.();
    channel.close();
  };
}
