// RSVPs, seats and the waitlist (issue 13 §1): a member answers going, maybe or not going; only
// going holds a seat. At capacity "going" becomes waitlisted, in arrival order. When a seat
// frees up (someone going changes their answer, leaves the organization or the space, or the
// capacity rises) the first on the waitlist takes it and is told.
//
// Seats are decided one at a time: every transaction that changes who holds a seat first locks
// the event row (`select … for update`), then reads and writes the answers and the event's
// going_count and last_arrival. So two answers for the last seat are decided in the order they
// took the lock (the loser is waitlisted), and two cancels promote two different people: the
// second sees the first's promotion. A CHECK on event keeps going_count within capacity, the
// net under this rule.
//
// Whoever cannot see the event's space cannot see the event: NOT_FOUND, as an id that exists
// nowhere (visibleEvents, and row-level security under it).
import {
  and,
  asc,
  count,
  type EventRsvpStatus,
  eq,
  event,
  eventRsvp,
  hasRole,
  inArray,
  lte,
  member,
  type SQL,
  space,
  sql,
  type TenantScope,
} from "@guild/db";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import type { RsvpAnswer, respondInput, rsvpEventInput } from "../schemas/event-rsvp.ts";
import { seeingSpace } from "./comment-notifications.ts";
import {
  type EventRow,
  eventStaff,
  isHost,
  missingEvent,
  shownStatus,
  visibleEvents,
} from "./event.ts";
import { actingMember } from "./member.ts";
import { notify } from "./notification.ts";
import { peopleById } from "./people.ts";

/**
 * How long before the start people going see the online link: enough to open it and settle in,
 * short enough that a link passed around days ahead is not the point of the RSVP.
 */
export const ONLINE_LINK_LEAD_MINUTES = 15;

/** The answers that hold or wait for a seat: released when their member leaves. */
const seatAnswers: EventRsvpStatus[] = ["going", "waitlisted"];

/**
 * The online link as this viewer may see it: hosts and moderators always; a member going, from
 * ONLINE_LINK_LEAD_MINUTES before the start until the end, unless the event is cancelled.
 * Everyone else: null (the page says when it will appear).
 */
export function visibleOnlineUrl(
  row: { onlineUrl: string | null; status: EventRow["status"]; startsAt: Date; endsAt: Date },
  viewer: { organizes: boolean; rsvp: EventRsvpStatus | null },
  now: Date,
): string | null {
  if (row.onlineUrl === null) return null;
  if (viewer.organizes) return row.onlineUrl;
  if (viewer.rsvp !== "going") return null;
  const shown = shownStatus(row, now);
  if (shown === "cancelled" || shown === "ended") return null;
  return now.getTime() >= onlineLinkOpensAt(row.startsAt).getTime() ? row.onlineUrl : null;
}

/** When people going start to see the link. */
export const onlineLinkOpensAt = (startsAt: Date) =>
  new Date(startsAt.getTime() - ONLINE_LINK_LEAD_MINUTES * 60_000);

/** The caller's answer to an event (none: null). */
async function answerOf(scope: TenantScope, eventId: string, memberId: string) {
  const [row] = await scope.db
    .select()
    .from(eventRsvp)
    .where(
      and(
        eq(eventRsvp.organizationId, scope.organizationId),
        eq(eventRsvp.eventId, eventId),
        eq(eventRsvp.memberId, memberId),
      ),
    );
  return row ?? null;
}

/**
 * The online link for event.get: whether the viewer hosts or moderates, else their own answer
 * and the clock decide (visibleOnlineUrl).
 */
export async function onlineUrlFor(
  scope: TenantScope,
  row: Pick<EventRow, "id" | "onlineUrl" | "status" | "startsAt" | "endsAt">,
  viewerHosts: boolean,
): Promise<string | null> {
  if (row.onlineUrl === null) return null;
  const organizes = viewerHosts || eventStaff(scope);
  const mine =
    organizes || scope.actor.kind !== "member"
      ? null
      : await answerOf(scope, row.id, scope.actor.memberId);
  return visibleOnlineUrl(row, { organizes, rsvp: mine?.status ?? null }, scope.now());
}

/** The event locked for this transaction, if the caller sees it (else NOT_FOUND). */
async function lockEvent(scope: TenantScope, eventId: string, where?: SQL): Promise<EventRow> {
  const [row] = await scope.db
    .select()
    .from(event)
    .where(and(where ?? visibleEvents(scope), eq(event.id, eventId)))
    .for("update");
  if (!row) throw missingEvent();
  return row;
}

