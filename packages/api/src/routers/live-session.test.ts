// Live sessions through the procedures on a real database, with a clock the tests move: the
// minimum level enforced on join (and lifted by XP), the join window (10 minutes before the start
// until the end, only for those going), leave, the closing job marking who never joined as missed
// (and moving with the event), feedback once, from attendees only, after the end; XP once per
// session and the "Front row" achievement; the host's statistics; links to learning validated;
// the recording and its notification.
import {
  and,
  asSystem,
  createTestClock,
  eq,
  event,
  eventRsvp,
  memberAchievement,
  notification,
  scheduleSessionClose,
  type TestClock,
  withTenant,
  xpEvent,
} from "@guild/db";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AppError } from "../errors.ts";
import { createCaller } from "../index.ts";
import { advanceJobClock } from "../jobs/system.ts";
import { SESSION_XP } from "../schemas/live-session.ts";
import { awardXp } from "../services/xp.ts";
import {
  type ApiFixture,
  type CommunityWho,
  codeOf,
  createCommunityFixture,
  refusalOf,
} from "../testing.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let fx: ApiFixture;
let acmeId = "";
let persons: Awaited<ReturnType<typeof createCommunityFixture>>["persons"];
let callers: Awaited<ReturnType<typeof createCommunityFixture>>["callers"];
let spaces: Awaited<ReturnType<typeof createCommunityFixture>>["ids"];

beforeAll(async () => {
  ({
    fx,
    acmeId,
    persons,
    callers,
    ids: spaces,
  } = await createCommunityFixture(inject("pgAdminUrl"), {
    type: "events",
    slugs: { public: "meetups", private: "staff-meetups", paid: "gold-meetups" },
  }));
});
afterAll(() => fx.drop());

const asSystemIn = <T>(fn: Parameters<typeof withTenant<T>>[2]) =>
  withTenant(fx.db, asSystem(acmeId, "test"), fn);

/** A caller for the person on the given clock (the procedures' now). */
function at(who: CommunityWho, clock: TestClock) {
  return createCaller(
    { ...fx.deps, clock },
    {
      headers: new Headers({
        cookie: persons[who].cookie,
        "x-guild-org": who === "stranger" ? "other" : "acme",
      }),
    },
  );
}

let counter = 0;
/**
 * An event the moderator hosts, starting `startsIn` from the clock's now and lasting an hour,
 * with RSVPs (going unless said), and its closing job scheduled as the event service does.
 */
async function session(
  clock: TestClock,
  options: {
    startsIn: number;
    minLevel?: number | null;
    spaceId?: string;
    rsvps?: Partial<Record<CommunityWho, "going" | "maybe" | "not_going" | "waitlisted">>;
  },
) {
  const startsAt = new Date(clock.now().getTime() + options.startsIn);
  const endsAt = new Date(startsAt.getTime() + HOUR);
  const spaceId = options.spaceId ?? spaces.public;
  return withTenant(fx.db, asSystem(acmeId, "test", clock), async (scope) => {
    const [row] = await scope.db
      .insert(event)
      .values({
        organizationId: acmeId,
        spaceId,
        title: `Session ${++counter}`,
        timeZone: "Europe/Paris",
        startsAt,
        endsAt,
        onlineUrl: "https://meet.example/room",
        sessionType: "workshop",
        minLevel: options.minLevel ?? null,
        createdByMemberId: persons.moderator.memberId,
      })
      .returning({ id: event.id, endsAt: event.endsAt });
    if (!row) throw new Error("no event");
    let arrival = 0;
    for (const [who, status] of Object.entries(options.rsvps ?? {}))
      await scope.db.insert(eventRsvp).values({
        organizationId: acmeId,
        spaceId,
        eventId: row.id,
        memberId: persons[who as CommunityWho].memberId,
        status,
        arrival: ++arrival,
      });
    await scheduleSessionClose(scope, [row]);
    return { id: row.id, startsAt, endsAt };
  });
}

async function rsvpOf(eventId: string, who: CommunityWho) {
  const [row] = await asSystemIn((scope) =>
    scope.db
      .select()
      .from(eventRsvp)
      .where(and(eq(eventRsvp.eventId, eventId), eq(eventRsvp.memberId, persons[who].memberId))),
  );
  return row;
}

async function reasonOf(promise: Promise<unknown>) {
  try {
    await promise;
    return null;
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return {
      code: error.code,
      message: error.message,
      reason: error.cause instanceof AppError ? (error.cause.reason ?? null) : null,
    };
  }
}

