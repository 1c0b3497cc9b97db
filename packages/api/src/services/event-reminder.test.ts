// Event reminders through the real job runner with the controllable clock (no sleeping): each
// fires once at its instant (24 hours and 1 hour before, in elapsed time, across a DST change),
// moves with its event (earlier and later), says the start in each reader's own time zone, follows
// their preferences, and reaches only members going or maybe who still see the event.
import {
  and,
  asSystem,
  createTestClock,
  eq,
  event,
  eventReminderSent,
  scheduleEventReminders,
  type TestClock,
  withTenant,
} from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { advanceJobClock } from "../jobs/system.ts";
import { createCommunityFixture } from "../testing.ts";
import { remindEvent } from "./event-reminder.ts";
import { type RsvpStatus, writeRsvp } from "./event-rsvp-rows.testing.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let world: Awaited<ReturnType<typeof createCommunityFixture>>;
let clock: TestClock;

beforeAll(async () => {
  world = await createCommunityFixture(inject("pgAdminUrl"), {
    type: "events",
    slugs: { public: "meetups", private: "inner", paid: "gold-room" },
  });
  const profile = (name: string, timeZone: string) => ({
    displayName: name,
    username: name,
    headline: "",
    bio: "",
    timeZone,
    language: null,
  });
  await world.callers.insider.profile.update(profile("insider", "Europe/Paris"));
  await world.callers.outsider.profile.update(profile("outsider", "America/New_York"));
});
afterAll(() => world.fx.drop());

const system = () => asSystem(world.acmeId, "test", clock);

/** An event as the event service writes it, with its reminders scheduled as it schedules them. */
async function createEvent(input: {
  title: string;
  startsAt: Date;
  space?: "public" | "private" | "paid";
  timeZone?: string;
}) {
  return withTenant(world.fx.db, system(), async (scope) => {
    const [row] = await scope.db
      .insert(event)
      .values({
        organizationId: world.acmeId,
        spaceId: world.ids[input.space ?? "public"],
        title: input.title,
        timeZone: input.timeZone ?? "Europe/Paris",
        startsAt: input.startsAt,
        endsAt: new Date(input.startsAt.getTime() + HOUR),
      })
      .returning();
    if (!row) throw new Error("no event");
    await scheduleEventReminders(scope, [row]);
    return row;
  });
}

/** Moves an event as the event service's update does: the row, then its reminders. */
async function moveEvent(id: string, startsAt: Date) {
  await withTenant(world.fx.db, system(), async (scope) => {
    const [row] = await scope.db
      .update(event)
      .set({ startsAt, endsAt: new Date(startsAt.getTime() + HOUR) })
      .where(and(eq(event.organizationId, world.acmeId), eq(event.id, id)))
      .returning();
    if (!row) throw new Error("no event");
    await scheduleEventReminders(scope, [row]);
  });
}

type Who = "owner" | "insider" | "outsider" | "payer";
async function answer(eventId: string, who: Who, status: RsvpStatus) {
  await writeRsvp(world.fx.db, {
    organizationId: world.acmeId,
    eventId,
    memberId: world.persons[who].memberId,
    status,
  });
}

/** Moves the clock (and the queued jobs) to `at` exactly, then runs what became due. */
async function advanceTo(at: Date) {
  const ms = at.getTime() - clock.now().getTime();
  if (ms > 0) await advanceJobClock(world.fx.db, clock, ms);
  await world.fx.runJobs({ clock });
}

async function remindersOf(who: Who, title: string) {
  const list = await world.callers[who].notification.list({ limit: 50 });
  return list.items.filter((n) => n.kind === "event.reminder" && n.text.includes(title));
}
const mailsOf = (who: Who, title: string) =>
  (world.fx.mailer.mailbox?.list(world.persons[who].email) ?? []).filter((m) =>
    m.subject.includes(title),
  );

async function sentAt(eventId: string) {
  return withTenant(world.fx.db, system(), (scope) =>
    scope.db
      .select({ reminder: eventReminderSent.reminder, sentAt: eventReminderSent.sentAt })
      .from(eventReminderSent)
      .where(eq(eventReminderSent.eventId, eventId))
      .orderBy(eventReminderSent.sentAt),
  );
}

