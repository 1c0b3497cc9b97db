// Live sessions (issue 13 §2, seed 004's live_sessions and session_participants): an event of an
// events space linked to a course or a lesson, with a session type, an optional minimum level to
// join, a recording added after it ends, attendance and feedback. The event row and the RSVP row
// carry it all (schema/event.ts); this file is what members and hosts do with those columns.
//
// - Who sees the event sees its session (visibleSpace, and row-level security under it); what
//   they do not see of it (a draft course, a lesson of a private space) is left out, never named.
// - Hosts: the event's hosts and its creator, and moderators and up (who run every space). They
//   link it, set the recording and read the statistics; other members are refused FORBIDDEN
//   (they see the event, so its existence is no secret).
// - Attendance: join records the first joined_at (and the attendance), only for a member going,
//   from JOIN_OPENS_BEFORE_MS before the start until the end, and answers the online link; leave
//   records left_at. At the end a job (live-session.close, keyed per event, moved with the
//   event) marks who was going and never joined as missed.
// - The minimum level is a lock like learning's (course-learning.ts): enforced here on join,
//   worded "Reach level 3 to join this session", hosts never locked.
// - Joining awards the session's XP through learning's ledger (kind session_attended, the event
//   as its source): once per member and session however often they join, and sessions attended
//   count toward achievements (criterion sessions_attended, counted from those awards).
// - Feedback, 1–5 with a comment: once (a conditional update only a row without feedback
//   matches), only from attendees, only once the session has ended.
import {
  and,
  asc,
  course,
  eq,
  event,
  eventHost,
  eventRsvp,
  inArray,
  isNotNull,
  isNull,
  lesson,
  or,
  scheduleSessionClose,
  space,
  sql,
  type TenantScope,
  visibleSpace,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import {
  type configureLiveSessionInput,
  type eventIdInput,
  type feedbackInput,
  JOIN_OPENS_BEFORE_MS,
  SESSION_XP,
  type setRecordingInput,
} from "../schemas/live-session.ts";
import { levelForXp } from "../schemas/xp-level.ts";
import { recordActivity } from "./activity.ts";
import { actsAs } from "./actor.ts";
import { authors } from "./course.ts";
import { actingMember } from "./member.ts";
import { notify } from "./notification.ts";
import { peopleById } from "./people.ts";
import { awardXp, xpTotalOf } from "./xp.ts";

const missingEvent = () => notFound("Event");

const eventColumns = {
  id: event.id,
  spaceId: event.spaceId,
  seriesId: event.seriesId,
  title: event.title,
  startsAt: event.startsAt,
  endsAt: event.endsAt,
  status: event.status,
  onlineUrl: event.onlineUrl,
  courseId: event.courseId,
  lessonId: event.lessonId,
  sessionType: event.sessionType,
  minLevel: event.minLevel,
  recordingUrl: event.recordingUrl,
  createdByMemberId: event.createdByMemberId,
};
/** An event the caller sees (its space is visible to them), or NOT_FOUND. */
async function readEvent(scope: TenantScope, eventId: string, lock = false) {
  const query = scope.db
    .select(eventColumns)
    .from(event)
    .where(
      and(
        eq(event.organizationId, scope.organizationId),
        eq(event.id, eventId),
        visibleSpace(event.spaceId),
      ),
    );
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw missingEvent();
  return row;
}
type SessionEvent = Awaited<ReturnType<typeof readEvent>>;

/** Attendance or feedback changed: the event's RSVP event (its hosts' statistics read again). */
const attendanceChanged = (scope: TenantScope, eventId: string) =>
  publish(scope, { kind: "event.rsvp", target: { type: "event", id: eventId } });

/** A member's RSVP row of an event. */
const rsvpOf = (scope: TenantScope, eventId: string, memberId: string) =>
  and(
    eq(eventRsvp.organizationId, scope.organizationId),
    eq(eventRsvp.eventId, eventId),
    eq(eventRsvp.memberId, memberId),
  );

/** Hosts of the event (its host rows, its creator) and staff: who run the session. */
async function hostsSession(scope: TenantScope, row: SessionEvent): Promise<boolean> {
  if (actsAs(scope, "moderator")) return true;
  if (scope.actor.kind !== "member") return false;
  const memberId = scope.actor.memberId;
  if (row.createdByMemberId === memberId) return true;
  const [host] = await scope.db
    .select({ id: eventHost.id })
    .from(eventHost)
    .where(
      and(
        eq(eventHost.organizationId, scope.organizationId),
        eq(eventHost.eventId, row.id),
        eq(eventHost.memberId, memberId),
      ),
    );
  return host !== undefined;
}

async function requireHost(scope: TenantScope, row: SessionEvent, refusal: string) {
  if (!(await hostsSession(scope, row))) throw new AppError("FORBIDDEN", refusal);
}

const hasEnded = (row: SessionEvent, now: Date) =>
  row.status === "ended" || row.endsAt.getTime() <= now.getTime();

/** Where the session stands for joining: before its doors open, open, over, or cancelled. */
export type SessionPhase = "upcoming" | "open" | "ended" | "cancelled";

function phaseOf(row: SessionEvent, now: Date): SessionPhase {
  if (row.status === "cancelled") return "cancelled";
  if (hasEnded(row, now)) return "ended";
  if (now.getTime() >= row.startsAt.getTime() - JOIN_OPENS_BEFORE_MS) return "open";
  return "upcoming";
}

/** A live session's lock for a member below its level (null: they may join). */
export interface SessionLock {
  kind: "level";
  level: number;
  message: string;
}

/**
 * Why the caller may not join for their level (null: they may). Hosts and the system are never
 * locked. B's RSVP and C's page can show the same words.
 */
export async function sessionLockOf(
  scope: TenantScope,
  row: { minLevel: number | null },
  host: boolean,
): Promise<SessionLock | null> {
  if (row.minLevel === null || host || scope.actor.kind !== "member") return null;
  const level = levelForXp((await xpTotalOf(scope, scope.actor.memberId)).xp);
  if (level >= row.minLevel) return null;
  return {
    kind: "level",
    level: row.minLevel,
    message: `Reach level ${row.minLevel} to join this session`,
  };
}

/**
 * The closing job's work: marks missed the RSVPs still going that never joined, once the event
 * has ended (by the clock; a cancelled event marks nobody). Answers how many it marked.
 */
export async function closeSession(
  scope: TenantScope,
  { eventId }: { eventId: string },
): Promise<number> {
  const now = scope.now();
  const marked = await scope.db
    .update(eventRsvp)
    .set({ attendance: "missed" })
    .where(
      and(
        eq(eventRsvp.organizationId, scope.organizationId),
        eq(eventRsvp.eventId, eventId),
        eq(eventRsvp.status, "going"),
        isNull(eventRsvp.joinedAt),
        isNull(eventRsvp.attendance),
        sql`exists (select 1 from ${event}
          where ${event.organizationId} = ${scope.organizationId} and ${event.id} = ${eventId}
            and ${event.status} <> 'cancelled'
            and (${event.status} = 'ended' or ${event.endsAt} <= ${now.toISOString()}::timestamptz))`,
      ),
    )
    .returning({ id: eventRsvp.id });
  return marked.length;
}

/** The course the caller sees (published unless they author), with its space's address. */
async function visibleCourse(scope: TenantScope, courseId: string) {
  const [row] = await scope.db
    .select({ id: course.id, title: course.title, status: course.status, spaceSlug: space.slug })
    .from(course)
    .innerJoin(
      space,
      and(eq(space.organizationId, course.organizationId), eq(space.id, course.spaceId)),
    )
    .where(
      and(
        eq(course.organizationId, scope.organizationId),
        eq(course.id, courseId),
        visibleSpace(course.spaceId),
      ),
    );
  if (!row || (row.status !== "published" && !authors(scope))) return null;
  return { id: row.id, title: row.title, spaceSlug: row.spaceSlug };
}

/** The lesson the caller sees (published in a course they see, unless they author). */
async function visibleLesson(scope: TenantScope, lessonId: string) {
  const [row] = await scope.db
    .select({
      id: lesson.id,
      title: lesson.title,
      status: lesson.status,
      courseId: lesson.courseId,
    })
    .from(lesson)
    .where(
      and(
        eq(lesson.organizationId, scope.organizationId),
        eq(lesson.id, lessonId),
        visibleSpace(lesson.spaceId),
      ),
    );
  if (!row || (row.status !== "published" && !authors(scope))) return null;
  const inCourse = await visibleCourse(scope, row.courseId);
  if (!inCourse) return null;
  return { id: row.id, title: row.title, courseId: row.courseId, spaceSlug: inCourse.spaceSlug };
}

async function myRsvp(scope: TenantScope, eventId: string) {
  if (scope.actor.kind !== "member") return null;
  const [row] = await scope.db
    .select({
      status: eventRsvp.status,
      joinedAt: eventRsvp.joinedAt,
      leftAt: eventRsvp.leftAt,
      attendance: eventRsvp.attendance,
      feedbackRating: eventRsvp.feedbackRating,
      feedbackComment: eventRsvp.feedbackComment,
      feedbackAt: eventRsvp.feedbackAt,
    })
    .from(eventRsvp)
    .where(rsvpOf(scope, eventId, scope.actor.memberId));
  return row ?? null;
}

/** liveSession.get: the session as the caller sees it (the event page's panel). */
export async function liveSessionView(
  scope: TenantScope,
  { eventId }: z.output<typeof eventIdInput>,
) {
  const row = await readEvent(scope, eventId);
  const now = scope.now();
  const host = await hostsSession(scope, row);
  const [lock, linkedCourse, linkedLesson, rsvp] = [
    await sessionLockOf(scope, row, host),
    row.courseId ? await visibleCourse(scope, row.courseId) : null,
    row.lessonId ? await visibleLesson(scope, row.lessonId) : null,
    await myRsvp(scope, row.id),
  ];
  const phase = phaseOf(row, now);
  const going = rsvp?.status === "going";
  return {
    eventId: row.id,
    title: row.title,
    /** A live session: linked to learning, or given a type. Others are plain events. */
    isLiveSession: row.sessionType !== null || row.courseId !== null || row.lessonId !== null,
    sessionType: row.sessionType,
    minLevel: row.minLevel,
    course: linkedCourse,
    lesson: linkedLesson,
    recordingUrl: row.recordingUrl,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    joinOpensAt: new Date(row.startsAt.getTime() - JOIN_OPENS_BEFORE_MS),
    phase,
    lock,
    isHost: host,
    /** The settings' own ids, for the host's form (others get the links above or nothing). */
    settings: host
      ? { courseId: row.courseId, lessonId: row.lessonId, hasOnlineLink: row.onlineUrl !== null }
      : null,
    me: rsvp
      ? {
          rsvpStatus: rsvp.status,
          joinedAt: rsvp.joinedAt,
          leftAt: rsvp.leftAt,
          attendance: rsvp.attendance,
          feedback:
            rsvp.feedbackRating !== null && rsvp.feedbackAt
              ? {
                  rating: rsvp.feedbackRating,
                  comment: rsvp.feedbackComment ?? "",
                  at: rsvp.feedbackAt,
                }
              : null,
        }
      : null,
    canJoin: phase === "open" && lock === null && (going || host),
    canGiveFeedback:
      phase === "ended" && rsvp?.attendance === "attended" && rsvp.feedbackAt === null,
    xpForAttending: SESSION_XP,
  };
}
export type LiveSessionView = Awaited<ReturnType<typeof liveSessionView>>;

/** liveSession.linkOptions: the courses a host may link a session to, with their lessons. */
export async function linkOptions(scope: TenantScope) {
  const courses = await scope.db
    .select({ id: course.id, title: course.title, status: course.status })
    .from(course)
    .where(and(eq(course.organizationId, scope.organizationId), visibleSpace(course.spaceId)))
    .orderBy(asc(course.title), asc(course.id))
    .limit(200);
  const shown = courses.filter((c) => c.status === "published" || authors(scope));
  if (shown.length === 0) return [];
  const lessons = await scope.db
    .select({
      id: lesson.id,
      title: lesson.title,
      courseId: lesson.courseId,
      status: lesson.status,
    })
    .from(lesson)
    .where(
      and(
        eq(lesson.organizationId, scope.organizationId),
        inArray(
          lesson.courseId,
          shown.map((c) => c.id),
        ),
        visibleSpace(lesson.spaceId),
      ),
    )
    .orderBy(asc(lesson.position), asc(lesson.id));
  return shown.map((c) => ({
    id: c.id,
    title: c.title,
    lessons: lessons
      .filter((l) => l.courseId === c.id && (l.status === "published" || authors(scope)))
      .map((l) => ({ id: l.id, title: l.title })),
  }));
}

/**
 * liveSession.configure: links the session to a course or lesson the host sees, sets its type
 * and minimum level. An occurrence of a series set up on its own is detached (a later edit of
 * the series leaves it as it is), as any occurrence edited alone.
 */
export async function configureLiveSession(
  scope: TenantScope,
  input: z.output<typeof configureLiveSessionInput>,
) {
  const row = await readEvent(scope, input.eventId, true);
  await requireHost(scope, row, "Only the session's hosts and moderators can change it");
  let courseId = input.courseId;
  if (input.lessonId) {
    const linked = await visibleLesson(scope, input.lessonId);
    if (!linked)
      throw new AppError("BAD_REQUEST", "Choose a lesson of a course you can see", {
        field: "lessonId",
      });
    if (courseId && courseId !== linked.courseId)
      throw new AppError("BAD_REQUEST", "This lesson is not in the chosen course", {
        field: "lessonId",
      });
    courseId = linked.courseId;
  }
  if (courseId && !(await visibleCourse(scope, courseId)))
    throw new AppError("BAD_REQUEST", "Choose a course you can see", { field: "courseId" });
  await scope.db
    .update(event)
    .set({
      courseId,
      lessonId: input.lessonId,
      sessionType: input.sessionType,
      minLevel: input.minLevel,
      ...(row.seriesId ? { detached: true } : {}),
    })
    .where(and(eq(event.organizationId, scope.organizationId), eq(event.id, row.id)));
  // Attendance closes at its end whether or not the event service scheduled it already.
  await scheduleSessionClose(scope, [row]);
  await publish(scope, { kind: "event.changed", target: { type: "space", id: row.spaceId } });
  return liveSessionView(scope, { eventId: row.id });
}

/**
 * liveSession.setRecording: hosts add (or change, or take away) the recording once the session
 * has ended. The first time it is there, whoever answered the event (going, maybe, waitlisted)
 * is told, once each.
 */
export async function setRecording(scope: TenantScope, input: z.output<typeof setRecordingInput>) {
  const row = await readEvent(scope, input.eventId, true);
  await requireHost(scope, row, "Only the session's hosts and moderators can add its recording");
  if (row.status === "cancelled")
    throw new AppError("CONFLICT", "This session was cancelled: it has no recording");
  if (!hasEnded(row, scope.now()))
    throw new AppError("CONFLICT", "Add the recording once the session has ended", {
      field: "recordingUrl",
    });
  await scope.db
    .update(event)
    .set({ recordingUrl: input.recordingUrl })
    .where(and(eq(event.organizationId, scope.organizationId), eq(event.id, row.id)));
  await publish(scope, { kind: "event.changed", target: { type: "space", id: row.spaceId } });
  if (input.recordingUrl && !row.recordingUrl) {
    const audience = await scope.db
      .select({ memberId: eventRsvp.memberId })
      .from(eventRsvp)
      .where(
        and(
          eq(eventRsvp.organizationId, scope.organizationId),
          eq(eventRsvp.eventId, row.id),
          or(
            inArray(eventRsvp.status, ["going", "maybe", "waitlisted"]),
            isNotNull(eventRsvp.attendance),
          ),
        ),
      );
    if (audience.length > 0)
      await notify(scope, {
        kind: "event.recording",
        target: { type: "event", id: row.id },
        recipients: audience.map((a) => a.memberId),
        onceKey: `event.recording:${row.id}`,
      });
  }
  return liveSessionView(scope, { eventId: row.id });
}

/**
 * liveSession.join: records the caller's attendance (the first join's time; a join after a leave
 * clears the leave) and answers the online link to open. Only for a member going, from
 * JOIN_OPENS_BEFORE_MS before the start until the end, at the session's level; hosts may open
 * the link without an RSVP (their attendance is not recorded then).
 */
export async function joinSession(scope: TenantScope, { eventId }: z.output<typeof eventIdInput>) {
  const me = actingMember(scope);
  const row = await readEvent(scope, eventId);
  const now = scope.now();
  const host = await hostsSession(scope, row);
  const phase = phaseOf(row, now);
  if (phase === "cancelled") throw new AppError("CONFLICT", "This session was cancelled");
  if (phase === "ended") throw new AppError("CONFLICT", "This session has ended");
  if (phase === "upcoming")
    throw new AppError(
      "CONFLICT",
      `The session opens ${JOIN_OPENS_BEFORE_MS / 60_000} minutes before it starts`,
    );
  const lock = await sessionLockOf(scope, row, host);
  if (lock) throw new AppError("FORBIDDEN", lock.message, { reason: "SESSION_LOCKED" });
  const [joined] = await scope.db
    .update(eventRsvp)
    .set({
      joinedAt: sql`coalesce(${eventRsvp.joinedAt}, ${now.toISOString()}::timestamptz)`,
      leftAt: null,
      attendance: "attended",
    })
    .where(and(rsvpOf(scope, row.id, me.memberId), eq(eventRsvp.status, "going")))
    .returning({ joinedAt: eventRsvp.joinedAt });
  if (!joined && !host)
    throw new AppError("FORBIDDEN", "Only people going can join: answer Going first");
  if (joined) {
    // Each join (a rejoin after leaving too) is a "session join" in the member's activity log.
    await recordActivity(scope, {
      action: "session.joined",
      target: { type: "event", id: row.id },
    });
    await attendanceChanged(scope, row.id);
  }
  const xp = joined
    ? await awardXp(scope, {
        memberId: me.memberId,
        kind: "session_attended",
        sourceId: row.id,
        amount: SESSION_XP,
      })
    : { awarded: false };
  return {
    onlineUrl: row.onlineUrl,
    joinedAt: joined?.joinedAt ?? null,
    xpAwarded: xp.awarded ? SESSION_XP : 0,
  };
}

/** liveSession.leave: records when the caller left (at the end at the latest). */
export async function leaveSession(scope: TenantScope, { eventId }: z.output<typeof eventIdInput>) {
  const me = actingMember(scope);
  const row = await readEvent(scope, eventId);
  const at = new Date(Math.min(scope.now().getTime(), row.endsAt.getTime()));
  const [left] = await scope.db
    .update(eventRsvp)
    .set({
      leftAt: sql`greatest(${eventRsvp.joinedAt}, ${at.toISOString()}::timestamptz)`,
    })
    .where(
      and(
        rsvpOf(scope, row.id, me.memberId),
        isNotNull(eventRsvp.joinedAt),
        isNull(eventRsvp.leftAt),
      ),
    )
    .returning({ leftAt: eventRsvp.leftAt });
  if (left?.leftAt) {
    await attendanceChanged(scope, row.id);
    return { leftAt: left.leftAt };
  }
  // Left already (a second tab, a retried request): the same answer.
  const rsvp = await myRsvp(scope, row.id);
  if (rsvp?.joinedAt && rsvp.leftAt) return { leftAt: rsvp.leftAt };
  throw new AppError("CONFLICT", "You have not joined this session");
}

/** liveSession.feedback: an attendee's rating and comment, once, after the session. */
export async function giveFeedback(scope: TenantScope, input: z.output<typeof feedbackInput>) {
  const me = actingMember(scope);
  const row = await readEvent(scope, input.eventId);
  const now = scope.now();
  if (phaseOf(row, now) !== "ended")
    throw new AppError("CONFLICT", "Feedback opens when the session has ended");
  const [saved] = await scope.db
    .update(eventRsvp)
    .set({
      feedbackRating: input.rating,
      feedbackComment: input.comment === "" ? null : input.comment,
      feedbackAt: now,
    })
    .where(
      and(
        rsvpOf(scope, row.id, me.memberId),
        eq(eventRsvp.attendance, "attended"),
        isNull(eventRsvp.feedbackAt),
      ),
    )
    .returning({ at: eventRsvp.feedbackAt });
  if (saved) {
    await attendanceChanged(scope, row.id);
    return { rating: input.rating, comment: input.comment, at: now };
  }
  const rsvp = await myRsvp(scope, row.id);
  if (rsvp?.attendance === "attended")
    throw new AppError("CONFLICT", "You already gave feedback on this session");
  throw new AppError("FORBIDDEN", "Only those who attended can give feedback");
}

const minutesBetween = (from: Date, to: Date) =>
  Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));