describe("joining", () => {
  it("enforces the minimum level on the server, in words, until the member's XP reaches it", async () => {
    const clock = createTestClock();
    const made = await session(clock, {
      startsIn: -MINUTE,
      minLevel: 2,
      rsvps: { outsider: "going" },
    });
    const outsider = await at("outsider", clock);
    const view = await outsider.liveSession.get({ eventId: made.id });
    expect(view.lock).toEqual({
      kind: "level",
      level: 2,
      message: "Reach level 2 to join this session",
    });
    expect(view.canJoin).toBe(false);
    expect(await reasonOf(outsider.liveSession.join({ eventId: made.id }))).toEqual({
      code: "FORBIDDEN",
      message: "Reach level 2 to join this session",
      reason: "SESSION_LOCKED",
    });
    expect((await rsvpOf(made.id, "outsider"))?.joinedAt).toBeNull();
    // Its host is never locked, and opens the link without an RSVP (nothing recorded).
    const host = await (await at("moderator", clock)).liveSession.join({ eventId: made.id });
    expect(host).toEqual({ onlineUrl: "https://meet.example/room", joinedAt: null, xpAwarded: 0 });
    // Level 2 from 3,000 XP.
    await asSystemIn((scope) =>
      awardXp(scope, {
        memberId: persons.outsider.memberId,
        kind: "admin_adjustment",
        sourceId: "test-level-2",
        amount: 3000,
      }),
    );
    expect((await outsider.liveSession.get({ eventId: made.id })).lock).toBeNull();
    const joined = await outsider.liveSession.join({ eventId: made.id });
    expect(joined.onlineUrl).toBe("https://meet.example/room");
    expect(joined.joinedAt).toBeInstanceOf(Date);
    // The join is a session join in the member's activity log, naming the session; the host's
    // look at the link (no attendance) is not.
    const log = await outsider.activity.mine({ kinds: ["session"] });
    const joins = log.items.filter((e) => e.targetId === made.id);
    expect(joins).toHaveLength(1);
    expect(joins[0]).toMatchObject({ kind: "session", action: "session.joined" });
    expect(joins[0]?.targetTitle).toEqual(expect.any(String));
    expect(
      (await (await at("moderator", clock)).activity.mine({ kinds: ["session"] })).items.filter(
        (e) => e.targetId === made.id,
      ),
    ).toEqual([]);
  });

  it("opens 10 minutes before the start until the end, only to those going", async () => {
    const clock = createTestClock();
    const made = await session(clock, {
      startsIn: HOUR,
      rsvps: { insider: "going", payer: "maybe" },
    });
    const insider = await at("insider", clock);
    expect(await reasonOf(insider.liveSession.join({ eventId: made.id }))).toMatchObject({
      code: "CONFLICT",
      message: "The session opens 10 minutes before it starts",
    });
    expect((await insider.liveSession.get({ eventId: made.id })).phase).toBe("upcoming");
    clock.advance(HOUR - 10 * MINUTE);
    expect((await insider.liveSession.get({ eventId: made.id })).canJoin).toBe(true);
    const first = await insider.liveSession.join({ eventId: made.id });
    // Real time flows under the test clock: joined within a second of the doors opening.
    expect((first.joinedAt?.getTime() ?? 0) - (made.startsAt.getTime() - 10 * MINUTE)).toBeLessThan(
      1000,
    );
    // Maybe is not going.
    expect(
      await reasonOf((await at("payer", clock)).liveSession.join({ eventId: made.id })),
    ).toEqual({
      code: "FORBIDDEN",
      message: "Only people going can join: answer Going first",
      reason: null,
    });
    // Someone without an RSVP who does not see the event: as if it did not exist.
    expect(await codeOf((await at("stranger", clock)).liveSession.join({ eventId: made.id }))).toBe(
      "NOT_FOUND",
    );
    // Leave, join again: the first join stays, the leave is cleared; leave again is the same.
    clock.advance(20 * MINUTE);
    const left = await insider.liveSession.leave({ eventId: made.id });
    expect(clock.now().getTime() - left.leftAt.getTime()).toBeLessThan(1000);
    expect((await insider.liveSession.leave({ eventId: made.id })).leftAt).toEqual(left.leftAt);
    clock.advance(5 * MINUTE);
    const again = await insider.liveSession.join({ eventId: made.id });
    expect(again.joinedAt).toEqual(first.joinedAt);
    expect((await rsvpOf(made.id, "insider"))?.leftAt).toBeNull();
    // Never joined: nothing to leave.
    expect(await codeOf((await at("payer", clock)).liveSession.leave({ eventId: made.id }))).toBe(
      "CONFLICT",
    );
    // After the end: closed; a leave then is recorded at the end.
    clock.advance(HOUR);
    expect(await reasonOf(insider.liveSession.join({ eventId: made.id }))).toMatchObject({
      code: "CONFLICT",
      message: "This session has ended",
    });
    expect((await insider.liveSession.leave({ eventId: made.id })).leftAt).toEqual(made.endsAt);
  });

  it("awards the session's XP once however often the member joins, and the Front row achievement", async () => {
    const clock = createTestClock();
    const made = await session(clock, { startsIn: 0, rsvps: { payer: "going" } });
    const payer = await at("payer", clock);
    const first = await payer.liveSession.join({ eventId: made.id });
    expect(first.xpAwarded).toBe(SESSION_XP);
    await payer.liveSession.leave({ eventId: made.id });
    await Promise.all([
      payer.liveSession.join({ eventId: made.id }),
      payer.liveSession.join({ eventId: made.id }),
    ]);
    const awards = await asSystemIn((scope) =>
      scope.db
        .select({ sourceId: xpEvent.sourceId, amount: xpEvent.amount })
        .from(xpEvent)
        .where(
          and(eq(xpEvent.memberId, persons.payer.memberId), eq(xpEvent.kind, "session_attended")),
        ),
    );
    expect(awards).toEqual([{ sourceId: made.id, amount: SESSION_XP }]);
    await fx.runJobs();
    const mine = await callers.payer.achievement.mine();
    const frontRow = mine.items.find((a) => a.name === "Front row");
    expect(frontRow?.earnedAt).toBeInstanceOf(Date);
    const earned = await asSystemIn((scope) =>
      scope.db
        .select({ id: memberAchievement.id })
        .from(memberAchievement)
        .where(
          and(
            eq(memberAchievement.memberId, persons.payer.memberId),
            eq(memberAchievement.achievementId, frontRow?.id ?? ""),
          ),
        ),
    );
    expect(earned).toHaveLength(1);
  });
});

