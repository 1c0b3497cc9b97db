// One member's event stream of an organization: what the `realtime.events` subscription yields.
// It holds no connection while it waits. The events come from the process's shared read of the
// log (one query per wake-up, whoever listens); the member's right to each is decided per event,
// from their membership as checked again in a short transaction of their own: at once when a
// member.* event comes by, otherwise at most membershipTtlMs old, and every recheckIntervalMs
// when nothing happens. Rights that hang on a space (chat) are decided at each event for all the
// process's streams of the organization together (bus.spaces); other record rights
// (visibleTargets) in the stream's own transaction.
import type { MemberActor, TenantScope } from "@guild/db";
import type { EventBus } from "./bus.ts";
import type { EventDomain, OrganizationEvent, StoredEvent } from "./define.ts";
import { eventPosition } from "./event-log.ts";
import { domainOfKind, type EventKind } from "./index.ts";

/** Events read per batch. */
const BATCH = 200;

/**
 * What a stream sends. `ready`: a fresh stream is now following the log (what the client fetched
 * before may be stale). `resync`: the client's position is gone (pruned, or from another
 * database): it must refetch everything it shows.
 */
export type StreamEvent =
  | { kind: "ready" }
  | { kind: "resync" }
  | (OrganizationEvent<EventKind> & {
      /**
       * Read from the log to catch up after a resume, not heard as it happened: news for what a
       * screen shows, but not of something happening now (someone typing). Judged by position,
       * not by time: a browser's clock may be minutes off the server's.
       */
      replayed: boolean;
    });

export interface StreamOptions {
  bus: EventBus;
  organizationId: string;
  /** The member as the subscription's own check found them. */
  member: MemberActor;
  /** Resume after this id (the client's last one); null for a fresh stream. */
  lastEventId: number | null;
  signal: AbortSignal;
  /**
   * Runs fn in a short tenant transaction as the member, after checking again that their session
   * is valid and they are still a member (orgLongProcedure's ctx.tenant); throws otherwise.
   */
  asReader<T>(fn: (scope: TenantScope) => Promise<T>): Promise<T>;
}

function memberOf(scope: TenantScope): MemberActor {
  if (scope.actor.kind !== "member") throw new Error("an event stream reads as a member");
  return scope.actor;
}

function toStreamEvent(event: StoredEvent, replayed: boolean): StreamEvent {
  return {
    // Only declared kinds get here (domainOfKind).
    kind: event.kind as EventKind,
    target: event.target,
    actorMemberId: event.actorMemberId,
    at: event.at,
    replayed,
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
  const { bus, signal, organizationId } = options;
  let member = options.member;
  // The next check falls due after a share of the time to live drawn per check (half to all of
  // it): streams opened together (a reconnect after a deploy, a bench) would otherwise all check
  // again on the same event, one transaction each, and hold that event up for everyone.
  const nextCheckDue = () => performance.now() + bus.membershipTtlMs * (0.5 + Math.random() / 2);
  let checkDueAt = nextCheckDue();
  /** The membership again (throws when it is gone), and, if given, work in the same transaction. */
  const recheck = async <T>(fn?: (scope: TenantScope) => Promise<T>) => {
    const result = await options.asReader(async (scope) => {
      member = memberOf(scope);
      return fn ? await fn(scope) : undefined;
    });
    checkDueAt = nextCheckDue();
    return result;
  };

  /** The events the member may learn of: audience, then each kind's domain. */
  const visibleOf = async (events: StoredEvent[]) => {
    const candidates: Array<{ event: StoredEvent; domain: EventDomain }> = [];
    for (const event of events) {
      const domain = domainOfKind.get(event.kind);
      if (!domain) continue; // a kind no domain declares is never sent
      if (event.audienceMemberId !== null && event.audienceMemberId !== member.memberId) continue;
      if (domain.visible && !domain.visible(member, event)) continue;
      candidates.push({ event, domain });
    }
    /** Per domain, the target ids still to decide by `key` (spacesOf or visibleTargets). */
    const targetsBy = (key: "spacesOf" | "visibleTargets") => {
      const byDomain = new Map<EventDomain, Set<string>>();
      for (const { event, domain } of candidates)
        if (domain[key]) {
          const ids = byDomain.get(domain) ?? new Set<string>();
          ids.add(event.target.id);
          byDomain.set(domain, ids);
        }
      return byDomain;
    };
    const inSpaces = new Map<EventDomain, ReadonlySet<string>>();
    const spaced = targetsBy("spacesOf");
    // Every stream of the organization that read this batch asks in the same turn: one
    // transaction answers them all (space-gate.ts).
    await Promise.all(
      [...spaced].map(async ([domain, ids]) =>
        inSpaces.set(
          domain,
          await bus.spaces.visibleTargets(organizationId, member.memberId, domain, [...ids]),
        ),
      ),
    );
    const allowed = new Map<EventDomain, ReadonlySet<string>>();
    const checked = targetsBy("visibleTargets");
    if (checked.size > 0)
      await recheck(async (scope) => {
        for (const [domain, ids] of checked) {
          const visible = await domain.visibleTargets?.({ scope, member: memberOf(scope) }, [
            ...ids,
          ]);
          allowed.set(domain, visible ?? new Set());
        }
      });
    return new Set(
      candidates
        .filter(
          ({ event, domain }) =>
            (!domain.spacesOf || inSpaces.get(domain)?.has(event.target.id)) &&
            (!domain.visibleTargets || allowed.get(domain)?.has(event.target.id)),
        )
        .map(({ event }) => event),
    );
  };

  // Before the first read, so news committed after it wakes this stream.
  const news = bus.waiter(organizationId, options.member.userId, signal);
  try {
    const position = await recheck(eventPosition);
    if (!position) throw new Error("no position");
    let cursor: number;
    // Events up to here, read by a resume, happened while the client was away.
    let replayedThrough = 0;
    const from = options.lastEventId;
    if (from === null) {
      cursor = position.head;
      yield { id: cursor, event: { kind: "ready" } };
    } else if (from > position.head || from < position.prunedThrough) {
      cursor = position.head;
      yield { id: cursor, event: { kind: "resync" } };
    } else {
      cursor = from;
      replayedThrough = position.head;
    }

    while (!signal.aborted) {
      const events = await bus.read(organizationId, cursor, BATCH);
      if (events.length > 0) {
        // A member.* event may be this member's removal or demotion: check before sending any.
        if (
          performance.now() >= checkDueAt ||
          events.some((event) => event.kind.startsWith("member."))
        )
          await recheck();
        const visible = await visibleOf(events);
        for (const event of events) {
          cursor = event.id;
          if (visible.has(event))
            yield { id: event.id, event: toStreamEvent(event, event.id <= replayedThrough) };
        }
        if (events.length === BATCH) continue;
      }
      const woke = await news.wait(bus.recheckIntervalMs);
      if (woke === "aborted") return;
      // Nothing for a while, or the user's sessions were revoked (a ban): is this still a member
      // with a session? The check throws otherwise, which ends the stream.
      if (woke === "timeout" || woke === "revoked") await recheck();
    }
  } finally {
    news[Symbol.dispose]();
  }
}
