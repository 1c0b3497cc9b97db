// Events (issue 13 §1): events in events spaces, one-off or recurring, their hosts, status and
// the lists and calendars that show them. RSVPs, seats and the online link's gating are in
// event-rsvp.ts; reminders and calendar files in event-reminder.ts and the ics export; live
// sessions' attendance in live-session.ts.
//
// Who sees an event is who sees its space: every query adds visibleSpace() to its own where, and
// row-level security (space_visibility on every event table) enforces the same rule under it. An
// event the caller cannot see is NOT_FOUND, exactly as an id that exists nowhere. Moderators and
// up create events (as course authors write courses); an event's hosts and moderators edit,
// cancel and delete it.
//
// A recurring event is a series (event_series: the rule and the template) whose occurrences are
// event rows up to a horizon (event-recurrence.ts). Editing one occurrence detaches it; editing
// the series rewrites the occurrences that have not started and were not edited on their own.
import {
  and,
  asc,
  course,
  desc,
  EVENT_DURATION_MAX_HOURS,
  EVENT_SERIES_OCCURRENCES_MAX,
  type EventStatus,
  eq,
  event,
  eventHost,
  eventRsvp,
  eventSeries,
  file,
  gt,
  gte,
  inArray,
  isNull,
  lesson,
  lt,
  lte,
  member,
  ne,
  or,
  type SQL,
  scheduleEventReminders,
  scheduleSessionClose,
  space,
  sql,
  type TenantScope,
  visibleSpace,
} from "@guild/db";
import type { Storage } from "@guild/storage";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import type {
  calendarRangeInput,
  cancelEventInput,
  createEventInput,
  EventFields,
  eventCoverUploadInput,
  eventIdInput,
  organizationEventsInput,
  RecurrenceInput,
  removeEventInput,
  spaceEventsInput,
  spaceEventTagsInput,
  updateEventInput,
} from "../schemas/event.ts";
import { EVENT_SPACE_TAGS_MAX } from "../schemas/event.ts";
import { changesBetween, recordActivities, recordActivity } from "./activity.ts";
import { actsAs } from "./actor.ts";
import {
  buildRrule,
  describeRrule,
  expandSeries,
  fromLocalDateTime,
  horizonFrom,
  toLocalDate,
  toLocalDateTime,
} from "./event-recurrence.ts";
import { onlineUrlFor, promoteWaitlist } from "./event-rsvp.ts";
import { publicFilePath, startUpload } from "./file.ts";
import { actingMember } from "./member.ts";
import { notify } from "./notification.ts";
import { type PersonView, peopleById } from "./people.ts";
import { type SpaceKind, typedSpace } from "./space.ts";

export const missingEvent = () => notFound("Event");

const eventsSpaceKind: SpaceKind = {
  type: "events",
  otherType: "This space is not an events space",
  archived: "This space is archived: its events are read-only",
  writers: { role: "moderator", refusal: "Only moderators and admins can create events" },
};

/** Moderators and up (and the system) manage every event; hosts manage their own. */
export const eventStaff = (scope: TenantScope) => actsAs(scope, "moderator");

const inOrganization = (scope: TenantScope) => eq(event.organizationId, scope.organizationId);

/** The events the caller sees: in a space they see (RLS says the same underneath). */
export const visibleEvents = (scope: TenantScope) =>
  and(inOrganization(scope), visibleSpace(event.spaceId));

export type EventRow = typeof event.$inferSelect;

/**
 * The status people see: cancelled stays cancelled; otherwise the clock says whether it is
 * scheduled, live (started, not ended) or ended, unless a host started or ended it early.
 */
export function shownStatus(
  row: { status: EventStatus; startsAt: Date; endsAt: Date },
  now: Date,
): EventStatus {
  if (row.status === "cancelled" || row.status === "ended") return row.status;
  if (now >= row.endsAt) return "ended";
  if (row.status === "live" || now >= row.startsAt) return "live";
  return "scheduled";
}

/** An event the caller sees, or NOT_FOUND. */
export async function readEvent(scope: TenantScope, id: string): Promise<EventRow> {
  const [row] = await scope.db
    .select()
    .from(event)
    .where(and(visibleEvents(scope), eq(event.id, id)));
  if (!row) throw missingEvent();
  return row;
}

/** Whether the acting member hosts the event. */
export async function isHost(scope: TenantScope, eventId: string): Promise<boolean> {
  if (scope.actor.kind !== "member") return false;
  const [row] = await scope.db
    .select({ id: eventHost.id })
    .from(eventHost)
    .where(
      and(
        eq(eventHost.organizationId, scope.organizationId),
        eq(eventHost.eventId, eventId),
        eq(eventHost.memberId, scope.actor.memberId),
      ),
    );
  return row !== undefined;
}

/**
 * An event the caller may change (a host, or staff), locked for this transaction, in a live
 * events space; NOT_FOUND if they cannot see it, FORBIDDEN if they see it but may not.
 */
