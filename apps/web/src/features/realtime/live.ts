// How a domain's screens follow its live events (one file per domain, features/<domain>/live.ts,
// and one line in realtime/live-handlers.ts): which cached queries an event makes stale. Events
// carry ids only, so the screens refetch what they show, by the member's rights.
import type { QueryFilters } from "@tanstack/react-query";
import type { organizationTRPC } from "../../lib/trpc.ts";
import type { StreamEvent } from "./shared-stream.ts";

export type OrganizationTRPC = ReturnType<typeof organizationTRPC>;

/** An event about a record (not the stream's own ready or resync). */
export type LiveEvent = Exclude<StreamEvent, { kind: "ready" } | { kind: "resync" }>;

export interface LiveHandler {
  /** The kinds it handles start with this, e.g. `lead.`. */
  prefix: string;
  /** The queries of this organization the event makes stale (only visible ones refetch now). */
  stale(event: LiveEvent, trpc: OrganizationTRPC): QueryFilters[];
  /**
   * For events that come in storms (reactions: every click of everyone on the page): the stale
   * queries refetch at most once per this many ms, the last event of a storm still heard.
   */
  throttleMs?(event: LiveEvent): number | undefined;
  /**
   * For what is not a query to refetch (who is typing, features/chat/typing.ts): called with
   * each event of the prefix as it arrives, before any refetch.
   */
  heard?(event: LiveEvent): void;
}