/** The event's waitlisted answers (the index event_rsvp_org_event_status_arrival_idx). */
const waitlistOf = (scope: TenantScope, eventId: string) =>
  and(
    eq(eventRsvp.organizationId, scope.organizationId),
    eq(eventRsvp.eventId, eventId),
    eq(eventRsvp.status, "waitlisted"),
  );

/** Answers are taken until the event ends, and never for a cancelled one. */
function refuseClosed(row: EventRow, now: Date) {
  const shown = shownStatus(row, now);
  if (shown === "cancelled")
    throw new AppError("CONFLICT", "This event is cancelled: it takes no more answers");
  if (shown === "ended") throw new AppError("CONFLICT", "This event has ended");
}

/**
 * Gives free seats to the first on the waitlist, in arrival order, each once: they become going
 * (promoted_at) under the event's lock, so a second cancel sees them going and promotes the next.
 * Returns the going count after. Each promoted member is told (event.promoted, once per
 * answer: the key is their arrival) and their open page hears event.rsvp.
 */
async function fillSeats(scope: TenantScope, row: EventRow, goingCount: number) {
  const free = row.capacity === null ? null : row.capacity - goingCount;
  if (free !== null && free <= 0) return goingCount;
  const head = scope.db
    .select({ id: eventRsvp.id })
    .from(eventRsvp)
    .where(waitlistOf(scope, row.id))
    .orderBy(asc(eventRsvp.arrival));
  const promoted = await scope.db
    .update(eventRsvp)
    .set({ status: "going", promotedAt: scope.now() })
    .where(
      and(
        eq(eventRsvp.organizationId, scope.organizationId),
        inArray(eventRsvp.id, free === null ? head : head.limit(free)),
      ),
    )
    .returning({ memberId: eventRsvp.memberId, arrival: eventRsvp.arrival });
  for (const guest of promoted)
    await notify(scope, {
      kind: "event.promoted",
      target: { type: "event", id: row.id },
      recipients: [guest.memberId],
      onceKey: `event.promoted:${row.id}:${guest.memberId}:${guest.arrival}`,
    });
  return goingCount + promoted.length;
}

/**
 * Writes a member's answer to a locked event, then gives any seat it freed to the waitlist, and
 * keeps going_count and last_arrival exact. "going" at capacity becomes waitlisted; going again
 * while waitlisted keeps one's place. Returns whether anything changed.
 */
async function applyAnswer(
  scope: TenantScope,
  row: EventRow,
  memberId: string,
  want: RsvpAnswer,
): Promise<boolean> {
  const current = await answerOf(scope, row.id, memberId);
  if (current?.status === want || (want === "going" && current?.status === "waitlisted"))
    return false;
  const now = scope.now();
  // A waitlist behind free seats (a capacity raised elsewhere) moves first: arrival order holds.
  let going = await fillSeats(scope, row, row.goingCount);
  const wasGoing = current?.status === "going";
  if (wasGoing) going -= 1;
  const status: EventRsvpStatus =
    want === "going" && row.capacity !== null && going >= row.capacity ? "waitlisted" : want;
  if (status === "going") going += 1;
  const arrival = row.lastArrival + 1;
  const answer = {
    status,
    arrival,
    respondedAt: now,
    waitlistedAt: status === "waitlisted" ? now : null,
    promotedAt: null,
  };
  await scope.db
    .insert(eventRsvp)
    .values({
      organizationId: scope.organizationId,
      spaceId: row.spaceId,
      eventId: row.id,
      memberId,
      ...answer,
    })
    .onConflictDoUpdate({
      target: [eventRsvp.organizationId, eventRsvp.eventId, eventRsvp.memberId],
      set: answer,
    });
  if (wasGoing) going = await fillSeats(scope, row, going);
  await scope.db
    .update(event)
    .set({ goingCount: going, lastArrival: arrival })
    .where(and(eq(event.organizationId, scope.organizationId), eq(event.id, row.id)));
  await publish(scope, { kind: "event.rsvp", target: { type: "event", id: row.id } });
  return true;
}

export interface MyRsvp {
  eventId: string;
  /** The caller's answer; null: none yet. */
  status: EventRsvpStatus | null;
  /** 1-based place on the waitlist (arrival order); null unless waitlisted. */
  position: number | null;
  /** Whether the caller was moved from the waitlist to going (and has not answered since). */
  promoted: boolean;
  capacity: number | null;
  goingCount: number;
  seatsLeft: number | null;
  waitlistCount: number;
  /** Why no answer is taken now; null: open. */
  closed: "cancelled" | "ended" | null;
  /** The online link, when the caller may see it (visibleOnlineUrl). */
  onlineUrl: string | null;
  /** Whether the event has a link at all, and when people going start to see it. */
  hasOnlineLink: boolean;
  onlineLinkOpensAt: Date;
}