export async function readEventForWriting(scope: TenantScope, id: string): Promise<EventRow> {
  const [row] = await scope.db
    .select()
    .from(event)
    .where(and(visibleEvents(scope), eq(event.id, id)))
    .for("update");
  if (!row) throw missingEvent();
  if (!eventStaff(scope) && !(await isHost(scope, id)))
    throw new AppError("FORBIDDEN", "Only the event's hosts and moderators can change it");
  const room = await typedSpace(
    scope,
    row.spaceId,
    { ...eventsSpaceKind, writers: undefined },
    {
      forWriting: true,
    },
  );
  if (!room) throw missingEvent();
  return row;
}

// ---- validation of what a form sends ---------------------------------------------------------

interface EventTimes {
  startsAt: Date;
  endsAt: Date;
}

/** The instants of the form's wall times, checked again in real time (a DST change between). */
function timesOf(fields: Pick<EventFields, "startsAt" | "endsAt" | "timeZone">): EventTimes {
  const startsAt = fromLocalDateTime(fields.startsAt, fields.timeZone);
  const endsAt = fromLocalDateTime(fields.endsAt, fields.timeZone);
  if (endsAt <= startsAt)
    throw new AppError("BAD_REQUEST", "The end must be after the start", { field: "endsAt" });
  if (endsAt.getTime() - startsAt.getTime() > EVENT_DURATION_MAX_HOURS * 3_600_000)
    throw new AppError(
      "BAD_REQUEST",
      `An event lasts at most ${EVENT_DURATION_MAX_HOURS / 24} days`,
      { field: "endsAt" },
    );
  return { startsAt, endsAt };
}

/** The cover must be a ready event cover uploaded to this space. */
async function checkCover(scope: TenantScope, spaceId: string, coverFileId: string | null) {
  if (!coverFileId) return;
  const [row] = await scope.db
    .select({ id: file.id })
    .from(file)
    .where(
      and(
        eq(file.organizationId, scope.organizationId),
        eq(file.id, coverFileId),
        eq(file.purpose, "event_cover"),
        eq(file.status, "ready"),
        eq(file.spaceId, spaceId),
      ),
    );
  if (!row)
    throw new AppError("BAD_REQUEST", "Upload the cover image again", { field: "coverFileId" });
}

/** Hosts are members of the organization; the creator always hosts. */
async function hostsOf(scope: TenantScope, chosen: readonly string[], creator: string | null) {
  const ids = [...new Set([...(creator ? [creator] : []), ...chosen])];
  if (chosen.length > 0) {
    const found = await scope.db
      .select({ id: member.id })
      .from(member)
      .where(and(eq(member.organizationId, scope.organizationId), inArray(member.id, [...chosen])));
    if (found.length !== new Set(chosen).size)
      throw new AppError("BAD_REQUEST", "Choose hosts among the organization's members", {
        field: "hostMemberIds",
      });
  }
  return ids;
}

/** A live session's course and lesson: ones the caller sees, the lesson in that course. */
async function checkLearning(scope: TenantScope, fields: EventFields) {
  if (fields.courseId) {
    const [row] = await scope.db
      .select({ id: course.id })
      .from(course)
      .where(
        and(
          eq(course.organizationId, scope.organizationId),
          eq(course.id, fields.courseId),
          visibleSpace(course.spaceId),
        ),
      );
    if (!row) throw new AppError("BAD_REQUEST", "Choose a course", { field: "courseId" });
  }
  if (fields.lessonId) {
    const [row] = await scope.db
      .select({ id: lesson.id })
      .from(lesson)
      .where(
        and(
          eq(lesson.organizationId, scope.organizationId),
          eq(lesson.id, fields.lessonId),
          fields.courseId ? eq(lesson.courseId, fields.courseId) : undefined,
          visibleSpace(lesson.spaceId),
        ),
      );
    if (!row)
      throw new AppError("BAD_REQUEST", "Choose a lesson of the course", { field: "lessonId" });
  }
}

/** The template columns an event (or series) takes from the form. */
function templateOf(fields: EventFields) {
  return {
    title: fields.title,
    description: fields.description,
    timeZone: fields.timeZone,
    onlineUrl: fields.onlineUrl,
    place: fields.place,
    coverFileId: fields.coverFileId,
    capacity: fields.capacity,
    tags: fields.tags,
    courseId: fields.courseId,
    lessonId: fields.lessonId,
    sessionType: fields.sessionType,
    minLevel: fields.minLevel,
  };
}

async function checkFields(scope: TenantScope, spaceId: string, fields: EventFields) {
  await checkCover(scope, spaceId, fields.coverFileId);
  await checkLearning(scope, fields);
}

// ---- writing occurrences ---------------------------------------------------------------------

/** Reminders and the live-session closing follow the events' times (jobs keyed by event). */
async function scheduleJobs(
  scope: TenantScope,
  rows: ReadonlyArray<{ id: string; startsAt: Date; endsAt: Date; status: EventStatus }>,
) {
  await scheduleEventReminders(scope, rows);
  await scheduleSessionClose(scope, rows);
}

async function replaceHosts(
  scope: TenantScope,
  rows: ReadonlyArray<{ id: string; spaceId: string }>,
  hostIds: readonly string[],
) {
  if (rows.length === 0) return;
  await scope.db.delete(eventHost).where(
    and(
      eq(eventHost.organizationId, scope.organizationId),
      inArray(
        eventHost.eventId,
        rows.map((row) => row.id),
      ),
    ),
  );
  const values = rows.flatMap((row) =>
    hostIds.map((memberId) => ({
      organizationId: scope.organizationId,
      spaceId: row.spaceId,
      eventId: row.id,
      memberId,
    })),
  );
  if (values.length > 0) await scope.db.insert(eventHost).values(values);
}