/**
 * liveSession.stats: for hosts, attendance and feedback. Going counts those holding a seat now;
 * the rate is attended over attended + missed (those who were going when it ended), or over
 * going before then; ratings' average and distribution; and one row per person who answered
 * going or attended, with their times, minutes and feedback.
 */
export async function sessionStats(scope: TenantScope, { eventId }: z.output<typeof eventIdInput>) {
  const row = await readEvent(scope, eventId);
  await requireHost(scope, row, "Only the session's hosts and moderators see its attendance");
  const now = scope.now();
  const rsvps = await scope.db
    .select({
      memberId: eventRsvp.memberId,
      status: eventRsvp.status,
      joinedAt: eventRsvp.joinedAt,
      leftAt: eventRsvp.leftAt,
      attendance: eventRsvp.attendance,
      rating: eventRsvp.feedbackRating,
      comment: eventRsvp.feedbackComment,
      feedbackAt: eventRsvp.feedbackAt,
    })
    .from(eventRsvp)
    .where(
      and(
        eq(eventRsvp.organizationId, scope.organizationId),
        eq(eventRsvp.eventId, row.id),
        or(eq(eventRsvp.status, "going"), isNotNull(eventRsvp.attendance)),
      ),
    );
  const people = await peopleById(
    scope,
    rsvps.map((r) => r.memberId),
  );
  const ended = hasEnded(row, now);
  const attended = rsvps.filter((r) => r.attendance === "attended").length;
  const missed = rsvps.filter((r) => r.attendance === "missed").length;
  const going = rsvps.filter((r) => r.status === "going").length;
  const ratings = rsvps.flatMap((r) => (r.rating === null ? [] : [r.rating]));
  const expected = attended + missed > 0 && ended ? attended + missed : going;
  const attendees = rsvps
    .map((r) => {
      const until =
        r.leftAt ?? (r.joinedAt ? new Date(Math.min(now.getTime(), row.endsAt.getTime())) : null);
      return {
        memberId: r.memberId,
        name: people.get(r.memberId)?.name ?? "Former member",
        avatarUrl: people.get(r.memberId)?.avatarUrl ?? null,
        rsvpStatus: r.status,
        attendance: r.attendance,
        joinedAt: r.joinedAt,
        leftAt: r.leftAt,
        minutes: r.joinedAt && until ? minutesBetween(r.joinedAt, until) : null,
        rating: r.rating,
        comment: r.comment,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, "en") || a.memberId.localeCompare(b.memberId));
  return {
    eventId: row.id,
    title: row.title,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    ended,
    going,
    attended,
    missed,
    attendanceRate: expected > 0 ? attended / expected : null,
    feedbackCount: ratings.length,
    averageRating:
      ratings.length > 0
        ? Math.round((ratings.reduce((sum, r) => sum + r, 0) / ratings.length) * 10) / 10
        : null,
    /** How many gave 1, 2, 3, 4 and 5. */
    ratingDistribution: [1, 2, 3, 4, 5].map((stars) => ({
      rating: stars,
      count: ratings.filter((r) => r === stars).length,
    })),
    attendees,
  };
}
