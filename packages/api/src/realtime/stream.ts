// One member's event stream of an organization: what the `realtime.events` subscription yields.
// It holds no connection while it waits: every batch is read in a short tenant transaction of
// the reader, opened by the same statement that checks their session and membership again.
import type { MemberActor, TenantScope } from "@guild/db";
import type { EventBus } from "./bus.ts";
import type { EventDomain, EventReader, OrganizationEvent } from "./define.ts";
import { eventPosition, eventsAfter, type StoredEvent } from "./event-log.ts";
import { domainOfKind, type EventKind } from "./index.ts";

/** Events read per transaction. */
const BATCH = 200;

/**
 * What a stream sends. `ready`: a fresh stream is now following the log (what the client fetched
 * before may be stale). `resync`: the client's position is gone (pruned, or from another
 * database): it must refetch everything it shows.
 */
export type StreamEvent = { kind: "ready" } | { kind: "resync" } | OrganizationEvent<EventKind>;

export interface StreamOptions {
  bus: EventBus;
  organizationId: string;
  /** Resume after this id (the client's last one); null for a fresh stream. */
  lastEventId: number | null;
  signal: AbortSignal;
  /**
   * Runs fn in a short tenant transaction as the member, after checking again that their session
   * is valid and they are still a member (orgLongProcedure's ctx.tenant); throws otherwise.
   */
  asReader<T>(fn: (scope: TenantScope) => Promise<T>): Promise<T>;
}

function readerOf(scope: TenantScope): EventReader {
  if (scope.actor.kind !== "member") throw new Error("an event stream reads as a member");
  const member: MemberActor = scope.actor;
  return { scope, member };
}

/** Which of the events the reader may learn of: audience first, then each kind's domain. */
async function visibleEvents(reader: EventReader, events: StoredEvent[]): Promise<StoredEvent[]> {
  const targets = new Map<EventDomain, Set<string>>();
  const candidates: Array<{ event: StoredEvent; domain: EventDomain }> = [];
  for (const event of events) {
    const domain = domainOfKind.get(event.kind);
    if (!domain) continue; // a kind no domain declares is never sent
    if (event.audienceMemberId !== null && event.audienceMemberId !== reader.member.memberId)
      continue;
    candidates.push({ event, domain });
    const ids = targets.get(domain) ?? new Set<string>();
    ids.add(event.target.id);
    targets.set(domain, ids);
  }
  const visible = new Map<EventDomain, ReadonlySet<string>>();
  for (const [domain, ids] of targets)
    visible.set(domain, await domain.visibleTargets(reader, [...ids]));
  return candidates
    .filter(({ event, domain }) => visible.get(domain)?.has(event.target.id) ?? false)
    .map(({ event }) => event);
}

function toStreamEvent(event: StoredEvent): StreamEvent {
  return {
    // Only registered kinds get here (visibleEvents).
    kind: event.kind as EventKind,
    target: event.target,
    actorMemberId: event.actorMemberId,
    at: event.at,
  };
}

/**
 * The stream: first where it starts (ready, resync, or nothing when resuming), then every event
 * the member may see, each with its id, until the signal aborts or the member may no longer read
 * (the error asReader throws ends it).
 */
export async function* organizationEvents(
  options: StreamOptions,
): AsyncGenerator<{ id: number; event: StreamEvent }> {
  const { bus, signal } = options;
  // Before the first read, so news committed after it wakes this stream.
  const news = bus.waiter(options.organizationId, signal);
  try {
    const position = await options.asReader(eventPosition);
    let cursor: number;
    const from = options.lastEventId;
    if (from === null) {
      cursor = position.head;
      yield { id: cursor, event: { kind: "ready" } };
    } else if (from > position.head || from < position.prunedThrough) {
      cursor = position.head;
      yield { id: cursor, event: { kind: "resync" } };
    } else cursor = from;

    while (!signal.aborted) {
      const after = cursor;
      const { events, visible } = await options.asReader(async (scope) => {
        const read = await eventsAfter(scope, after, BATCH);
        return { events: read, visible: await visibleEvents(readerOf(scope), read) };
      });
      // Sent outside the transaction: a slow client holds no connection.
      const send = new Set(visible);
      for (const event of events) {
        cursor = event.id;
        if (send.has(event)) yield { id: event.id, event: toStreamEvent(event) };
      }
      if (events.length === BATCH) continue;
      // News, or the periodic look (membership again, lost notifications), or the end.
      if ((await news.wait(bus.recheckIntervalMs)) === "aborted") return;
    }
  } finally {
    news[Symbol.dispose]();
  }
}