describe("closing", () => {
  it("marks who was going and never joined as missed, at the end, by the job; the closing moves with the event", async () => {
    const clock = createTestClock();
    const made = await session(clock, {
      startsIn: 0,
      rsvps: { insider: "going", outsider: "going", payer: "maybe" },
    });
    await (await at("insider", clock)).liveSession.join({ eventId: made.id });
    await fx.runJobs({ clock });
    expect((await rsvpOf(made.id, "outsider"))?.attendance).toBeNull();
    // Moved an hour later before it ended: the closing moves (same job key).
    await withTenant(fx.db, asSystem(acmeId, "test", clock), async (scope) => {
      const endsAt = new Date(made.endsAt.getTime() + HOUR);
      await scope.db
        .update(event)
        .set({ startsAt: new Date(made.startsAt.getTime() + HOUR), endsAt })
        .where(eq(event.id, made.id));
      await scheduleSessionClose(scope, [{ id: made.id, endsAt }]);
    });
    await advanceJobClock(fx.db, clock, HOUR + MINUTE);
    await fx.runJobs({ clock });
    expect((await rsvpOf(made.id, "outsider"))?.attendance).toBeNull();
    await advanceJobClock(fx.db, clock, HOUR);
    await fx.runJobs({ clock });
    expect((await rsvpOf(made.id, "outsider"))?.attendance).toBe("missed");
    expect((await rsvpOf(made.id, "insider"))?.attendance).toBe("attended");
    expect((await rsvpOf(made.id, "payer"))?.attendance).toBeNull();
  });
});

