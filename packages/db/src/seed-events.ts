// The demo organization's events (issue 13): its "Events" space (seed-spaces.ts) gets upcoming
// events (an online meetup, an in-person one at capacity with Mia on its waitlist, a live
// session of office hours for level 2 and up), past ones, a weekly co-working series, and two
// past live sessions with attendance (joined and left, one missed) and 1–5 feedback, one with its
// recording. So the space, the calendar, the event page and a host's attendance statistics have
// something true to show from the first run.
//
// Written straight to the tables the event services use, in the seed's tenant scope. The series'
// occurrences are written as rows (recurrence is materialized), in UTC so no DST arithmetic is
// needed here. Upcoming events get their reminders and their attendance closing scheduled as the
// event services schedule them. Each attendance earns its session XP in the ledger with the
// award's own identity (kind session_attended, the event's id), as liveSession.join awards it, at
// the same instant as seed-xp.ts's activity that day, so the streaks it promises stay as they are.
import { eq, sql } from "drizzle-orm";
import { SESSION_ATTENDED_XP } from "./enums/xp.ts";
import { scheduleEventReminders } from "./event-reminder.ts";
import { scheduleSessionClose } from "./live-session-close.ts";
import { course, event, eventHost, eventRsvp, eventSeries, lesson } from "./schema/index.ts";
import type { TenantScope } from "./scope.ts";
import { demoId } from "./seed-courses.ts";
import { demoSpaceId } from "./seed-spaces.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The events space the demo's events live in (seed-spaces.ts). */
export const DEMO_EVENTS_SPACE_SLUG = "events";

type Rsvp = {
  /** Index into the demo's members (0 owner, 1 admin, 2 Mia). */
  who: number;
  status: "going" | "maybe" | "not_going" | "waitlisted";
  /** Joined and left, minutes after the start (past live sessions). */
  attended?: { from: number; to: number };
  missed?: boolean;
  feedback?: { rating: number; comment: string | null };
};

interface DemoEvent {
  key: string;
  title: string;
  description: string;
  /** From now; negative for the past. */
  startsIn: number;
  minutes: number;
  online: boolean;
  place?: string;
  capacity?: number;
  tags: string[];
  session?: {
    type: "workshop" | "qa" | "office_hours" | "presentation";
    course: string;
    lesson?: string;
    minLevel?: number;
    recording?: string;
  };
  rsvps: Rsvp[];
}

/**
 * Past live sessions start a few minutes before seed-xp.ts's activity on that day (a minute
 * before now, N days back), and their attendees join at that very instant.
 */
const activityOn = (daysAgo: number) => -daysAgo * DAY - MINUTE;

export const demoEvents: readonly DemoEvent[] = [
  {
    key: "meetup",
    title: "Community meetup",
    description:
      "Our monthly online meetup: what members are working on, **show and tell**, and questions.",
    startsIn: 3 * DAY + 2 * HOUR,
    minutes: 90,
    online: true,
    capacity: 30,
    tags: ["meetup"],
    rsvps: [
      { who: 0, status: "going" },
      { who: 1, status: "going" },
      { who: 2, status: "maybe" },
    ],
  },
  {
    key: "pitch-night",
    title: "Pitch night",
    description: "Two seats, two pitches, honest feedback. In person at the studio.",
    startsIn: 10 * DAY + 5 * HOUR,
    minutes: 120,
    online: false,
    place: "The Studio, 12 Harbour Street",
    capacity: 2,
    tags: ["in-person", "pitch"],
    rsvps: [
      { who: 0, status: "going" },
      { who: 1, status: "going" },
      { who: 2, status: "waitlisted" },
    ],
  },
  {
    key: "office-hours",
    title: "Office hours: Community basics",
    description: "Bring your questions about the *Community basics* course. Level 2 and up.",
    startsIn: DAY + 3 * HOUR,
    minutes: 60,
    online: true,
    tags: ["learning"],
    session: { type: "office_hours", course: "community-basics", minLevel: 2 },
    rsvps: [
      { who: 1, status: "going" },
      { who: 2, status: "going" },
    ],
  },
  {
    key: "workshop",
    title: "Workshop: learning in public",
    description:
      "A hands-on hour on writing your first learning log, with the course's first lesson.",
    startsIn: activityOn(4) - 5 * MINUTE,
    minutes: 60,
    online: true,
    tags: ["learning", "workshop"],
    session: {
      type: "workshop",
      course: "learning-in-public",
      lesson: "b1",
      recording: "https://video.example/demo/learning-in-public-workshop",
    },
    rsvps: [
      {
        who: 1,
        status: "going",
        attended: { from: 5, to: 60 },
        feedback: { rating: 5, comment: "Loved the examples: I wrote my first log right after." },
      },
      {
        who: 2,
        status: "going",
        attended: { from: 5, to: 35 },
        feedback: { rating: 4, comment: "Clear, a bit fast at the end." },
      },
    ],
  },
  {
    key: "qa",
    title: "Q&A: getting the most out of courses",
    description: "Ask the team anything about courses, levels and achievements.",
    startsIn: activityOn(11) - 5 * MINUTE,
    minutes: 45,
    online: true,
    tags: ["learning"],
    session: { type: "qa", course: "community-basics" },
    rsvps: [
      {
        who: 1,
        status: "going",
        attended: { from: 5, to: 45 },
        feedback: { rating: 4, comment: null },
      },
      { who: 2, status: "going", missed: true },
    ],
  },
  {
    key: "kickoff",
    title: "Season kickoff",
    description: "The year's plans, and drinks after.",
    startsIn: -20 * DAY,
    minutes: 120,
    online: false,
    place: "The Studio, 12 Harbour Street",
    tags: ["in-person"],
    rsvps: [
      { who: 0, status: "going" },
      { who: 1, status: "going" },
      { who: 2, status: "not_going" },
    ],
  },
];

