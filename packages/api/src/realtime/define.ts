// How a domain declares its realtime events (one file per domain in this folder, one line in
// index.ts). An event says that something happened to a record (`lead.updated`, target lead
// <id>), never what the record now holds: NOTIFY carries at most 8 kB, and every reader must
// re-read the record through its own rights anyway.
import type { MemberActor, TenantScope } from "@guild/db";

/** An event as the log stores it and a stream sends it. */
export interface OrganizationEvent<K extends string = string> {
  kind: K;
  target: { type: string; id: string };
  /** The member who caused it; null when the system did (a job, a webhook). */
  actorMemberId: string | null;
  at: Date;
}

/** An event as the log holds it. */
export interface StoredEvent extends OrganizationEvent {
  /** The event id (`seq`). */
  id: number;
  /** Only this member may receive it; null: every member who may see the target. */
  audienceMemberId: string | null;
}

/** The member an event stream is for, in the short tenant transaction that reads a batch. */
export interface EventReader {
  /** The reader's own tenant scope: row-level security and member-owned rows apply. */
  scope: TenantScope;
  /** Checked again in the statement that opened this transaction: still a member, this role. */
  member: MemberActor;
}

export interface EventDomain<K extends string = string> {
  /** Every kind the domain publishes, e.g. `["lead.created", "lead.updated"]`. */
  kinds: readonly K[];
  /**
   * Whether the member may learn of this event, decided again for every event sent, in memory,
   * from the membership as last checked (its role; at most membershipTtlMs old, checked again at
   * once on member.* events). Default: every member.
   */
  visible?(member: MemberActor, event: StoredEvent): boolean;
  /**
   * For events whose only right is the space their target lives in (a chat message; a space's
   * typing indicator): the space of each target, read as the system in the organization's scope.
   * Whether each reader sees that space is then decided for every stream of the organization in
   * this process at once (space-gate.ts: one transaction per batch of events, not one per
   * stream), by the same rule row-level security applies. A target with no space here reaches
   * nobody.
   */
  spacesOf?(scope: TenantScope, targetIds: string[]): Promise<ReadonlyMap<string, string>>;
  /**
   * For rights that depend on the record beyond its space (an author, a draft): of these
   * targets, the ids the reader may learn something happened to, read in the reader's own short
   * tenant transaction (which checks their membership again first). It costs a transaction per
   * stream and batch, so it runs only for events still visible after `visible`, the audience and
   * `spacesOf`.
   */
  visibleTargets?(reader: EventReader, targetIds: string[]): Promise<ReadonlySet<string>>;
}

/** A domain's events, with their kinds kept as literal types for publish(). */
export function eventDomain<const K extends string>(domain: EventDomain<K>): EventDomain<K> {
  return domain;
}