async function viewOf(scope: TenantScope, row: EventRow, memberId: string): Promise<MyRsvp> {
  const mine = await answerOf(scope, row.id, memberId);
  const [counts] = await scope.db
    .select({
      waitlist: count(),
      ahead:
        mine?.status === "waitlisted"
          ? sql<number>`count(*) filter (where ${lte(eventRsvp.arrival, mine.arrival)})::int`
          : sql<number>`0`,
    })
    .from(eventRsvp)
    .where(waitlistOf(scope, row.id));
  const now = scope.now();
  const shown = shownStatus(row, now);
  const organizes = eventStaff(scope) || (await isHost(scope, row.id));
  return {
    eventId: row.id,
    status: mine?.status ?? null,
    position: mine?.status === "waitlisted" ? Number(counts?.ahead ?? 0) : null,
    promoted: mine?.status === "going" && mine.promotedAt !== null,
    capacity: row.capacity,
    goingCount: row.goingCount,
    seatsLeft: row.capacity === null ? null : Math.max(0, row.capacity - row.goingCount),
    waitlistCount: counts?.waitlist ?? 0,
    closed: shown === "cancelled" || shown === "ended" ? shown : null,
    onlineUrl: visibleOnlineUrl(row, { organizes, rsvp: mine?.status ?? null }, now),
    hasOnlineLink: row.onlineUrl !== null,
    onlineLinkOpensAt: onlineLinkOpensAt(row.startsAt),
  };
}

/** eventRsvp.mine: the caller's answer, place on the waitlist, the seats and the link. */
export async function myRsvp(
  scope: TenantScope,
  input: z.output<typeof rsvpEventInput>,
): Promise<MyRsvp> {
  const me = actingMember(scope);
  const [row] = await scope.db
    .select()
    .from(event)
    .where(and(visibleEvents(scope), eq(event.id, input.eventId)));
  if (!row) throw missingEvent();
  return viewOf(scope, row, me.memberId);
}

/** eventRsvp.respond: going (or waitlisted at capacity), maybe or not going. */
export async function respond(
  scope: TenantScope,
  input: z.output<typeof respondInput>,
): Promise<MyRsvp> {
  const me = actingMember(scope);
  const row = await lockEvent(scope, input.eventId);
  refuseClosed(row, scope.now());
  await applyAnswer(scope, row, me.memberId, input.status);
  const [after] = await scope.db
    .select()
    .from(event)
    .where(and(eq(event.organizationId, scope.organizationId), eq(event.id, row.id)));
  return viewOf(scope, after ?? row, me.memberId);
}

/**
 * Seats for a raised capacity (event.update calls it under the event's lock): the waitlist's
 * first take them, in arrival order.
 */
export async function promoteWaitlist(scope: TenantScope, eventId: string) {
  const row = await lockEvent(scope, eventId, eq(event.organizationId, scope.organizationId));
  const going = await fillSeats(scope, row, row.goingCount);
  if (going === row.goingCount) return 0;
  await scope.db
    .update(event)
    .set({ goingCount: going })
    .where(and(eq(event.organizationId, scope.organizationId), eq(event.id, row.id)));
  await publish(scope, { kind: "event.rsvp", target: { type: "event", id: row.id } });
  return going - row.goingCount;
}

/**
 * A member leaves the organization, or a space (`spaceId`) they will no longer see: their seats
 * and waitlist places in upcoming events are given up (as "not going") and the waitlists move.
 * Called before the membership is deleted, in the same transaction; events are locked in id
 * order, so two releases cannot deadlock each other.
 */
export async function releaseSeatsOf(scope: TenantScope, memberId: string, spaceId?: string) {
  const held = await scope.db
    .select({ eventId: eventRsvp.eventId })
    .from(eventRsvp)
    .where(
      and(
        eq(eventRsvp.organizationId, scope.organizationId),
        eq(eventRsvp.memberId, memberId),
        inArray(eventRsvp.status, seatAnswers),
        spaceId ? eq(eventRsvp.spaceId, spaceId) : undefined,
      ),
    )
    .orderBy(asc(eventRsvp.eventId));
  const now = scope.now();
  for (const { eventId } of held) {
    const row = await lockEvent(scope, eventId, eq(event.organizationId, scope.organizationId));
    if (shownStatus(row, now) === "ended") continue;
    await applyAnswer(scope, row, memberId, "not_going");
  }
}