/** The weekly co-working series: Wednesdays 17:00 UTC, three weeks back to five ahead. */
const COWORKING = { title: "Weekly co-working", minutes: 90, weeksBack: 3, weeksAhead: 5 };

export async function hasDemoEvents(scope: TenantScope): Promise<boolean> {
  const [row] = await scope.db
    .select({ id: event.id })
    .from(event)
    .where(eq(event.organizationId, scope.organizationId))
    .limit(1);
  return row !== undefined;
}

/** The next Wednesday 17:00 UTC after `now` (weekly occurrences step from it). */
function nextWednesday(now: Date) {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 17));
  const ahead = (3 - day.getUTCDay() + 7) % 7 || 7;
  return new Date(day.getTime() + ahead * DAY);
}

/**
 * Gives every demo attendance its session XP, once (the ledger's key): after a seed, and when a
 * ledger emptied and refilled (seed-xp.ts) gets it back.
 */
export async function awardDemoSessionXp(scope: TenantScope): Promise<void> {
  await scope.db.execute(sql`
    insert into xp_event (organization_id, member_id, kind, source_id, amount, occurred_at)
    select r.organization_id, r.member_id, 'session_attended', r.event_id::text,
           ${SESSION_ATTENDED_XP}, r.joined_at
    from ${eventRsvp} r
    where r.organization_id = ${scope.organizationId} and r.attendance = 'attended'
      and r.joined_at is not null
    on conflict do nothing`);
}