const announce = (scope: TenantScope, spaceId: string) =>
  publish(scope, { kind: "event.changed", target: { type: "space", id: spaceId } });

type SeriesRow = typeof eventSeries.$inferSelect;

/**
 * Writes a series' occurrences after `after` up to the horizon (at most
 * EVENT_SERIES_OCCURRENCES_MAX rows ahead of now), skipping local dates already taken, and moves
 * generated_until. Returns the rows written.
 */
async function materialize(
  scope: TenantScope,
  series: SeriesRow,
  after: Date,
  takenDates: ReadonlySet<string>,
  hostIds: readonly string[],
) {
  const now = scope.now();
  const [ahead] = await scope.db
    .select({ count: sql<number>`count(*)::int` })
    .from(event)
    .where(and(inOrganization(scope), eq(event.seriesId, series.id), gt(event.startsAt, now)));
  const room = EVENT_SERIES_OCCURRENCES_MAX - (ahead?.count ?? 0);
  const until = seriesHorizon(series, now);
  const starts = expandSeries({
    rrule: series.rrule,
    startsAt: series.startsAt,
    timeZone: series.timeZone,
    after,
    until,
    limit: room + takenDates.size,
  })
    .filter((start) => !takenDates.has(toLocalDate(start, series.timeZone)))
    .slice(0, Math.max(room, 0));
  const reachedHorizon = starts.length < room;
  const generatedUntil = reachedHorizon ? until : (starts.at(-1) ?? after);
  await scope.db
    .update(eventSeries)
    .set({ generatedUntil })
    .where(
      and(eq(eventSeries.organizationId, scope.organizationId), eq(eventSeries.id, series.id)),
    );
  if (starts.length === 0) return [];
  const duration = series.durationMinutes * 60_000;
  const rows = await scope.db
    .insert(event)
    .values(
      starts.map((start) => ({
        organizationId: scope.organizationId,
        spaceId: series.spaceId,
        seriesId: series.id,
        originalStart: start,
        startsAt: start,
        endsAt: new Date(start.getTime() + duration),
        title: series.title,
        description: series.description,
        timeZone: series.timeZone,
        onlineUrl: series.onlineUrl,
        place: series.place,
        coverFileId: series.coverFileId,
        capacity: series.capacity,
        tags: series.tags,
        courseId: series.courseId,
        lessonId: series.lessonId,
        sessionType: series.sessionType,
        minLevel: series.minLevel,
        createdByMemberId: series.createdByMemberId,
      })),
    )
    .onConflictDoNothing()
    .returning();
  await replaceHosts(scope, rows, hostIds);
  await scheduleJobs(scope, rows);
  return rows;
}

/** A series planned far ahead gets its first year of occurrences all the same. */
const seriesHorizon = (series: SeriesRow, now: Date) =>
  horizonFrom(new Date(Math.max(series.startsAt.getTime(), now.getTime())));

/** The hosts of an event (the template for a series' next occurrences). */
async function hostIdsOf(scope: TenantScope, eventId: string) {
  const rows = await scope.db
    .select({ memberId: eventHost.memberId })
    .from(eventHost)
    .where(and(eq(eventHost.organizationId, scope.organizationId), eq(eventHost.eventId, eventId)));
  return rows.map((row) => row.memberId);
}

/**
 * Writes the next occurrences of series whose rows end within the horizon (the daily horizon
 * job, as the system; and a series edit). The hosts of its latest occurrence host the new ones.
 */
export async function extendSeries(scope: TenantScope, seriesIds?: readonly string[]) {
  const horizon = horizonFrom(scope.now());
  const due = await scope.db
    .select()
    .from(eventSeries)
    .where(
      and(
        eq(eventSeries.organizationId, scope.organizationId),
        isNull(eventSeries.cancelledAt),
        lt(eventSeries.generatedUntil, horizon),
        seriesIds ? inArray(eventSeries.id, [...seriesIds]) : undefined,
      ),
    )
    .for("update");
  let written = 0;
  for (const series of due) {
    const [latest] = await scope.db
      .select({ id: event.id, startsAt: event.startsAt })
      .from(event)
      .where(and(inOrganization(scope), eq(event.seriesId, series.id)))
      .orderBy(desc(event.startsAt))
      .limit(1);
    const hostIds = latest
      ? await hostIdsOf(scope, latest.id)
      : series.createdByMemberId
        ? [series.createdByMemberId]
        : [];
    const after = new Date(
      Math.max(series.generatedUntil.getTime(), latest?.startsAt.getTime() ?? 0),
    );
    const rows = await materialize(scope, series, after, new Set(), hostIds);
    written += rows.length;
    if (rows[0]) await announce(scope, series.spaceId);
  }
  return written;
}

// ---- create, update, cancel, remove ----------------------------------------------------------

