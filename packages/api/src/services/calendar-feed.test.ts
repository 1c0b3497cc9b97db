// The calendar files, read back by an independent parser (ical.js): an event's `.ics` (a series
// with its rule, a cancelled occurrence and an edited one, expanding to the expected instants),
// and the private feed: its token shown once and stored hashed, rotated and revoked (404), the
// member's events going, maybe or hosted only, never another organization's, and a private
// space's only for those who see it, as they see it now.
import { createHash } from "node:crypto";
import {
  and,
  asSystem,
  calendarFeed,
  eq,
  event,
  eventHost,
  eventSeries,
  withTenant,
} from "@guild/db";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CALENDAR_FEED_RATE_LIMIT, calendarFeedFile } from "../exports/event-calendar.ts";
import { codeOf, createCommunityFixture } from "../testing.ts";
import { type RsvpStatus, writeRsvp } from "./event-rsvp-rows.testing.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let world: Awaited<ReturnType<typeof createCommunityFixture>>;
let otherEventsSpaceId: string;
let otherId: string;

beforeAll(async () => {
  world = await createCommunityFixture(inject("pgAdminUrl"), {
    type: "events",
    slugs: { public: "meetups", private: "inner", paid: "gold-room" },
  });
  const other = await world.fx.orgIdOf("other");
  if (!other) throw new Error("no other organization");
  otherId = other;
  otherEventsSpaceId = (
    await world.callers.stranger.space.create({
      name: "Other meetups",
      slug: "other-meetups",
      description: "",
      icon: "",
      section: "",
      type: "events",
      visibility: "public",
    })
  ).id;
});
afterAll(() => world.fx.drop());

type Who = "owner" | "moderator" | "insider" | "outsider" | "payer" | "stranger";

/** An event row as the event service writes it (the events API is another helper's). */
async function createEvent(input: {
  title: string;
  startsAt: Date;
  space?: "public" | "private" | "paid" | "other";
  timeZone?: string;
  place?: string | null;
  onlineUrl?: string | null;
}) {
  const organizationId = input.space === "other" ? otherId : world.acmeId;
  const spaceId = input.space === "other" ? otherEventsSpaceId : world.ids[input.space ?? "public"];
  return withTenant(world.fx.db, asSystem(organizationId, "test"), async (scope) => {
    const [row] = await scope.db
      .insert(event)
      .values({
        organizationId,
        spaceId,
        title: input.title,
        description: `About ${input.title}`,
        timeZone: input.timeZone ?? "Europe/Paris",
        startsAt: input.startsAt,
        endsAt: new Date(input.startsAt.getTime() + HOUR),
        place: input.place ?? null,
        onlineUrl: input.onlineUrl ?? null,
      })
      .returning();
    if (!row) throw new Error("no event");
    return row;
  });
}

async function answer(eventId: string, who: Who, status: RsvpStatus) {
  const organizationId = who === "stranger" ? otherId : world.acmeId;
  await writeRsvp(world.fx.db, {
    organizationId,
    eventId,
    memberId: world.persons[who].memberId,
    status,
  });
}

const tokenOf = (url: string) => {
  const match = /\/api\/calendar\/([A-Za-z0-9_-]+)\.ics$/.exec(url);
  if (!match?.[1]) throw new Error(`not a feed URL: ${url}`);
  return match[1];
};

let address = 0;
/** Fetches a feed as a calendar program would (each test from an address of its own). */
async function fetchFeed(url: string, clientAddress = `203.0.113.${++address}`) {
  return calendarFeedFile(world.fx.deps, `${tokenOf(url)}.ics`, { clientAddress });
}

function summaries(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar
    .getAllSubcomponents("vevent")
    .map((v) => new ICAL.Event(v).summary)
    .sort();
}

