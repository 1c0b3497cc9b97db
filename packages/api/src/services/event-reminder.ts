// Event reminders (issue 13), 24 hours and 1 hour before an event starts, in the app and by mail
// as each member chooses for `event.reminder` (notification preferences). Scheduled by
// scheduleEventReminders (@guild/db, event-reminder.ts) when an event is created or moves; sent by
// the `event.remind` job at its time, by remindEvent below.
//
// Who: the members whose answer is `going` or `maybe` when the job runs, and who still see the
// event's space. Maybe is in because a reminder is most useful to someone who has not decided:
// it is the nudge to decide, and "maybe" members asked to hear about the event; they can turn
// reminders off (per kind, in the app and by mail) like any other notification. Not going and
// waitlisted members are not reminded (a promotion tells the waitlisted in its own way).
//
// Once: the job claims its (event, reminder, start) in event_reminder_sent in the transaction that
// queues the notifications, so a job delivered twice tells nobody twice; notify's onceKey makes
// the fan-out itself happen once per recipient too.
import {
  and,
  type EventReminderJob,
  eq,
  event,
  eventReminderSent,
  eventRsvp,
  inArray,
  memberProfile,
  organization,
  type SQL,
  space,
  sql,
  type TenantScope,
  visibleSpace,
} from "@guild/db";
import { EVENT_REMINDER_OFFSET_MS } from "@guild/db/enums";
import { seeingSpace } from "./comment-notifications.ts";
import { notify } from "./notification.ts";

/** Recipients per notification.fanout job (its payload takes at most 10,000). */
const FANOUT_CHUNK = 5_000;

/**
 * The `event.remind` job's work (system actor): when the event still starts when the job was
 * scheduled for, is neither cancelled nor over, and this reminder was not sent for that start,
 * it records the reminder and notifies the members going or maybe who see the event. Answers
 * whether it sent.
 */
export async function remindEvent(scope: TenantScope, job: EventReminderJob): Promise<boolean> {
  const now = scope.now();
  const [row] = await scope.db
    .select({
      id: event.id,
      spaceId: event.spaceId,
      startsAt: event.startsAt,
      status: event.status,
    })
    .from(event)
    .where(and(eq(event.organizationId, scope.organizationId), eq(event.id, job.eventId)));
  if (!row) return false;
  // Moved since: the new start's own jobs remind for it.
  if (row.startsAt.toISOString() !== new Date(job.startsAt).toISOString()) return false;
  if (row.status === "cancelled" || row.status === "ended") return false;
  // Started already (the runner was down past the start): a reminder would only be noise.
  if (row.startsAt.getTime() <= now.getTime()) return false;
  // Not due yet: a job never runs early, but a clock behind the database's would say so.
  if (row.startsAt.getTime() - EVENT_REMINDER_OFFSET_MS[job.offset] > now.getTime() + 60_000)
    return false;
  const [claimed] = await scope.db
    .insert(eventReminderSent)
    .values({
      organizationId: scope.organizationId,
      eventId: row.id,
      reminder: job.offset,
      startsAt: row.startsAt,
      sentAt: now,
    })
    .onConflictDoNothing()
    .returning({ eventId: eventReminderSent.eventId });
  if (!claimed) return false;
  const answered = await scope.db
    .select({ memberId: eventRsvp.memberId })
    .from(eventRsvp)
    .where(
      and(
        eq(eventRsvp.organizationId, scope.organizationId),
        eq(eventRsvp.eventId, row.id),
        inArray(eventRsvp.status, ["going", "maybe"]),
      ),
    )
    .orderBy(eventRsvp.memberId);
  const recipients = [
    ...(await seeingSpace(
      scope,
      row.spaceId,
      answered.map((rsvp) => rsvp.memberId),
    )),
  ];
  for (let i = 0; i < recipients.length; i += FANOUT_CHUNK)
    await notify(scope, {
      kind: "event.reminder",
      target: { type: "event", id: row.id },
      recipients: recipients.slice(i, i + FANOUT_CHUNK),
      // The hours ahead, which the sentence says ("in 24 hours", "in 1 hour").
      count: EVENT_REMINDER_OFFSET_MS[job.offset] / 3_600_000,
      onceKey: `event.reminder:${row.id}:${job.offset}:${row.startsAt.toISOString()}:${i / FANOUT_CHUNK}`,
    });
  return true;
}

/** "Sun 28 Mar, 09:00 CEST": a start as the reader reads it, in their time zone. */
export function startInZone(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  }).format(at);
}

/** The reader's time zone: their profile's, else the organization's. */
async function readerTimeZone(scope: TenantScope): Promise<string> {
  const memberZone: SQL =
    scope.actor.kind === "member"
      ? sql`(select ${memberProfile.timeZone} from ${memberProfile}
             where ${memberProfile.organizationId} = ${organization.id}
               and ${memberProfile.memberId} = ${scope.actor.memberId})`
      : sql`null`;
  const [row] = await scope.db
    .select({ timeZone: sql<string>`coalesce(${memberZone}, ${organization.timeZone})` })
    .from(organization)
    .where(eq(organization.id, scope.organizationId));
  return row?.timeZone ?? "UTC";
}

/**
 * The events of these ids the reader sees (their space's visibility), named with their start in
 * the reader's time zone, linked to the event's page: what a reminder says.
 */
export async function describeEventReminders(scope: TenantScope, targetIds: string[]) {
  const rows = await scope.db
    .select({
      id: event.id,
      title: event.title,
      startsAt: event.startsAt,
      spaceSlug: space.slug,
    })
    .from(event)
    .innerJoin(
      space,
      and(eq(space.organizationId, event.organizationId), eq(space.id, event.spaceId)),
    )
    .where(
      and(
        eq(event.organizationId, scope.organizationId),
        inArray(event.id, targetIds),
        visibleSpace(event.spaceId),
      ),
    );
  if (rows.length === 0) return new Map();
  const timeZone = await readerTimeZone(scope);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        name: `${row.title}, ${startInZone(row.startsAt, timeZone)}`,
        path: `/s/${row.spaceSlug}/events/${row.id}`,
      },
    ]),
  );
}