describe("event reminders", () => {
  it("fire 24 hours and 1 hour before, in elapsed time across the DST change, with the start in each reader's zone", async () => {
    clock = createTestClock();
    // Sunday 28 March 2027, 09:00 in Paris: summer time began at 02:00 that night, so 24 hours
    // earlier is Saturday 08:00 local (07:00 UTC), not 09:00 (a wall-clock "day before" would be
    // an hour late).
    const startsAt = new Date("2027-03-28T07:00:00Z");
    const dstEvent = await createEvent({ title: "Spring meetup", startsAt });
    for (const who of ["insider", "outsider", "payer"] as const)
      await answer(dstEvent.id, who, "going");

    await advanceTo(new Date(startsAt.getTime() - DAY - MINUTE));
    expect(await remindersOf("insider", "Spring meetup")).toEqual([]);
    expect(mailsOf("insider", "Spring meetup")).toEqual([]);

    await advanceTo(new Date(startsAt.getTime() - DAY + MINUTE));
    const [first] = await sentAt(dstEvent.id);
    expect(first?.reminder).toBe("24h");
    expect(first?.sentAt.getTime()).toBeGreaterThanOrEqual(startsAt.getTime() - DAY);
    expect(first?.sentAt.getTime()).toBeLessThanOrEqual(startsAt.getTime() - DAY + MINUTE + 5_000);
    expect((await remindersOf("insider", "Spring meetup")).map((n) => [n.text, n.href])).toEqual([
      [
        "Reminder, in 24 hours: Spring meetup, Sun 28 Mar, 09:00 CEST",
        `/o/acme/s/meetups/events/${dstEvent.id}`,
      ],
    ]);
    expect((await remindersOf("outsider", "Spring meetup")).map((n) => n.text)).toEqual([
      "Reminder, in 24 hours: Spring meetup, Sun 28 Mar, 03:00 GMT-4",
    ]);
    // No time zone of their own: the organization's (UTC).
    expect((await remindersOf("payer", "Spring meetup")).map((n) => n.text)).toEqual([
      "Reminder, in 24 hours: Spring meetup, Sun 28 Mar, 07:00 UTC",
    ]);
    const [mail] = mailsOf("insider", "Spring meetup");
    expect(mail?.subject).toContain("Reminder, in 24 hours: Spring meetup, Sun 28 Mar, 09:00 CEST");
    expect(mail?.link).toBe(`${world.fx.deps.appUrl}/o/acme/s/meetups/events/${dstEvent.id}`);

    await advanceTo(new Date(startsAt.getTime() - HOUR - MINUTE));
    expect(await remindersOf("insider", "Spring meetup")).toHaveLength(1);
    await advanceTo(new Date(startsAt.getTime() - HOUR + MINUTE));
    expect((await remindersOf("insider", "Spring meetup")).map((n) => n.text)).toEqual([
      "Reminder, in 1 hour: Spring meetup, Sun 28 Mar, 09:00 CEST",
      "Reminder, in 24 hours: Spring meetup, Sun 28 Mar, 09:00 CEST",
    ]);
    expect(mailsOf("insider", "Spring meetup").map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Reminder, in 1 hour: Spring meetup, Sun 28 Mar, 09:00 CEST"),
      ]),
    );
    expect(mailsOf("insider", "Spring meetup")).toHaveLength(2);
    expect((await sentAt(dstEvent.id)).map((r) => r.reminder)).toEqual(["24h", "1h"]);

    // Past the start and later: nothing more, ever.
    await advanceTo(new Date(startsAt.getTime() + 2 * DAY));
    expect(await remindersOf("insider", "Spring meetup")).toHaveLength(2);
    expect(mailsOf("insider", "Spring meetup")).toHaveLength(2);
  });

  it("follow a weekly time across the change: 18:00 in Paris is 17:00 UTC before it and 16:00 after", async () => {
    clock = createTestClock();
    const before = await createEvent({
      title: "Monday call (March 22)",
      startsAt: new Date("2027-03-22T17:00:00Z"),
    });
    const after = await createEvent({
      title: "Monday call (March 29)",
      startsAt: new Date("2027-03-29T16:00:00Z"),
    });
    await answer(before.id, "insider", "going");
    await answer(after.id, "insider", "going");
    // Each reminder's minute in turn (a job run past its event's start sends nothing).
    for (const at of ["2027-03-21T17:01:00Z", "2027-03-22T16:01:00Z", "2027-03-28T16:01:00Z"])
      await advanceTo(new Date(at));
    await advanceTo(new Date("2027-03-29T14:59:00Z"));
    expect((await sentAt(before.id)).map((r) => r.reminder)).toEqual(["24h", "1h"]);
    expect((await sentAt(after.id)).map((r) => r.reminder)).toEqual(["24h"]);
    await advanceTo(new Date("2027-03-29T15:01:00Z"));
    const sent = await sentAt(after.id);
    expect(sent.map((r) => r.reminder)).toEqual(["24h", "1h"]);
    expect(sent[1]?.sentAt.getTime()).toBeGreaterThanOrEqual(Date.parse("2027-03-29T15:00:00Z"));
    expect((await remindersOf("insider", "Monday call (March 29)")).map((n) => n.text)).toEqual([
      "Reminder, in 1 hour: Monday call (March 29), Mon 29 Mar, 18:00 CEST",
      "Reminder, in 24 hours: Monday call (March 29), Mon 29 Mar, 18:00 CEST",
    ]);
    expect((await remindersOf("insider", "Monday call (March 22)"))[0]?.text).toBe(
      "Reminder, in 1 hour: Monday call (March 22), Mon 22 Mar, 18:00 CET",
    );
  });

  it("move with an event moved later, then earlier", async () => {
    clock = createTestClock();
    const start = new Date(clock.now().getTime() + 3 * DAY);
    const later = await createEvent({ title: "Moved later", startsAt: start });
    await answer(later.id, "owner", "going");
    const movedTo = new Date(start.getTime() + 5 * HOUR);
    await moveEvent(later.id, movedTo);

    const earlier = await createEvent({ title: "Moved earlier", startsAt: start });
    await answer(earlier.id, "owner", "going");
    const earlierTo = new Date(start.getTime() - 10 * HOUR);
    await moveEvent(earlier.id, earlierTo);

    // The first start's 24-hour mark: neither reminds for a time it no longer has.
    await advanceTo(new Date(earlierTo.getTime() - DAY + MINUTE));
    expect(await remindersOf("owner", "Moved earlier")).toHaveLength(1);
    expect(await remindersOf("owner", "Moved later")).toEqual([]);
    await advanceTo(new Date(start.getTime() - DAY + MINUTE));
    expect(await remindersOf("owner", "Moved earlier")).toHaveLength(1);
    expect(await remindersOf("owner", "Moved later")).toEqual([]);
    await advanceTo(new Date(movedTo.getTime() - DAY + MINUTE));
    expect(await remindersOf("owner", "Moved later")).toHaveLength(1);
    await advanceTo(new Date(earlierTo.getTime() - HOUR + MINUTE));
    await advanceTo(new Date(start.getTime() - HOUR + MINUTE));
    expect(await remindersOf("owner", "Moved later")).toHaveLength(1);
    await advanceTo(new Date(movedTo.getTime() - HOUR + MINUTE));
    expect(await remindersOf("owner", "Moved later")).toHaveLength(2);
    expect(await remindersOf("owner", "Moved earlier")).toHaveLength(2);
    const [dayBefore, hourBefore] = await sentAt(later.id);
    expect(dayBefore?.sentAt.getTime()).toBeGreaterThanOrEqual(movedTo.getTime() - DAY);
    expect(hourBefore?.sentAt.getTime()).toBeGreaterThanOrEqual(movedTo.getTime() - HOUR);
  });

  it("skip the 24-hour reminder of an event moved to within a day, and send its 1-hour one", async () => {
    clock = createTestClock();
    const start = new Date(clock.now().getTime() + 30 * HOUR);
    const soon = await createEvent({ title: "Brought forward", startsAt: start });
    await answer(soon.id, "owner", "going");
    // The 24-hour job was due in 6 hours; the event now starts in 5.
    const movedTo = new Date(clock.now().getTime() + 5 * HOUR);
    await moveEvent(soon.id, movedTo);
    await advanceTo(new Date(movedTo.getTime() - HOUR + MINUTE));
    await advanceTo(new Date(movedTo.getTime() + 2 * DAY));
    expect((await sentAt(soon.id)).map((r) => r.reminder)).toEqual(["1h"]);
    expect(await remindersOf("owner", "Brought forward")).toHaveLength(1);
  });

  it("reach members going or maybe who see the event, by their preferences, and nobody else", async () => {
    clock = createTestClock();
    const start = new Date(clock.now().getTime() + 2 * HOUR);
    const open = await createEvent({ title: "Open house", startsAt: start });
    await answer(open.id, "owner", "going");
    await answer(open.id, "insider", "maybe");
    await answer(open.id, "outsider", "not_going");
    await answer(open.id, "payer", "waitlisted");
    // The insider's private space: an answer of someone who does not see it (written behind the
    // API's back) reaches nobody who cannot see the event.
    const inner = await createEvent({ title: "Inner circle", startsAt: start, space: "private" });
    await answer(inner.id, "insider", "going");
    await answer(inner.id, "outsider", "going");
    await world.callers.owner.notification.setPreference({
      kind: "event.reminder",
      inApp: true,
      mail: false,
    });

    await advanceTo(new Date(start.getTime() - HOUR + MINUTE));
    expect(await remindersOf("owner", "Open house")).toHaveLength(1);
    expect(mailsOf("owner", "Open house")).toEqual([]);
    expect(await remindersOf("insider", "Open house")).toHaveLength(1);
    expect(mailsOf("insider", "Open house")).toHaveLength(1);
    expect(await remindersOf("outsider", "Open house")).toEqual([]);
    expect(await remindersOf("payer", "Open house")).toEqual([]);
    expect(await remindersOf("insider", "Inner circle")).toHaveLength(1);
    expect(await remindersOf("outsider", "Inner circle")).toEqual([]);
    expect(mailsOf("outsider", "Inner circle")).toEqual([]);
    await world.callers.owner.notification.setPreference({
      kind: "event.reminder",
      inApp: true,
      mail: true,
    });
  });

  it("send nothing for a cancelled event, or to someone who stopped going", async () => {
    clock = createTestClock();
    const start = new Date(clock.now().getTime() + 2 * HOUR);
    const called = await createEvent({ title: "Called off", startsAt: start });
    await answer(called.id, "owner", "going");
    const changed = await createEvent({ title: "Changed my mind", startsAt: start });
    await answer(changed.id, "owner", "going");
    await withTenant(world.fx.db, system(), (scope) =>
      scope.db
        .update(event)
        .set({ status: "cancelled", cancelledAt: scope.now() })
        .where(and(eq(event.organizationId, world.acmeId), eq(event.id, called.id))),
    );
    await answer(changed.id, "owner", "not_going");
    await advanceTo(new Date(start.getTime() + HOUR));
    expect(await remindersOf("owner", "Called off")).toEqual([]);
    expect(await remindersOf("owner", "Changed my mind")).toEqual([]);
    expect(await sentAt(called.id)).toEqual([]);
  });

  it("send once, even when the job is delivered again", async () => {
    clock = createTestClock();
    const start = new Date(clock.now().getTime() + 2 * HOUR);
    const once = await createEvent({ title: "Only once", startsAt: start });
    await answer(once.id, "insider", "going");
    await advanceTo(new Date(start.getTime() - HOUR + MINUTE));
    expect(await remindersOf("insider", "Only once")).toHaveLength(1);
    const job = { eventId: once.id, offset: "1h" as const, startsAt: start.toISOString() };
    // A second delivery (graphile-worker is at least once), directly and through the runner.
    expect(await withTenant(world.fx.db, system(), (scope) => remindEvent(scope, job))).toBe(false);
    await withTenant(world.fx.db, system(), (scope) => scope.enqueue("event.remind", job));
    await world.fx.runJobs({ clock });
    expect(await remindersOf("insider", "Only once")).toHaveLength(1);
    expect(mailsOf("insider", "Only once")).toHaveLength(1);
  });
});