describe("the private calendar feed", () => {
  it("shows its URL once, keeps only a hash, and one feed at a time", async () => {
    const made = await world.callers.payer.calendarFeed.create();
    expect(made.url).toMatch(/^http:\/\/localhost:3999\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const shown = await world.callers.payer.calendarFeed.get();
    expect(shown).toEqual({ feed: { createdAt: made.createdAt } });
    expect(JSON.stringify(shown)).not.toContain(tokenOf(made.url));
    const rows = await world.fx.db
      .select({ tokenHash: calendarFeed.tokenHash })
      .from(calendarFeed)
      .where(eq(calendarFeed.memberId, world.persons.payer.memberId));
    expect(rows).toEqual([
      { tokenHash: createHash("sha256").update(tokenOf(made.url)).digest("hex") },
    ]);
    expect(await codeOf(world.callers.payer.calendarFeed.create())).toBe("CONFLICT");
    expect((await fetchFeed(made.url)).status).toBe(200);
  });

  it("rotates (the old URL is 404 at once) and revokes (404)", async () => {
    const first = await world.callers.outsider.calendarFeed.create();
    const second = await world.callers.outsider.calendarFeed.rotate();
    expect(second.url).not.toBe(first.url);
    expect((await fetchFeed(first.url)).status).toBe(404);
    expect((await fetchFeed(second.url)).status).toBe(200);
    expect(await world.callers.outsider.calendarFeed.revoke()).toEqual({ revoked: true });
    const revoked = await fetchFeed(second.url);
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).toBe("Calendar feed not found\n");
    expect(await world.callers.outsider.calendarFeed.get()).toEqual({ feed: null });
    expect(await codeOf(world.callers.outsider.calendarFeed.revoke())).toBe("NOT_FOUND");
    expect(await codeOf(world.callers.outsider.calendarFeed.rotate())).toBe("NOT_FOUND");
    // A made-up token, and a malformed one: the same 404.
    expect((await fetchFeed(`http://x/api/calendar/${"A".repeat(43)}.ics`)).status).toBe(404);
    const malformed = await calendarFeedFile(world.fx.deps, "../../etc.ics", {
      clientAddress: "203.0.113.250",
    });
    expect(malformed.status).toBe(404);
  });

  it("holds the member's events going, maybe or hosted, in the window, as they see them now", async () => {
    const soon = Date.now() + 3 * DAY;
    const going = await createEvent({ title: "Going public", startsAt: new Date(soon) });
    const maybe = await createEvent({
      title: "Maybe paid",
      startsAt: new Date(soon + HOUR),
      space: "paid",
    });
    const hosted = await createEvent({ title: "Hosting", startsAt: new Date(soon + 2 * HOUR) });
    const declined = await createEvent({ title: "Declined", startsAt: new Date(soon) });
    const unanswered = await createEvent({ title: "Unanswered", startsAt: new Date(soon) });
    const farAway = await createEvent({ title: "Too far", startsAt: new Date(soon + 400 * DAY) });
    const privateOne = await createEvent({
      title: "Inner private",
      startsAt: new Date(soon),
      space: "private",
      onlineUrl: "https://meet.example/secret-room",
    });
    const elsewhere = await createEvent({
      title: "Other org event",
      startsAt: new Date(soon),
      space: "other",
    });
    await answer(going.id, "insider", "going");
    await answer(maybe.id, "payer", "maybe");
    await answer(declined.id, "insider", "not_going");
    await answer(farAway.id, "insider", "going");
    await answer(privateOne.id, "insider", "going");
    await answer(elsewhere.id, "stranger", "going");
    // The outsider "answered" the private event behind the API's back: still not theirs to see.
    await answer(privateOne.id, "outsider", "going");
    await answer(going.id, "outsider", "maybe");
    await withTenant(world.fx.db, asSystem(world.acmeId, "test"), (scope) =>
      scope.db.insert(eventHost).values({
        organizationId: world.acmeId,
        spaceId: world.ids.public,
        eventId: hosted.id,
        memberId: world.persons.insider.memberId,
      }),
    );
    void unanswered;

    const insiderFeed = await world.callers.insider.calendarFeed.create();
    const response = await fetchFeed(insiderFeed.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, max-age=300");
    const text = await response.text();
    expect(summaries(text)).toEqual(["Going public", "Hosting", "Inner private"]);
    // The online link is never in a file: the event's page is.
    expect(text).not.toContain("secret-room");
    expect(text).toContain("LOCATION:Online (the link is on the event page)");
    expect(text.replace(/\r\n /g, "")).toContain(
      `URL;VALUE=URI:http://localhost:3999/o/acme/s/inner/events/${privateOne.id}`,
    );

    const outsiderFeed = await world.callers.outsider.calendarFeed.create();
    expect(summaries(await (await fetchFeed(outsiderFeed.url)).text())).toEqual(["Going public"]);
    // The payer sees the paid space through their tier.
    const payerFeed = await world.callers.payer.calendarFeed.rotate();
    expect(summaries(await (await fetchFeed(payerFeed.url)).text())).toEqual(["Maybe paid"]);
    const strangerFeed = await world.callers.stranger.calendarFeed.create();
    expect(summaries(await (await fetchFeed(strangerFeed.url)).text())).toEqual([
      "Other org event",
    ]);

    // Taken out of the private space: its event leaves their feed at the next fetch.
    await world.callers.owner.space.removeMember({
      spaceId: world.ids.private,
      memberId: world.persons.insider.memberId,
    });
    expect(summaries(await (await fetchFeed(insiderFeed.url)).text())).toEqual([
      "Going public",
      "Hosting",
    ]);
    await world.callers.owner.space.addMember({
      spaceId: world.ids.private,
      memberId: world.persons.insider.memberId,
    });
  });

  it("is rate limited per client address", async () => {
    const feed = await world.callers.moderator.calendarFeed.create();
    const from = "198.51.100.7";
    for (let i = 0; i < CALENDAR_FEED_RATE_LIMIT.max; i++)
      expect((await fetchFeed(feed.url, from)).status).toBe(200);
    const refused = await fetchFeed(feed.url, from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await fetchFeed(feed.url, "198.51.100.8")).status).toBe(200);
  });
});