/** Adds the demo's events if the organization has none; true if it added them. */
export async function seedDemoEvents(
  scope: TenantScope,
  memberIds: readonly string[],
  now: Date,
): Promise<boolean> {
  const organizationId = scope.organizationId;
  if (await hasDemoEvents(scope)) return false;
  const spaceId = await demoSpaceId(scope, DEMO_EVENTS_SPACE_SLUG, "events");
  const host = memberIds[0];
  if (!spaceId || !host) return false;
  // The demo courses' rows, if the course space is there (linked sessions name them).
  const courseIds = new Set(
    (
      await scope.db
        .select({ id: course.id })
        .from(course)
        .where(eq(course.organizationId, organizationId))
    ).map((row) => row.id),
  );
  const lessonIds = new Set(
    (
      await scope.db
        .select({ id: lesson.id })
        .from(lesson)
        .where(eq(lesson.organizationId, organizationId))
    ).map((row) => row.id),
  );
  const existing = (ids: ReadonlySet<string>, id: string) => (ids.has(id) ? id : null);
  const onlineUrl = (key: string) => `https://meet.example/demo-guild/${key}`;
  const eventRows: (typeof event.$inferInsert)[] = [];
  const rsvpRows: (typeof eventRsvp.$inferInsert)[] = [];
  for (const demo of demoEvents) {
    const id = demoId(organizationId, `event:${demo.key}`);
    const startsAt = new Date(now.getTime() + demo.startsIn);
    const endsAt = new Date(startsAt.getTime() + demo.minutes * MINUTE);
    const session = demo.session;
    eventRows.push({
      organizationId,
      spaceId,
      id,
      title: demo.title,
      description: demo.description,
      timeZone: "UTC",
      onlineUrl: demo.online ? onlineUrl(demo.key) : null,
      place: demo.place ?? null,
      capacity: demo.capacity ?? null,
      tags: demo.tags,
      startsAt,
      endsAt,
      goingCount: demo.rsvps.filter((r) => r.status === "going").length,
      lastArrival: demo.rsvps.length,
      courseId: session
        ? existing(courseIds, demoId(organizationId, `course:${session.course}`))
        : null,
      lessonId: session?.lesson
        ? existing(lessonIds, demoId(organizationId, `lesson:${session.lesson}`))
        : null,
      sessionType: session?.type ?? null,
      minLevel: session?.minLevel ?? null,
      recordingUrl: session?.recording ?? null,
      createdByMemberId: host,
      createdAt: new Date(Math.min(now.getTime(), startsAt.getTime()) - 14 * DAY),
    });
    for (const [i, rsvp] of demo.rsvps.entries()) {
      const memberId = memberIds[rsvp.who];
      if (!memberId) continue;
      const at = (minutes: number) => new Date(startsAt.getTime() + minutes * MINUTE);
      rsvpRows.push({
        organizationId,
        spaceId,
        eventId: id,
        memberId,
        status: rsvp.status,
        arrival: i + 1,
        respondedAt: new Date(startsAt.getTime() - (7 - i) * DAY),
        waitlistedAt: rsvp.status === "waitlisted" ? new Date(startsAt.getTime() - 5 * DAY) : null,
        joinedAt: rsvp.attended ? at(rsvp.attended.from) : null,
        leftAt: rsvp.attended ? at(rsvp.attended.to) : null,
        attendance: rsvp.attended ? "attended" : rsvp.missed ? "missed" : null,
        feedbackRating: rsvp.feedback?.rating ?? null,
        feedbackComment: rsvp.feedback?.comment ?? null,
        feedbackAt: rsvp.feedback ? at(demo.minutes + 30) : null,
      });
    }
  }
  // The co-working series and its occurrences, as rows.
  const seriesId = demoId(organizationId, "event-series:coworking");
  const first = new Date(nextWednesday(now).getTime() - COWORKING.weeksBack * 7 * DAY);
  const count = COWORKING.weeksBack + COWORKING.weeksAhead;
  const starts = Array.from({ length: count }, (_, i) => new Date(first.getTime() + i * 7 * DAY));
  const last = starts.at(-1) ?? first;
  const template = {
    organizationId,
    spaceId,
    title: COWORKING.title,
    description: "Cameras on, heads down: 90 minutes of focused work together, every Wednesday.",
    timeZone: "UTC",
    onlineUrl: onlineUrl("coworking"),
    tags: ["coworking"],
    createdByMemberId: host,
  };
  await scope.db.insert(eventSeries).values({
    ...template,
    id: seriesId,
    frequency: "weekly",
    rrule: "FREQ=WEEKLY;BYDAY=WE",
    startsAt: first,
    durationMinutes: COWORKING.minutes,
    generatedUntil: last,
    createdAt: new Date(first.getTime() - 7 * DAY),
  });
  for (const [i, startsAt] of starts.entries())
    eventRows.push({
      ...template,
      id: demoId(organizationId, `event:coworking:${i}`),
      seriesId,
      originalStart: startsAt,
      startsAt,
      endsAt: new Date(startsAt.getTime() + COWORKING.minutes * MINUTE),
      createdAt: new Date(first.getTime() - 7 * DAY),
    });
  const inserted = await scope.db
    .insert(event)
    .values(eventRows)
    .returning({ id: event.id, startsAt: event.startsAt, endsAt: event.endsAt });
  await scope.db
    .insert(eventHost)
    .values(inserted.map((row) => ({ organizationId, spaceId, eventId: row.id, memberId: host })));
  if (rsvpRows.length > 0) await scope.db.insert(eventRsvp).values(rsvpRows);
  // What the event services schedule for events still to come: reminders, and the closing
  // that marks who never joined as missed.
  const upcoming = inserted.filter((row) => row.endsAt.getTime() > now.getTime());
  await scheduleEventReminders(scope, upcoming);
  await scheduleSessionClose(scope, upcoming);
  await awardDemoSessionXp(scope);
  return true;
}
