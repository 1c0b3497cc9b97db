// The organization's event log (schema/realtime.ts): written by publish() in the transaction of
// the change, read by event streams, pruned by the daily organization maintenance.
import {
  and,
  asc,
  eq,
  gt,
  lt,
  max,
  organizationEventCounter,
  orgEvent,
  sql,
  type TenantScope,
} from "@guild/db";
import type { StoredEvent } from "./define.ts";
import type { EventKind } from "./index.ts";

/** The NOTIFY channel: payload `<organization id>:<last event id>`, only a wake-up call. */
export const EVENTS_CHANNEL = "guild_events";

/** How long the log keeps events: a client away longer resyncs (refetches what it shows). */
export const EVENT_RETENTION_DAYS = 7;

export interface PublishedEvent {
  kind: EventKind;
  target: { type: string; id: string };
  /** Only this member's streams receive it (their notifications); default: every member who may. */
  audienceMemberId?: string;
}

/** Events published in a scope and not yet written: written together before its commit. */
const pending = new WeakMap<TenantScope, PublishedEvent[]>();

/**
 * Appends events to the organization's log in the scope's transaction, as its actor, and wakes
 * every server process's streams of the organization at commit (a NOTIFY is delivered only then,
 * and never for a rollback).
 *
 * The ids come from the organization's counter row, updated and locked until commit: the writers
 * of one organization commit in id order, so a stream that has read up to N never misses a lower
 * id that commits later. Every transaction of the organization that publishes takes that lock, so
 * it is taken last: the events are written at the end of the transaction (scope.beforeCommit),
 * in one statement. Taken in the middle, it deadlocked against XP awards: a comment published
 * (counter) then awarded its XP (the author's standings) while an achievement job had awarded
 * XP to the same member (standings) and went on to publish (counter).
 */
export async function publish(
  scope: TenantScope,
  events: PublishedEvent | readonly PublishedEvent[],
): Promise<void> {
  const list = Array.isArray(events) ? events : [events as PublishedEvent];
  if (list.length === 0) throw new Error("publish() needs at least one event");
  const queued = pending.get(scope);
  if (queued) {
    queued.push(...list);
    return;
  }
  const first = [...list];
  pending.set(scope, first);
  scope.beforeCommit(async () => {
    pending.delete(scope);
    await writeEvents(scope, first);
  });
}

async function writeEvents(scope: TenantScope, list: readonly PublishedEvent[]): Promise<void> {
  const { actor } = scope;
  const rows = list.map((e) => ({
    kind: e.kind,
    targetType: e.target.type,
    targetId: e.target.id,
    audienceMemberId: e.audienceMemberId ?? null,
  }));
  await scope.db.execute(sql`
    with counter as (
      insert into organization_event_counter as c (organization_id, last_event_id)
      values (${scope.organizationId}, ${list.length})
      on conflict (organization_id)
        do update set last_event_id = c.last_event_id + excluded.last_event_id
      returning c.last_event_id
    ), inserted as (
      insert into org_event (organization_id, seq, kind, target_type, target_id,
                             actor_member_id, audience_member_id, created_at)
      select ${scope.organizationId}, counter.last_event_id - ${list.length} + e.ord,
             e.v ->> 'kind', e.v ->> 'targetType', (e.v ->> 'targetId')::uuid,
             ${actor.kind === "member" ? actor.memberId : null}::uuid,
             (e.v ->> 'audienceMemberId')::uuid, ${scope.now().toISOString()}::timestamptz
      from counter, jsonb_array_elements(${JSON.stringify(rows)}::jsonb) with ordinality as e(v, ord)
      returning seq
    )
    select pg_notify(${EVENTS_CHANNEL}, ${scope.organizationId} || ':' || max(seq)) as notified
    from inserted`);
}

/** Where the log stands: the last id written and the last id pruned (0 and 0 before any). */
export async function eventPosition(scope: TenantScope) {
  const [row] = await scope.db
    .select({
      head: organizationEventCounter.lastEventId,
      prunedThrough: organizationEventCounter.prunedThrough,
    })
    .from(organizationEventCounter)
    .where(eq(organizationEventCounter.organizationId, scope.organizationId));
  return row ?? { head: 0, prunedThrough: 0 };
}

/** Up to `limit` events after `cursor`, oldest first. */
export async function eventsAfter(
  scope: TenantScope,
  cursor: number,
  limit: number,
): Promise<StoredEvent[]> {
  const rows = await scope.db
    .select({
      id: orgEvent.seq,
      kind: orgEvent.kind,
      targetType: orgEvent.targetType,
      targetId: orgEvent.targetId,
      actorMemberId: orgEvent.actorMemberId,
      audienceMemberId: orgEvent.audienceMemberId,
      at: orgEvent.createdAt,
    })
    .from(orgEvent)
    .where(and(eq(orgEvent.organizationId, scope.organizationId), gt(orgEvent.seq, cursor)))
    .orderBy(asc(orgEvent.seq))
    .limit(limit);
  return rows.map(({ targetType, targetId, ...row }) => ({
    ...row,
    target: { type: targetType, id: targetId },
  }));
}

/**
 * Deletes events older than the retention window and remembers up to which id, so a stream
 * resuming from before it learns that it missed some (it resyncs) even once none are left.
 */
export async function pruneEvents(scope: TenantScope) {
  const before = new Date(scope.now().getTime() - EVENT_RETENTION_DAYS * 86_400_000);
  const where = and(
    eq(orgEvent.organizationId, scope.organizationId),
    lt(orgEvent.createdAt, before),
  );
  const [oldest] = await scope.db
    .select({ through: max(orgEvent.seq) })
    .from(orgEvent)
    .where(where);
  const through = oldest?.through;
  if (through === null || through === undefined) return;
  await scope.db
    .update(organizationEventCounter)
    .set({
      prunedThrough: sql`greatest(${organizationEventCounter.prunedThrough}, ${through})`,
    })
    .where(eq(organizationEventCounter.organizationId, scope.organizationId));
  await scope.db
    .delete(orgEvent)
    .where(
      and(eq(orgEvent.organizationId, scope.organizationId), sql`${orgEvent.seq} <= ${through}`),
    );
}