/**
 * A member's tier changed (revoked, replaced, a subscription ended or unpaid): the seats and
 * waitlist places they hold in upcoming events of spaces they no longer see (paid spaces their
 * tier no longer opens) are given up, and each waitlist's first takes the seat, once (the event's
 * lock, as for a cancel). In the transaction of the change, by a scope that still sees those
 * spaces (an admin's, or the system's for Stripe's events): the member's own would not.
 */
export async function releaseSeatsOutOfSight(scope: TenantScope, memberId: string) {
  const spaces = await scope.db
    .selectDistinct({ spaceId: eventRsvp.spaceId })
    .from(eventRsvp)
    .where(
      and(
        eq(eventRsvp.organizationId, scope.organizationId),
        eq(eventRsvp.memberId, memberId),
        inArray(eventRsvp.status, seatAnswers),
      ),
    );
  for (const { spaceId } of spaces)
    if (!(await seeingSpace(scope, spaceId, [memberId])).has(memberId))
      await releaseSeatsOf(scope, memberId, spaceId);
}

export interface Guest {
  memberId: string;
  name: string;
  username: string | null;
  avatarUrl: string | null;
  status: EventRsvpStatus;
  respondedAt: Date;
  /** 1-based, for the waitlisted; null otherwise. */
  position: number | null;
}

/** The most answers the guest list returns (an event's capacity is at most 100,000). */
export const GUEST_LIST_MAX = 5000;

/**
 * eventRsvp.guests (hosts and moderators): who is going, maybe, and waiting, in arrival order,
 * by name. A member who sees the event but does not host it is refused (FORBIDDEN).
 */
export async function guestList(scope: TenantScope, input: z.output<typeof rsvpEventInput>) {
  const [row] = await scope.db
    .select()
    .from(event)
    .where(and(visibleEvents(scope), eq(event.id, input.eventId)));
  if (!row) throw missingEvent();
  if (!eventStaff(scope) && !(await isHost(scope, row.id)))
    throw new AppError("FORBIDDEN", "Only the event's hosts and moderators see its guest list");
  const answers = await scope.db
    .select({
      memberId: eventRsvp.memberId,
      status: eventRsvp.status,
      respondedAt: eventRsvp.respondedAt,
    })
    .from(eventRsvp)
    .where(
      and(
        eq(eventRsvp.organizationId, scope.organizationId),
        eq(eventRsvp.eventId, row.id),
        inArray(eventRsvp.status, ["going", "maybe", "waitlisted"]),
      ),
    )
    .orderBy(asc(eventRsvp.arrival))
    .limit(GUEST_LIST_MAX + 1);
  const people = await peopleById(
    scope,
    answers.map((a) => a.memberId),
  );
  const guests = (status: EventRsvpStatus): Guest[] =>
    answers
      .slice(0, GUEST_LIST_MAX)
      .filter((a) => a.status === status)
      .flatMap((a, index) => {
        const person = people.get(a.memberId);
        if (!person) return [];
        return [
          {
            ...person,
            status: a.status,
            respondedAt: a.respondedAt,
            position: status === "waitlisted" ? index + 1 : null,
          },
        ];
      });
  return {
    eventId: row.id,
    title: row.title,
    startsAt: row.startsAt,
    capacity: row.capacity,
    goingCount: row.goingCount,
    going: guests("going"),
    maybe: guests("maybe"),
    waitlisted: guests("waitlisted"),
    truncated: answers.length > GUEST_LIST_MAX,
  };
}
export type GuestList = Awaited<ReturnType<typeof guestList>>;

/**
 * A member is leaving a space (or being taken out of it): if it is private and they are not
 * staff (who see every space), they will no longer see its events, so their seats and waitlist
 * places there are given up first, while the space is still theirs to write in.
 */
export async function releaseSeatsOnLeavingSpace(
  scope: TenantScope,
  memberId: string,
  spaceId: string,
) {
  const [row] = await scope.db
    .select({ visibility: space.visibility, role: member.role })
    .from(space)
    .innerJoin(
      member,
      and(eq(member.organizationId, space.organizationId), eq(member.id, memberId)),
    )
    .where(and(eq(space.organizationId, scope.organizationId), eq(space.id, spaceId)));
  if (row?.visibility !== "private" || hasRole(row.role, "moderator")) return;
  await releaseSeatsOf(scope, memberId, spaceId);
}