describe("an event's .ics", () => {
  it("is one VEVENT for a one-off event, for members who see it", async () => {
    const startsAt = new Date("2027-02-10T18:30:00Z");
    const one = await createEvent({
      title: "Design critique, round 2",
      startsAt,
      space: "private",
      place: "Room 4; 2nd floor",
    });
    const file = await world.callers.insider.calendarFeed.eventIcs({ id: one.id });
    expect(file.filename).toBe("design-critique-round-2.ics");
    const calendar = new ICAL.Component(ICAL.parse(file.ics));
    const [vevent] = calendar.getAllSubcomponents("vevent");
    const parsed = new ICAL.Event(vevent);
    expect(parsed.summary).toBe("Design critique, round 2");
    expect(parsed.location).toBe("Room 4; 2nd floor");
    expect(parsed.uid).toBe(`event-${one.id}@localhost`);
    expect(parsed.startDate.toJSDate().toISOString()).toBe(startsAt.toISOString());
    expect(parsed.startDate.zone.tzid).toBe("Europe/Paris");
    expect(await codeOf(world.callers.outsider.calendarFeed.eventIcs({ id: one.id }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(world.callers.stranger.calendarFeed.eventIcs({ id: one.id }))).toBe(
      "NOT_FOUND",
    );
  });

  it("gives a series' rule, its cancelled, deleted and edited occurrences, expanding to the expected dates", async () => {
    // Weekly on Mondays at 18:00 in Paris from 8 March 2027, six times; DST starts on 28 March.
    const first = new Date("2027-03-08T17:00:00Z");
    const starts = [
      "2027-03-08T17:00:00Z",
      "2027-03-15T17:00:00Z",
      "2027-03-22T17:00:00Z",
      "2027-03-29T16:00:00Z",
      "2027-04-05T16:00:00Z",
      "2027-04-12T16:00:00Z",
    ].map((at) => new Date(at));
    const ids = await withTenant(world.fx.db, asSystem(world.acmeId, "test"), async (scope) => {
      const template = {
        organizationId: world.acmeId,
        spaceId: world.ids.public,
        title: "Weekly call",
        description: "Every Monday",
        timeZone: "Europe/Paris",
      };
      const [series] = await scope.db
        .insert(eventSeries)
        .values({
          ...template,
          frequency: "weekly",
          rrule: "FREQ=WEEKLY;BYDAY=MO;COUNT=6",
          startsAt: first,
          durationMinutes: 60,
          generatedUntil: starts.at(-1) ?? first,
        })
        .returning();
      if (!series) throw new Error("no series");
      const rows = await scope.db
        .insert(event)
        .values(
          starts.map((at) => ({
            ...template,
            seriesId: series.id,
            originalStart: at,
            startsAt: at,
            endsAt: new Date(at.getTime() + HOUR),
          })),
        )
        .returning({ id: event.id, originalStart: event.originalStart });
      const byStart = (at: Date) =>
        rows.find((row) => row.originalStart?.getTime() === at.getTime())?.id ?? "";
      // The third is cancelled; the fifth moved to 19:30 local for 90 minutes and renamed.
      const [third, fifth] = [byStart(starts[2] ?? first), byStart(starts[4] ?? first)];
      await scope.db
        .update(event)
        .set({ status: "cancelled", cancelledAt: scope.now(), detached: true })
        .where(and(eq(event.organizationId, world.acmeId), eq(event.id, third)));
      await scope.db
        .update(event)
        .set({
          detached: true,
          title: "Weekly call (long one)",
          startsAt: new Date("2027-04-05T17:30:00Z"),
          endsAt: new Date("2027-04-05T19:00:00Z"),
        })
        .where(and(eq(event.organizationId, world.acmeId), eq(event.id, fifth)));
      // The sixth is deleted on its own (event.remove deletes the row of one occurrence).
      await scope.db
        .delete(event)
        .where(
          and(eq(event.organizationId, world.acmeId), eq(event.id, byStart(starts[5] ?? first))),
        );
      return { series: series.id, any: byStart(starts[1] ?? first) };
    });

    const file = await world.callers.outsider.calendarFeed.eventIcs({ id: ids.any });
    const calendar = new ICAL.Component(ICAL.parse(file.ics));
    const vevents = calendar.getAllSubcomponents("vevent");
    const master = vevents.find((v) => !v.hasProperty("recurrence-id"));
    const series = new ICAL.Event(master);
    expect(series.uid).toBe(`series-${ids.series}@localhost`);
    for (const exception of vevents.filter((v) => v.hasProperty("recurrence-id")))
      series.relateException(exception);
    const iterator = series.iterator();
    const found: string[] = [];
    for (let next = iterator.next(); next; next = iterator.next()) {
      const details = series.getOccurrenceDetails(next);
      found.push(
        `${details.startDate.toJSDate().toISOString()} ${details.endDate.toJSDate().toISOString()} ${details.item.summary}`,
      );
    }
    expect(found).toEqual([
      "2027-03-08T17:00:00.000Z 2027-03-08T18:00:00.000Z Weekly call",
      "2027-03-15T17:00:00.000Z 2027-03-15T18:00:00.000Z Weekly call",
      "2027-03-29T16:00:00.000Z 2027-03-29T17:00:00.000Z Weekly call",
      "2027-04-05T17:30:00.000Z 2027-04-05T19:00:00.000Z Weekly call (long one)",
    ]);
  });
});