// Each is recorded in the audit log (services/activity.ts), in the transaction of the change: an
// event's title travels in the entry, since the event itself may be gone when it is read. The
// fields an edit records (the description and tags are left out: long, or lists).
const auditedFields = [
  "title",
  "startsAt",
  "endsAt",
  "timeZone",
  "place",
  "onlineUrl",
  "capacity",
] as const;

const eventTarget = (id: string) => ({ type: "event", id });
const titled = (title: string) => ({ title: { from: null, to: title } });

export async function createEvent(scope: TenantScope, input: z.output<typeof createEventInput>) {
  const room = await typedSpace(scope, input.spaceId, eventsSpaceKind, { forWriting: true });
  const creator = scope.actor.kind === "member" ? scope.actor.memberId : null;
  const times = timesOf(input);
  await checkFields(scope, room.id, input);
  const hostIds = await hostsOf(scope, input.hostMemberIds, creator);
  const template = templateOf(input);
  if (!input.recurrence) {
    const [row] = await scope.db
      .insert(event)
      .values({
        organizationId: scope.organizationId,
        spaceId: room.id,
        ...template,
        ...times,
        createdByMemberId: creator,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await replaceHosts(scope, [row], hostIds);
    await scheduleJobs(scope, [row]);
    await recordActivity(scope, {
      action: "event.created",
      target: eventTarget(row.id),
      changes: titled(row.title),
    });
    await announce(scope, room.id);
    return { id: row.id, seriesId: null, occurrences: 1 };
  }
  const [series] = await scope.db
    .insert(eventSeries)
    .values({
      organizationId: scope.organizationId,
      spaceId: room.id,
      ...template,
      frequency: input.recurrence.frequency,
      rrule: buildRrule(input.recurrence, input.startsAt, input.timeZone),
      startsAt: times.startsAt,
      durationMinutes: Math.round((times.endsAt.getTime() - times.startsAt.getTime()) / 60_000),
      generatedUntil: times.startsAt,
      createdByMemberId: creator,
    })
    .returning();
  if (!series) throw new Error("insert returned no row");
  const rows = await materialize(
    scope,
    series,
    new Date(times.startsAt.getTime() - 1),
    new Set(),
    hostIds,
  );
  const first = rows[0];
  if (!first)
    throw new AppError("BAD_REQUEST", "This recurrence has no occurrence ahead", {
      field: "recurrence",
    });
  await recordActivity(scope, {
    action: "event.created",
    target: eventTarget(first.id),
    changes: { ...titled(series.title), recurrence: { from: null, to: series.frequency } },
  });
  await announce(scope, room.id);
  return { id: first.id, seriesId: series.id, occurrences: rows.length };
}

/** People who answered going, maybe or waitlisted: told when the event is cancelled. */
async function guestsOf(scope: TenantScope, eventId: string) {
  const rows = await scope.db
    .select({ memberId: eventRsvp.memberId })
    .from(eventRsvp)
    .where(
      and(
        eq(eventRsvp.organizationId, scope.organizationId),
        eq(eventRsvp.eventId, eventId),
        inArray(eventRsvp.status, ["going", "maybe", "waitlisted"]),
      ),
    );
  return rows.map((row) => row.memberId);
}

async function cancelRows(scope: TenantScope, rows: readonly EventRow[]) {
  if (rows.length === 0) return;
  const now = scope.now();
  await scope.db
    .update(event)
    .set({ status: "cancelled", cancelledAt: now, detached: sql`${event.seriesId} is not null` })
    .where(
      and(
        inOrganization(scope),
        inArray(
          event.id,
          rows.map((row) => row.id),
        ),
      ),
    );
  await recordActivities(
    scope,
    rows.map((row) => ({
      action: "event.cancelled",
      target: eventTarget(row.id),
      changes: titled(row.title),
    })),
  );
  for (const row of rows)
    await notify(scope, {
      kind: "event.cancelled",
      target: { type: "event", id: row.id },
      recipients: await guestsOf(scope, row.id),
    });
}

function capacityRule(capacity: number | null, going: number) {
  if (capacity !== null && capacity < going)
    throw new AppError(
      "BAD_REQUEST",
      `${going} ${going === 1 ? "person is" : "people are"} going: the capacity cannot be below that`,
      { field: "capacity" },
    );
}

export async function updateEvent(scope: TenantScope, input: z.output<typeof updateEventInput>) {
  const row = await readEventForWriting(scope, input.id);
  if (row.status === "cancelled")
    throw new AppError("CONFLICT", "This event is cancelled: it can no longer be changed");
  const times = timesOf(input);
  await checkFields(scope, row.spaceId, input);
  // Recorded first, for both scopes: a refused edit rolls the entry back with everything else.
  await recordActivity(scope, {
    action: "event.updated",
    target: eventTarget(row.id),
    changes: {
      ...changesBetween(row, { ...row, ...templateOf(input), ...times }, auditedFields),
      ...(input.scope === "series" ? { scope: { from: null, to: "series" } } : {}),
      // The title stays named even when unchanged, for the log's reader.
      ...(row.title === input.title ? { title: { from: row.title, to: row.title } } : {}),
    },
  });
  if (input.scope === "series") {
    if (!row.seriesId || !input.recurrence)
      throw new AppError("BAD_REQUEST", "This event does not repeat", { field: "scope" });
    return updateSeries(scope, row, row.seriesId, input, input.recurrence, times);
  }
  capacityRule(input.capacity, row.goingCount);
  const hostIds = await hostsOf(scope, input.hostMemberIds, null);
  const [updated] = await scope.db
    .update(event)
    .set({ ...templateOf(input), ...times, detached: row.seriesId !== null })
    .where(and(inOrganization(scope), eq(event.id, row.id)))
    .returning();
  if (!updated) throw missingEvent();
  // A raised (or lifted) capacity gives its new seats to the waitlist, in arrival order.
  if (updated.capacity !== row.capacity) await promoteWaitlist(scope, updated.id);
  // Whoever edits keeps hosting what they host; the chosen hosts replace the others.
  const keep = (await isHost(scope, row.id)) ? [actingMember(scope).memberId] : [];
  await replaceHosts(scope, [updated], [...new Set([...keep, ...hostIds])]);
  if (
    updated.startsAt.getTime() !== row.startsAt.getTime() ||
    updated.endsAt.getTime() !== row.endsAt.getTime()
  )
    await scheduleJobs(scope, [updated]);
  await announce(scope, row.spaceId);
  return { id: updated.id, seriesId: updated.seriesId, occurrences: 1 };
}

/**
 * A series edit: the form holds the series' first start and its rule. Occurrences that have not
 * started and were not edited on their own are rewritten: one on the same local date as a new
 * occurrence becomes it (keeping its RSVPs; its reminders move if its time does), one on a date
 * the rule no longer gives is deleted, or cancelled (and its guests told) if anyone answered it,
 * and new dates get new rows.
 */
async function updateSeries(
  scope: TenantScope,
  row: EventRow,
  seriesId: string,
  fields: EventFields,
  recurrence: RecurrenceInput,
  times: EventTimes,
) {
  const [current] = await scope.db
    .select()
    .from(eventSeries)
    .where(and(eq(eventSeries.organizationId, scope.organizationId), eq(eventSeries.id, seriesId)))
    .for("update");
  if (!current) throw missingEvent();
  const now = scope.now();
  const hostIds = await hostsOf(scope, fields.hostMemberIds, null);
  const keep = (await isHost(scope, row.id)) ? [actingMember(scope).memberId] : [];
  const hosts = [...new Set([...keep, ...hostIds])];
  const durationMinutes = Math.round((times.endsAt.getTime() - times.startsAt.getTime()) / 60_000);
  const [series] = await scope.db
    .update(eventSeries)
    .set({
      ...templateOf(fields),
      frequency: recurrence.frequency,
      rrule: buildRrule(recurrence, fields.startsAt, fields.timeZone),
      startsAt: times.startsAt,
      durationMinutes,
    })
    .where(and(eq(eventSeries.organizationId, scope.organizationId), eq(eventSeries.id, seriesId)))
    .returning();
  if (!series) throw missingEvent();
  const upcoming = await scope.db
    .select()
    .from(event)
    .where(and(inOrganization(scope), eq(event.seriesId, seriesId), gt(event.startsAt, now)))
    .orderBy(asc(event.startsAt))
    .for("update");
  const detachedDates = new Set(
    upcoming.filter((o) => o.detached).map((o) => toLocalDate(o.startsAt, series.timeZone)),
  );
  const rewritable = upcoming.filter((o) => !o.detached);
  const starts = expandSeries({
    rrule: series.rrule,
    startsAt: series.startsAt,
    timeZone: series.timeZone,
    after: now,
    until: seriesHorizon(series, now),
    limit: EVENT_SERIES_OCCURRENCES_MAX,
  }).filter((start) => !detachedDates.has(toLocalDate(start, series.timeZone)));
  const byDate = new Map(starts.map((start) => [toLocalDate(start, series.timeZone), start]));
  const paired = rewritable.filter((o) => byDate.has(toLocalDate(o.startsAt, series.timeZone)));
  const dropped = rewritable.filter((o) => !byDate.has(toLocalDate(o.startsAt, series.timeZone)));
  capacityRule(fields.capacity, Math.max(0, ...paired.map((o) => o.goingCount)));
  const moved: EventRow[] = [];
  for (const occurrence of paired) {
    const start = byDate.get(toLocalDate(occurrence.startsAt, series.timeZone));
    if (!start) continue;
    byDate.delete(toLocalDate(occurrence.startsAt, series.timeZone));
    const [updated] = await scope.db
      .update(event)
      .set({
        ...templateOf(fields),
        startsAt: start,
        endsAt: new Date(start.getTime() + durationMinutes * 60_000),
      })
      .where(and(inOrganization(scope), eq(event.id, occurrence.id)))
      .returning();
    if (updated && updated.capacity !== occurrence.capacity)
      await promoteWaitlist(scope, updated.id);
    if (updated && updated.startsAt.getTime() !== occurrence.startsAt.getTime())
      moved.push(updated);
    else if (updated && updated.endsAt.getTime() !== occurrence.endsAt.getTime())
      moved.push(updated);
  }
  await replaceHosts(scope, paired, hosts);
  await scheduleJobs(scope, moved);
  const answered = new Set(
    dropped.length === 0
      ? []
      : (
          await scope.db
            .selectDistinct({ eventId: eventRsvp.eventId })
            .from(eventRsvp)
            .where(
              and(
                eq(eventRsvp.organizationId, scope.organizationId),
                inArray(
                  eventRsvp.eventId,
                  dropped.map((o) => o.id),
                ),
              ),
            )
        ).map((r) => r.eventId),
  );
  await cancelRows(
    scope,
    dropped.filter((o) => answered.has(o.id)),
  );
  const unanswered = dropped.filter((o) => !answered.has(o.id)).map((o) => o.id);
  if (unanswered.length > 0)
    await scope.db.delete(event).where(and(inOrganization(scope), inArray(event.id, unanswered)));
  // New dates: the rows the rule now gives that no occurrence stands on.
  const taken = new Set(
    [...paired, ...upcoming.filter((o) => o.detached)].map((o) =>
      toLocalDate(o.startsAt, series.timeZone),
    ),
  );
  for (const o of dropped.filter((d) => answered.has(d.id)))
    taken.add(toLocalDate(o.startsAt, series.timeZone));
  // A date the old rule gave and that has no row was deleted on its own (event.remove): the edit
  // does not bring it back.
  const standing = new Set(upcoming.map((o) => toLocalDate(o.startsAt, current.timeZone)));
  for (const start of expandSeries({
    rrule: current.rrule,
    startsAt: current.startsAt,
    timeZone: current.timeZone,
    after: now,
    until: current.generatedUntil,
    limit: EVENT_SERIES_OCCURRENCES_MAX,
  })) {
    const date = toLocalDate(start, current.timeZone);
    if (!standing.has(date)) taken.add(date);
  }
  const written = await materialize(scope, series, now, taken, hosts);
  await announce(scope, series.spaceId);
  const first = paired[0] ?? written[0];
  return {
    id: first?.id ?? row.id,
    seriesId,
    occurrences: paired.length + written.length,
  };
}

export async function cancelEvent(scope: TenantScope, input: z.output<typeof cancelEventInput>) {
  const row = await readEventForWriting(scope, input.id);
  if (input.scope === "occurrence" || !row.seriesId) {
    if (row.status === "cancelled") return { cancelled: 0 };
    await cancelRows(scope, [row]);
    await announce(scope, row.spaceId);
    return { cancelled: 1 };
  }
  // The series from this occurrence on: no new occurrences either.
  await scope.db
    .update(eventSeries)
    .set({ cancelledAt: scope.now() })
    .where(
      and(eq(eventSeries.organizationId, scope.organizationId), eq(eventSeries.id, row.seriesId)),
    );
  const rows = await scope.db
    .select()
    .from(event)
    .where(
      and(
        inOrganization(scope),
        eq(event.seriesId, row.seriesId),
        gte(event.startsAt, row.startsAt),
        ne(event.status, "cancelled"),
      ),
    )
    .for("update");
  await cancelRows(scope, rows);
  await announce(scope, row.spaceId);
  return { cancelled: rows.length };
}

export async function removeEvent(scope: TenantScope, input: z.output<typeof removeEventInput>) {
  const row = await readEventForWriting(scope, input.id);
  if (input.scope === "series" && row.seriesId) {
    // Deleting the series deletes every occurrence, past ones too (cascade).
    await scope.db
      .delete(eventSeries)
      .where(
        and(eq(eventSeries.organizationId, scope.organizationId), eq(eventSeries.id, row.seriesId)),
      );
  } else {
    await scope.db.delete(event).where(and(inOrganization(scope), eq(event.id, row.id)));
  }
  await recordActivity(scope, {
    action: "event.deleted",
    target: eventTarget(row.id),
    changes: {
      ...titled(row.title),
      ...(input.scope === "series" && row.seriesId ? { scope: { from: null, to: "series" } } : {}),
    },
  });
  await announce(scope, row.spaceId);
  return { id: row.id };
}

/** event.startCoverUpload: a pending cover image in an events space the caller may write. */
export async function startEventCoverUpload(
  scope: TenantScope,
  storage: Storage,
  input: z.output<typeof eventCoverUploadInput>,
) {
  const room = await typedSpace(scope, input.spaceId, eventsSpaceKind, { forWriting: true });
  const started = await startUpload(
    scope,
    storage,
    { purpose: "event_cover", spaceId: room.id },
    input,
  );
  return { ...started, path: publicFilePath(scope.organizationId, started.file.id) };
}

// ---- reading ---------------------------------------------------------------------------------

const summaryColumns = {
  id: event.id,
  spaceId: event.spaceId,
  spaceSlug: space.slug,
  spaceName: space.name,
  seriesId: event.seriesId,
  title: event.title,
  startsAt: event.startsAt,
  endsAt: event.endsAt,
  timeZone: event.timeZone,
  place: event.place,
  onlineUrl: event.onlineUrl,
  coverFileId: event.coverFileId,
  capacity: event.capacity,
  goingCount: event.goingCount,
  status: event.status,
  tags: event.tags,
  sessionType: event.sessionType,
  courseId: event.courseId,
};

const withSpace = () =>
  and(eq(space.organizationId, event.organizationId), eq(space.id, event.spaceId));

const summaryQuery = (scope: TenantScope) =>
  scope.db.select(summaryColumns).from(event).innerJoin(space, withSpace());
type SummaryRow = Awaited<ReturnType<typeof summaryQuery>>[number];

/** An event as lists and calendars show it. The online link itself is never in a list. */
function summarize(scope: TenantScope, row: SummaryRow, now: Date) {
  const { onlineUrl, coverFileId, ...rest } = row;
  return {
    ...rest,
    status: shownStatus(row, now),
    hasOnlineLink: onlineUrl !== null,
    coverUrl: coverFileId ? publicFilePath(scope.organizationId, coverFileId) : null,
    seatsLeft: row.capacity === null ? null : Math.max(0, row.capacity - row.goingCount),
  };
}
export type EventSummary = ReturnType<typeof summarize>;

/** Not in an archived space (staff still open archived spaces, but calendars leave them out). */
const liveSpace = () => isNull(space.archivedAt);

/**
 * Upcoming: not ended. Read on the starts_at index from `now - EVENT_DURATION_MAX_HOURS` (no
 * event lasts longer), so a running event is found without an ends_at index.
 */
const upcomingFrom = (now: Date): SQL | undefined =>
  and(
    gt(event.startsAt, new Date(now.getTime() - EVENT_DURATION_MAX_HOURS * 3_600_000)),
    gt(event.endsAt, now),
  );

const afterCursor = (cursor: { startsAt: Date; id: string } | null | undefined, past: boolean) =>
  cursor
    ? past
      ? or(
          lt(event.startsAt, cursor.startsAt),
          and(eq(event.startsAt, cursor.startsAt), lt(event.id, cursor.id)),
        )
      : or(
          gt(event.startsAt, cursor.startsAt),
          and(eq(event.startsAt, cursor.startsAt), gt(event.id, cursor.id)),
        )
    : undefined;

const hasTag = (tag: string | null) => (tag ? sql`${tag}::text = any(${event.tags})` : undefined);

function page(scope: TenantScope, rows: SummaryRow[], limit: number, now: Date) {
  const items = rows.slice(0, limit).map((row) => summarize(scope, row, now));
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? { startsAt: last.startsAt, id: last.id } : null,
  };
}

/** event.list: a space's upcoming events, soonest first (or its past ones, latest first). */
export async function listSpaceEvents(
  scope: TenantScope,
  input: z.output<typeof spaceEventsInput>,
) {
  const room = await typedSpace(scope, input.spaceId, eventsSpaceKind, { forWriting: false });
  const now = scope.now();
  const past = input.when === "past";
  const rows = await summaryQuery(scope)
    .where(
      and(
        visibleEvents(scope),
        eq(event.spaceId, room.id),
        past ? lte(event.endsAt, now) : upcomingFrom(now),
        hasTag(input.tag),
        afterCursor(input.cursor, past),
      ),
    )
    .orderBy(
      ...(past ? [desc(event.startsAt), desc(event.id)] : [asc(event.startsAt), asc(event.id)]),
    )
    .limit(input.limit + 1);
  return page(scope, rows, input.limit, now);
}

/**
 * event.tags: the distinct tags of a space's upcoming (or past) events the caller sees, in
 * alphabetical order, so its tag filter offers every tag, not only those of the loaded page.
 */
export async function spaceEventTags(
  scope: TenantScope,
  input: z.output<typeof spaceEventTagsInput>,
): Promise<string[]> {
  const room = await typedSpace(scope, input.spaceId, eventsSpaceKind, { forWriting: false });
  const now = scope.now();
  const tag = sql<string>`unnest(${event.tags})`;
  const rows = await scope.db
    .selectDistinct({ tag })
    .from(event)
    .where(
      and(
        visibleEvents(scope),
        eq(event.spaceId, room.id),
        input.when === "past" ? lte(event.endsAt, now) : upcomingFrom(now),
        sql`cardinality(${event.tags}) > 0`,
      ),
    )
    .orderBy(tag)
    .limit(EVENT_SPACE_TAGS_MAX);
  return rows.map((row) => row.tag);
}

/** event.upcoming: the organization's upcoming events in every space the caller sees. */
/** The upcoming list's statement (event.upcoming; its plan test runs it as a member). */
export function organizationEventsQuery(
  scope: TenantScope,
  input: z.output<typeof organizationEventsInput>,
) {
  return summaryQuery(scope)
    .where(
      and(
        visibleEvents(scope),
        liveSpace(),
        upcomingFrom(scope.now()),
        hasTag(input.tag),
        afterCursor(input.cursor, false),
      ),
    )
    .orderBy(asc(event.startsAt), asc(event.id))
    .limit(input.limit + 1);
}

export async function listOrganizationEvents(
  scope: TenantScope,
  input: z.output<typeof organizationEventsInput>,
) {
  const rows = await organizationEventsQuery(scope, input);
  return page(scope, rows, input.limit, scope.now());
}

/** The most a calendar range returns (a busy month); more says `truncated`. */
const CALENDAR_EVENTS_MAX = 1000;

/**
 * event.calendar: events overlapping [from, to) (month, week and list views), every space the
 * caller sees or one of them. The web lays them out in the member's time zone.
 */
/** The calendar's statement (event.calendar; its plan test runs it as a member). */
export function calendarQuery(scope: TenantScope, input: z.output<typeof calendarRangeInput>) {
  return summaryQuery(scope)
    .where(
      and(
        visibleEvents(scope),
        input.spaceId ? eq(event.spaceId, input.spaceId) : liveSpace(),
        gt(event.startsAt, new Date(input.from.getTime() - EVENT_DURATION_MAX_HOURS * 3_600_000)),
        lt(event.startsAt, input.to),
        gt(event.endsAt, input.from),
      ),
    )
    .orderBy(asc(event.startsAt), asc(event.id))
    .limit(CALENDAR_EVENTS_MAX + 1);
}

export async function calendarEvents(
  scope: TenantScope,
  input: z.output<typeof calendarRangeInput>,
) {
  if (input.spaceId) await typedSpace(scope, input.spaceId, eventsSpaceKind, { forWriting: false });
  const rows = await calendarQuery(scope, input);
  return {
    items: rows.slice(0, CALENDAR_EVENTS_MAX).map((row) => summarize(scope, row, scope.now())),
    truncated: rows.length > CALENDAR_EVENTS_MAX,
  };
}

/** event.liveNow: events running now (not cancelled) in the spaces the caller sees. */
export async function liveEvents(scope: TenantScope, spaceId: string | null) {
  const now = scope.now();
  const rows = await summaryQuery(scope)
    .where(
      and(
        visibleEvents(scope),
        spaceId ? eq(event.spaceId, spaceId) : liveSpace(),
        upcomingFrom(now),
        lte(event.startsAt, now),
        inArray(event.status, ["scheduled", "live"]),
      ),
    )
    .orderBy(asc(event.startsAt), asc(event.id))
    .limit(20);
  return rows.map((row) => summarize(scope, row, now));
}

export interface EventDetail extends EventSummary {
  description: string;
  /** The online link if this viewer may see it now (event-rsvp.ts: visibleOnlineUrl). */
  onlineUrl: string | null;
  originalStart: Date | null;
  detached: boolean;
  lessonId: string | null;
  minLevel: number | null;
  recordingUrl: string | null;
  coverFileId: string | null;
  createdByMemberId: string | null;
  hosts: PersonView[];
  /** The form's values: wall times in the event's zone. */
  local: { startsAt: string; endsAt: string };
  series: {
    id: string;
    startsAt: Date;
    local: { startsAt: string; endsAt: string };
    recurrence: ReturnType<typeof describeRrule>;
    cancelled: boolean;
  } | null;
  viewer: { isHost: boolean; canEdit: boolean };
}

/**
 * event.get: an event with its hosts and what the viewer may do. The online link only as
 * event-rsvp.ts's rule lets this viewer see it (hosts; going, from shortly before the start).
 */
export async function getEvent(
  scope: TenantScope,
  input: z.output<typeof eventIdInput>,
): Promise<EventDetail> {
  const [row] = await scope.db
    .select({
      ...summaryColumns,
      description: event.description,
      originalStart: event.originalStart,
      detached: event.detached,
      lessonId: event.lessonId,
      minLevel: event.minLevel,
      recordingUrl: event.recordingUrl,
      createdByMemberId: event.createdByMemberId,
    })
    .from(event)
    .innerJoin(space, withSpace())
    .where(and(visibleEvents(scope), eq(event.id, input.id)));
  if (!row) throw missingEvent();
  const hostIds = await hostIdsOf(scope, row.id);
  const people = await peopleById(scope, hostIds);
  const host = scope.actor.kind === "member" && hostIds.includes(scope.actor.memberId);
  let series: EventDetail["series"] = null;
  if (row.seriesId) {
    const [s] = await scope.db
      .select()
      .from(eventSeries)
      .where(
        and(eq(eventSeries.organizationId, scope.organizationId), eq(eventSeries.id, row.seriesId)),
      );
    if (s)
      series = {
        id: s.id,
        startsAt: s.startsAt,
        local: {
          startsAt: toLocalDateTime(s.startsAt, s.timeZone),
          endsAt: toLocalDateTime(
            new Date(s.startsAt.getTime() + s.durationMinutes * 60_000),
            s.timeZone,
          ),
        },
        recurrence: describeRrule(s.rrule, s.timeZone),
        cancelled: s.cancelledAt !== null,
      };
  }
  const {
    description,
    originalStart,
    detached,
    lessonId,
    minLevel,
    recordingUrl,
    createdByMemberId,
  } = row;
  return {
    ...summarize(scope, row, scope.now()),
    description,
    onlineUrl: await onlineUrlFor(scope, row, host),
    originalStart,
    detached,
    lessonId,
    minLevel,
    recordingUrl,
    coverFileId: row.coverFileId,
    createdByMemberId,
    hosts: hostIds.flatMap((id) => {
      const person = people.get(id);
      return person ? [person] : [];
    }),
    local: {
      startsAt: toLocalDateTime(row.startsAt, row.timeZone),
      endsAt: toLocalDateTime(row.endsAt, row.timeZone),
    },
    series,
    viewer: { isHost: host, canEdit: host || eventStaff(scope) },
  };
}
