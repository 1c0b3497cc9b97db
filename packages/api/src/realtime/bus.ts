// PostgreSQL LISTEN → this process's event streams. One LISTEN connection per server process
// (postgres.js keeps a dedicated one and listens again after a reconnect). A notification only
// says "organization X has something new": each stream then reads the log from its own position,
// so a notification that is lost (LISTEN was reconnecting) or coalesced only delays events, and
// streams also look on their own every `recheckIntervalMs`.
import { asSystem, type Database, type Sql, withTenant } from "@guild/db";
import type { StoredEvent } from "./define.ts";
import { EVENTS_CHANNEL, eventsAfter } from "./event-log.ts";
import { SESSIONS_REVOKED_CHANNEL } from "./session-revoked.ts";
import { createSpaceGate, type SpaceGate } from "./space-gate.ts";

/** Why a wait ended. `revoked`: the user's sessions were deleted (session-revoked.ts). */
export type WakeReason = "event" | "revoked" | "timeout" | "aborted";

export interface Waiter extends Disposable {
  /**
   * Resolves once the organization had news since the previous wait() (or since the waiter was
   * made), after `timeoutMs`, or when the signal aborts, whichever comes first; with
   * `revoked` (before any news) once the user's sessions were revoked since.
   */
  wait(timeoutMs: number): Promise<WakeReason>;
}

export interface EventBus {
  /**
   * Wake-ups for one organization from now on. Make it before the stream's first read: news
   * committed after that read then cannot slip through. `userId`: whose sessions' revocation
   * also wakes it.
   */
  waiter(organizationId: string, userId: string, signal: AbortSignal): Waiter;
  /**
   * Up to `limit` events of the organization after `cursor`, oldest first, for any reader to
   * filter by their rights. Reads in flight for the same position are shared: after a NOTIFY
   * every up-to-date stream of the organization asks for the same rows, and one query serves
   * them all.
   */
  read(organizationId: string, cursor: number, limit: number): Promise<StoredEvent[]>;
  /**
   * How often a stream looks without news: it checks the member's session and membership again
   * (a removed member's idle stream ends) and catches up on any lost notification.
   */
  readonly recheckIntervalMs: number;
  /**
   * While events flow, how long a stream trusts its last check of the member before checking
   * again (at once on a member.* event).
   */
  readonly membershipTtlMs: number;
  /** Who of the streams sees the spaces events are about, decided for all of them at once. */
  readonly spaces: SpaceGate;
  /** Waiters in this process (tests, metrics). */
  size(): number;
  /** Stops listening; waiters wake once, their streams end as their requests are cut. */
  close(): Promise<void>;
}

export interface EventBusOptions {
  recheckIntervalMs?: number;
  membershipTtlMs?: number;
  log?: (level: "info" | "warn", message: string, fields?: Record<string, unknown>) => void;
}

export const DEFAULT_RECHECK_INTERVAL_MS = 30_000;
export const DEFAULT_MEMBERSHIP_TTL_MS = 10_000;

/** Starts listening at the first waiter, so a process that serves no stream holds no connection. */
export function createEventBus(
  { db, sql }: { db: Database; sql: Sql },
  options: EventBusOptions = {},
): EventBus {
  const log = options.log ?? (() => {});
  const waiters = new Map<string, Set<() => void>>();
  /** By user: the same streams' wake-ups for a revocation of the user's sessions. */
  const revocations = new Map<string, Set<() => void>>();
  const wakeAll = () => {
    for (const set of waiters.values()) for (const wake of set) wake();
  };
  let listening: Promise<Array<{ unlisten(): Promise<void> }>> | null = null;
  let closed = false;

  const listen = () => {
    if (listening || closed) return;
    // postgres.js serves every channel on its one LISTEN connection and listens again after a
    // reconnect.
    listening = Promise.all([
      sql.listen(
        EVENTS_CHANNEL,
        (payload) => {
          const organizationId = payload.slice(0, payload.indexOf(":"));
          for (const wake of waiters.get(organizationId) ?? []) wake();
        },
        // After the first LISTEN and after every reconnect: what was notified while the
        // connection was down is gone, so every stream re-reads from its position.
        () => {
          log("info", "realtime: listening");
          wakeAll();
        },
      ),
      // A revocation lost during a reconnect only waits for the periodic re-check.
      sql.listen(SESSIONS_REVOKED_CHANNEL, (userId) => {
        for (const revoke of revocations.get(userId) ?? []) revoke();
      }),
    ]);
    // The first LISTEN failed (database unreachable): the next waiter tries again; meanwhile
    // streams re-read every recheckIntervalMs.
    listening.catch((error: unknown) => {
      log("warn", "realtime: LISTEN failed", { err: String(error) });
      listening = null;
    });
  };

  const register = (map: Map<string, Set<() => void>>, key: string, fn: () => void) => {
    let set = map.get(key);
    if (!set) {
      set = new Set();
      map.set(key, set);
    }
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) map.delete(key);
    };
  };

  const reads = new Map<string, Promise<StoredEvent[]>>();

  return {
    recheckIntervalMs: options.recheckIntervalMs ?? DEFAULT_RECHECK_INTERVAL_MS,
    membershipTtlMs: options.membershipTtlMs ?? DEFAULT_MEMBERSHIP_TTL_MS,
    spaces: createSpaceGate(db),
    read(organizationId, cursor, limit) {
      const key = `${organizationId}:${cursor}:${limit}`;
      let read = reads.get(key);
      if (!read) {
        // The organization's own tenant scope: row-level security keeps the read to its rows.
        read = withTenant(db, asSystem(organizationId, "realtime"), (scope) =>
          eventsAfter(scope, cursor, limit),
        ).finally(() => reads.delete(key));
        reads.set(key, read);
      }
      return read;
    },
    waiter(organizationId, userId, signal) {
      listen();
      let news = false;
      let revoked = false;
      let wake: ((reason: WakeReason) => void) | null = null;
      const onNews = () => {
        news = true;
        wake?.("event");
      };
      const onRevoked = () => {
        revoked = true;
        wake?.("revoked");
      };
      const unregister = [
        register(waiters, organizationId, onNews),
        register(revocations, userId, onRevoked),
      ];
      const onAbort = () => wake?.("aborted");
      signal.addEventListener("abort", onAbort, { once: true });
      return {
        async wait(timeoutMs) {
          if (signal.aborted) return "aborted";
          if (revoked) {
            revoked = false;
            return "revoked";
          }
          if (!news) {
            let timer: NodeJS.Timeout | undefined;
            const reason = await new Promise<WakeReason>((resolve) => {
              wake = resolve;
              timer = setTimeout(() => resolve("timeout"), timeoutMs);
            });
            clearTimeout(timer);
            wake = null;
            if (reason === "revoked") revoked = false;
            if (reason !== "event") return reason;
          }
          news = false;
          return "event";
        },
        [Symbol.dispose]() {
          signal.removeEventListener("abort", onAbort);
          for (const done of unregister) done();
        },
      };
    },
    size: () => [...waiters.values()].reduce((n, set) => n + set.size, 0),
    async close() {
      closed = true;
      const current = listening;
      listening = null;
      wakeAll();
      if (current)
        await current
          .then((channels) => Promise.all(channels.map((l) => l.unlisten())))
          .catch(() => {});
    },
  };
}