describe("feedback", () => {
  it("is given once, by attendees only, after the session", async () => {
    const clock = createTestClock();
    const made = await session(clock, {
      startsIn: 0,
      rsvps: { insider: "going", outsider: "going" },
    });
    const insider = await at("insider", clock);
    await insider.liveSession.join({ eventId: made.id });
    expect(
      await reasonOf(insider.liveSession.feedback({ eventId: made.id, rating: 5, comment: "" })),
    ).toMatchObject({ code: "CONFLICT", message: "Feedback opens when the session has ended" });
    await advanceJobClock(fx.db, clock, HOUR + MINUTE);
    await fx.runJobs({ clock });
    expect((await insider.liveSession.get({ eventId: made.id })).canGiveFeedback).toBe(true);
    expect(
      await refusalOf(insider.liveSession.feedback({ eventId: made.id, rating: 6, comment: "" })),
    ).toEqual({ code: "BAD_REQUEST", fields: ["rating"] });
    const saved = await insider.liveSession.feedback({
      eventId: made.id,
      rating: 4,
      comment: " Clear and useful ",
    });
    expect(saved).toMatchObject({ rating: 4, comment: "Clear and useful" });
    expect(
      await reasonOf(insider.liveSession.feedback({ eventId: made.id, rating: 1, comment: "" })),
    ).toMatchObject({ code: "CONFLICT", message: "You already gave feedback on this session" });
    expect((await rsvpOf(made.id, "insider"))?.feedbackRating).toBe(4);
    // Missed it: no feedback.
    expect(
      await reasonOf(
        (await at("outsider", clock)).liveSession.feedback({
          eventId: made.id,
          rating: 1,
          comment: "",
        }),
      ),
    ).toMatchObject({ code: "FORBIDDEN", message: "Only those who attended can give feedback" });
    const view = await insider.liveSession.get({ eventId: made.id });
    expect(view.canGiveFeedback).toBe(false);
    expect(view.me?.feedback).toMatchObject({ rating: 4, comment: "Clear and useful" });
  });
});

describe("host statistics", () => {
  it("counts attended, missed and going, the rate, ratings, and a row per attendee with minutes", async () => {
    const clock = createTestClock();
    const made = await session(clock, {
      startsIn: 0,
      rsvps: { insider: "going", outsider: "going", payer: "going", owner: "maybe" },
    });
    const insider = await at("insider", clock);
    const payer = await at("payer", clock);
    await insider.liveSession.join({ eventId: made.id });
    await advanceJobClock(fx.db, clock, 5 * MINUTE);
    await payer.liveSession.join({ eventId: made.id });
    await advanceJobClock(fx.db, clock, 30 * MINUTE);
    await payer.liveSession.leave({ eventId: made.id });
    await advanceJobClock(fx.db, clock, 30 * MINUTE);
    await fx.runJobs({ clock });
    await insider.liveSession.feedback({ eventId: made.id, rating: 5, comment: "Great" });
    await payer.liveSession.feedback({ eventId: made.id, rating: 2, comment: "" });
    const stats = await (await at("moderator", clock)).liveSession.stats({ eventId: made.id });
    expect(stats).toMatchObject({
      ended: true,
      going: 3,
      attended: 2,
      missed: 1,
      feedbackCount: 2,
      averageRating: 3.5,
      ratingDistribution: [
        { rating: 1, count: 0 },
        { rating: 2, count: 1 },
        { rating: 3, count: 0 },
        { rating: 4, count: 0 },
        { rating: 5, count: 1 },
      ],
    });
    expect(stats.attendanceRate).toBeCloseTo(2 / 3);
    const rows = Object.fromEntries(stats.attendees.map((a) => [a.name, a]));
    expect(rows.insider).toMatchObject({ attendance: "attended", minutes: 60, rating: 5 });
    expect(rows.payer).toMatchObject({ attendance: "attended", minutes: 30, rating: 2 });
    expect(rows.outsider).toMatchObject({ attendance: "missed", minutes: null, rating: null });
    expect(rows.owner).toBeUndefined();
    // Members see the event but not its attendance.
    expect(await reasonOf(insider.liveSession.stats({ eventId: made.id }))).toMatchObject({
      code: "FORBIDDEN",
    });
    // Owners run every space.
    expect((await callers.owner.liveSession.stats({ eventId: made.id })).attended).toBe(2);
  });
});

describe("links and recording", () => {
  it("links a session to a course and lesson the host sees, and refuses others by their field", async () => {
    const clock = createTestClock();
    const made = await session(clock, { startsIn: HOUR });
    const room = await callers.owner.space.create({
      name: "Academy",
      slug: "academy",
      description: "",
      icon: "",
      type: "course",
      visibility: "public",
      section: "",
      tierIds: [],
    });
    const api = callers.moderator;
    const made2 = await api.course.create({
      spaceId: room.id,
      title: "Basics",
      slug: "basics",
      description: "",
      access: "free",
      tierIds: [],
    });
    const part = await api.course.createModule({ courseId: made2.id, title: "Part" });
    const lesson = await api.lesson.create({ moduleId: part.id, title: "Hello" });
    await api.lesson.setStatus({ id: lesson.id, status: "published" });
    const configured = await api.liveSession.configure({
      eventId: made.id,
      courseId: null,
      lessonId: lesson.id,
      sessionType: "qa",
      minLevel: 3,
    });
    expect(configured).toMatchObject({
      sessionType: "qa",
      minLevel: 3,
      isLiveSession: true,
      course: { id: made2.id, title: "Basics", spaceSlug: "academy" },
      lesson: { id: lesson.id, title: "Hello" },
    });
    expect((await api.liveSession.linkOptions()).map((c) => c.title)).toContain("Basics");
    // The course is a draft: members see the session, not the link.
    const seen = await callers.insider.liveSession.get({ eventId: made.id });
    expect(seen.course).toBeNull();
    expect(seen.lesson).toBeNull();
    expect(seen.settings).toBeNull();
    // Another organization's course, or a made-up id: the same refusal, on its field.
    const foreign = await callers.stranger.space.create({
      name: "Elsewhere",
      slug: "elsewhere",
      description: "",
      icon: "",
      type: "course",
      visibility: "public",
      section: "",
      tierIds: [],
    });
    const theirs = await callers.stranger.course.create({
      spaceId: foreign.id,
      title: "Theirs",
      slug: "theirs",
      description: "",
      access: "free",
      tierIds: [],
    });
    for (const courseId of [theirs.id, "00000000-0000-4000-8000-000000000000"])
      expect(
        await refusalOf(
          api.liveSession.configure({
            eventId: made.id,
            courseId,
            lessonId: null,
            sessionType: null,
            minLevel: null,
          }),
        ),
      ).toEqual({ code: "BAD_REQUEST", fields: ["courseId"] });
    // Members are not its hosts.
    expect(
      await codeOf(
        callers.insider.liveSession.configure({
          eventId: made.id,
          courseId: null,
          lessonId: null,
          sessionType: null,
          minLevel: null,
        }),
      ),
    ).toBe("FORBIDDEN");
  });

  it("takes a recording after the end, from hosts, http(s) only, and tells who answered once", async () => {
    const clock = createTestClock();
    const made = await session(clock, {
      startsIn: 0,
      rsvps: { insider: "going", outsider: "maybe", payer: "not_going" },
    });
    const host = await at("moderator", clock);
    const url = "https://video.example/recording";
    expect(
      await reasonOf(host.liveSession.setRecording({ eventId: made.id, recordingUrl: url })),
    ).toMatchObject({ code: "CONFLICT" });
    clock.advance(HOUR + MINUTE);
    expect(
      await refusalOf(
        host.liveSession.setRecording({ eventId: made.id, recordingUrl: "javascript:alert(1)" }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["recordingUrl"] });
    expect(
      await codeOf(
        (await at("insider", clock)).liveSession.setRecording({
          eventId: made.id,
          recordingUrl: url,
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      (await host.liveSession.setRecording({ eventId: made.id, recordingUrl: url })).recordingUrl,
    ).toBe(url);
    await host.liveSession.setRecording({ eventId: made.id, recordingUrl: `${url}-2` });
    await fx.runJobs({ clock });
    const told = await asSystemIn((scope) =>
      scope.db
        .select({ memberId: notification.memberId })
        .from(notification)
        .where(and(eq(notification.kind, "event.recording"), eq(notification.targetId, made.id))),
    );
    expect(told.map((n) => n.memberId).sort()).toEqual(
      [persons.insider.memberId, persons.outsider.memberId].sort(),
    );
    const list = await callers.insider.notification.list({});
    expect(
      list.items.some((n) => n.text === `The recording of Session ${counter} is available`),
    ).toBe(true);
    expect((await callers.outsider.liveSession.get({ eventId: made.id })).recordingUrl).toBe(
      `${url}-2`,
    );
  });

  it("hides a private space's session from members who do not see the space", async () => {
    const clock = createTestClock();
    const made = await session(clock, { startsIn: 0, spaceId: spaces.private });
    expect(await codeOf(callers.outsider.liveSession.get({ eventId: made.id }))).toBe("NOT_FOUND");
    expect(await codeOf(callers.outsider.liveSession.stats({ eventId: made.id }))).toBe(
      "NOT_FOUND",
    );
    expect((await callers.insider.liveSession.get({ eventId: made.id })).eventId).toBe(made.id);
  });
});
