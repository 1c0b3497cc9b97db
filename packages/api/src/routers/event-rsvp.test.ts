// RSVPs through the procedures, on a real database: the capacity race (50 members answer going
// at once for 10 seats: exactly 10 going, 40 waitlisted in the order they took the event's lock),
// concurrent cancels promoting the waitlist's first in order, each once and told once; answers
// that hold no seat; a waitlisted member who asks again keeps their place; answers refused for a
// cancelled or ended event; who sees the guest list; the online link's gating; and the seats a
// member gives up by leaving the organization or a private space, or by losing the tier a paid
// space asks for.
import { and, asSystem, eq, event, eventRsvp, notification, sql, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { toLocalDateTime } from "../services/event-recurrence.ts";
import { ONLINE_LINK_LEAD_MINUTES, visibleOnlineUrl } from "../services/event-rsvp.ts";
import {
  type ApiFixture,
  codeOf,
  createCommunityFixture,
  followEvents,
  refusalOf,
} from "../testing.ts";

let fx: ApiFixture;
let acmeId = "";
let world: Awaited<ReturnType<typeof createCommunityFixture>>;

const zone = "UTC";
const MINUTE = 60_000;

/** The form's wall time (UTC) `minutes` from now. */
const localIn = (minutes: number) => toLocalDateTime(new Date(Date.now() + minutes * MINUTE), zone);

/** An event in the public space starting in `minutes` (an hour long). */
async function createEvent(
  extra: { capacity?: number; onlineUrl?: string; minutes?: number } = {},
) {
  const minutes = extra.minutes ?? 24 * 60;
  const { id } = await world.callers.owner.event.create({
    spaceId: world.ids.public,
    title: "Capacity night",
    startsAt: localIn(minutes),
    endsAt: localIn(minutes + 60),
    timeZone: zone,
    ...(extra.capacity ? { capacity: extra.capacity } : {}),
    ...(extra.onlineUrl ? { onlineUrl: extra.onlineUrl } : {}),
  });
  return id;
}

/** The event's answers and count, read past RLS. */
async function ledger(eventId: string) {
  return withTenant(fx.db, asSystem(acmeId, "test"), async (scope) => {
    const answers = await scope.db
      .select()
      .from(eventRsvp)
      .where(eq(eventRsvp.eventId, eventId))
      .orderBy(eventRsvp.arrival);
    const [row] = await scope.db.select().from(event).where(eq(event.id, eventId));
    return { answers, goingCount: row?.goingCount ?? -1 };
  });
}

type Person = Awaited<ReturnType<ApiFixture["addMember"]>>;
let crowd: { person: Person; api: Awaited<ReturnType<Person["caller"]>> }[] = [];

beforeAll(async () => {
  world = await createCommunityFixture(inject("pgAdminUrl"), {
    type: "events",
    slugs: { public: "meetups", private: "inner-circle", paid: "gold-sessions" },
  });
  fx = world.fx;
  acmeId = world.acmeId;
  crowd = await Promise.all(
    Array.from({ length: 50 }, async (_, i) => {
      const person = await fx.addMember(acmeId, "member", { name: `Guest ${i + 1}` });
      return { person, api: await person.caller("acme") };
    }),
  );
}, 120_000);
afterAll(() => fx.drop());

describe("the capacity race", () => {
  let eventId = "";

  it("gives 10 seats to 50 members answering at once, and waitlists 40 in arrival order", async () => {
    eventId = await createEvent({ capacity: 10 });
    const answers = await Promise.all(
      crowd.map(({ api }) => api.eventRsvp.respond({ eventId, status: "going" })),
    );
    expect(answers.filter((a) => a.status === "going")).toHaveLength(10);
    expect(answers.filter((a) => a.status === "waitlisted")).toHaveLength(40);

    const { answers: rows, goingCount } = await ledger(eventId);
    expect(goingCount).toBe(10);
    expect(rows).toHaveLength(50);
    // Arrival numbers are the order the event's lock was taken: 1..50, no gap, no repeat.
    expect(rows.map((r) => r.arrival)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // The first ten to take the lock are going; everyone after waits, in that order.
    expect(rows.slice(0, 10).every((r) => r.status === "going")).toBe(true);
    expect(rows.slice(10).every((r) => r.status === "waitlisted")).toBe(true);
    // Each waitlisted member sees their place: 1..40 by arrival.
    const byMember = new Map(crowd.map((c) => [c.person.memberId, c.api]));
    const waiting = rows.slice(10);
    const places = await Promise.all(
      waiting.map((r) => byMember.get(r.memberId)?.eventRsvp.mine({ eventId })),
    );
    expect(places.map((p) => p?.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(places.every((p) => p?.waitlistCount === 40 && p.seatsLeft === 0)).toBe(true);
  });

  it("promotes the waitlist's first in order when 5 going cancel at once, each once, told once", async () => {
    const before = await ledger(eventId);
    const goingMembers = before.answers.filter((r) => r.status === "going").slice(0, 5);
    const nextInLine = before.answers
      .filter((r) => r.status === "waitlisted")
      .slice(0, 5)
      .map((r) => r.memberId);
    const byMember = new Map(crowd.map((c) => [c.person.memberId, c.api]));
    // Five cancels at once, and the waitlist's sixth asking again (keeps their place).
    const sixth = before.answers.filter((r) => r.status === "waitlisted")[5];
    await Promise.all([
      ...goingMembers.map((r) =>
        byMember.get(r.memberId)?.eventRsvp.respond({ eventId, status: "not_going" }),
      ),
      sixth ? byMember.get(sixth.memberId)?.eventRsvp.respond({ eventId, status: "going" }) : null,
    ]);
    const after = await ledger(eventId);
    expect(after.goingCount).toBe(10);
    expect(after.answers.filter((r) => r.status === "going")).toHaveLength(10);
    const promoted = after.answers.filter((r) => r.promotedAt !== null);
    expect(promoted.map((r) => r.memberId).sort()).toEqual([...nextInLine].sort());
    const waiting = after.answers.filter((r) => r.status === "waitlisted");
    expect(waiting).toHaveLength(35);
    expect(waiting[0]?.memberId).toBe(sixth?.memberId);
    const sixthApi = sixth ? byMember.get(sixth.memberId) : undefined;
    expect((await sixthApi?.eventRsvp.mine({ eventId }))?.position).toBe(1);

    // Told once each: one event.promoted notification per promoted member.
    await fx.runJobs();
    const told = await withTenant(fx.db, asSystem(acmeId, "test"), (scope) =>
      scope.db
        .select({ memberId: notification.memberId })
        .from(notification)
        .where(and(eq(notification.kind, "event.promoted"), eq(notification.targetId, eventId))),
    );
    expect(told.map((t) => t.memberId).sort()).toEqual([...nextInLine].sort());
    const first = nextInLine[0] ? byMember.get(nextInLine[0]) : undefined;
    const mine = await first?.eventRsvp.mine({ eventId });
    expect(mine).toMatchObject({ status: "going", promoted: true, position: null });
  });
});

describe("answers", () => {
  it("holds a seat only for going; maybe and not going hold none", async () => {
    const eventId = await createEvent({ capacity: 1 });
    const [a, b] = crowd;
    if (!a || !b) throw new Error("crowd missing");
    expect((await a.api.eventRsvp.respond({ eventId, status: "maybe" })).status).toBe("maybe");
    expect((await b.api.eventRsvp.respond({ eventId, status: "going" })).status).toBe("going");
    expect((await a.api.eventRsvp.respond({ eventId, status: "going" })).position).toBe(1);
    // Going to maybe frees the seat: the waitlisted takes it.
    await b.api.eventRsvp.respond({ eventId, status: "maybe" });
    expect(await a.api.eventRsvp.mine({ eventId })).toMatchObject({
      status: "going",
      seatsLeft: 0,
    });
    expect((await ledger(eventId)).goingCount).toBe(1);
  });

  it("hears event.rsvp live when promoted", async () => {
    const eventId = await createEvent({ capacity: 1 });
    const [a, b] = crowd;
    if (!a || !b) throw new Error("crowd missing");
    await a.api.eventRsvp.respond({ eventId, status: "going" });
    await b.api.eventRsvp.respond({ eventId, status: "going" });
    const stream = await followEvents(b.person, "acme");
    try {
      await a.api.eventRsvp.respond({ eventId, status: "not_going" });
      const heard = await stream.nextOf(["event.rsvp"]);
      expect(heard.target).toEqual({ type: "event", id: eventId });
    } finally {
      stream.close();
    }
    expect((await b.api.eventRsvp.mine({ eventId })).status).toBe("going");
  });

  it("refuses answers to a cancelled or ended event, and unknown answers", async () => {
    const cancelled = await createEvent();
    await world.callers.owner.event.cancel({ id: cancelled, scope: "occurrence" });
    expect(
      await refusalOf(
        world.callers.insider.eventRsvp.respond({ eventId: cancelled, status: "going" }),
      ),
    ).toEqual({ code: "CONFLICT", fields: [] });
    const ended = await createEvent();
    await withTenant(fx.db, asSystem(acmeId, "test"), (scope) =>
      scope.db.execute(
        sql`update event set starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' where id = ${ended}`,
      ),
    );
    expect(
      await codeOf(world.callers.insider.eventRsvp.respond({ eventId: ended, status: "maybe" })),
    ).toBe("CONFLICT");
    expect(
      await refusalOf(
        world.callers.insider.eventRsvp.respond({
          eventId: ended,
          status: "waitlisted" as "going",
        }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["status"] });
  });

  it("is NOT_FOUND for whoever cannot see the event's space", async () => {
    const { id } = await world.callers.owner.event.create({
      spaceId: world.ids.private,
      title: "Inner circle",
      startsAt: localIn(600),
      endsAt: localIn(660),
      timeZone: zone,
    });
    expect(
      await codeOf(world.callers.outsider.eventRsvp.respond({ eventId: id, status: "going" })),
    ).toBe("NOT_FOUND");
    expect(await codeOf(world.callers.outsider.eventRsvp.mine({ eventId: id }))).toBe("NOT_FOUND");
    expect(await codeOf(world.callers.stranger.eventRsvp.mine({ eventId: id }))).toBe("NOT_FOUND");
    expect(
      (await world.callers.insider.eventRsvp.respond({ eventId: id, status: "going" })).status,
    ).toBe("going");
  });
});

describe("the guest list", () => {
  it("shows hosts and moderators going, maybe and waitlisted by name, refuses members", async () => {
    const eventId = await createEvent({ capacity: 1 });
    await world.callers.insider.eventRsvp.respond({ eventId, status: "going" });
    await world.callers.outsider.eventRsvp.respond({ eventId, status: "going" });
    await world.callers.payer.eventRsvp.respond({ eventId, status: "maybe" });
    const list = await world.callers.moderator.eventRsvp.guests({ eventId });
    expect(list.going.map((g) => g.name)).toEqual(["insider"]);
    expect(list.waitlisted.map((g) => [g.name, g.position])).toEqual([["outsider", 1]]);
    expect(list.maybe.map((g) => g.name)).toEqual(["payer"]);
    expect(await codeOf(world.callers.insider.eventRsvp.guests({ eventId }))).toBe("FORBIDDEN");
    expect(await codeOf(world.callers.stranger.eventRsvp.guests({ eventId }))).toBe("NOT_FOUND");
  });
});

describe("the online link", () => {
  const at = new Date("2031-05-06T18:00:00Z");
  const row = {
    onlineUrl: "https://meet.example/room",
    status: "scheduled" as const,
    startsAt: at,
    endsAt: new Date(at.getTime() + 60 * MINUTE),
  };
  const minutesBefore = (minutes: number) => new Date(at.getTime() - minutes * MINUTE);

  it("opens to people going shortly before the start, to hosts always", () => {
    const going = { organizes: false, rsvp: "going" as const };
    expect(visibleOnlineUrl(row, going, minutesBefore(ONLINE_LINK_LEAD_MINUTES + 1))).toBeNull();
    expect(visibleOnlineUrl(row, going, minutesBefore(ONLINE_LINK_LEAD_MINUTES))).toBe(
      row.onlineUrl,
    );
    expect(visibleOnlineUrl(row, going, new Date(at.getTime() + 61 * MINUTE))).toBeNull();
    expect(visibleOnlineUrl(row, { organizes: false, rsvp: "waitlisted" }, at)).toBeNull();
    expect(visibleOnlineUrl(row, { organizes: false, rsvp: "maybe" }, at)).toBeNull();
    expect(visibleOnlineUrl(row, { organizes: true, rsvp: null }, minutesBefore(600))).toBe(
      row.onlineUrl,
    );
    expect(visibleOnlineUrl({ ...row, status: "cancelled" }, going, minutesBefore(1))).toBeNull();
  });

  it("is in mine only for people going, once it opens", async () => {
    const soon = await createEvent({
      capacity: 5,
      minutes: 10,
      onlineUrl: "https://meet.example/soon",
    });
    const later = await createEvent({
      capacity: 5,
      minutes: 120,
      onlineUrl: "https://meet.example/later",
    });
    const api = world.callers.payer;
    expect((await api.eventRsvp.mine({ eventId: soon })).onlineUrl).toBeNull();
    expect((await api.eventRsvp.respond({ eventId: soon, status: "going" })).onlineUrl).toBe(
      "https://meet.example/soon",
    );
    expect((await api.eventRsvp.respond({ eventId: later, status: "going" })).onlineUrl).toBeNull();
    expect((await world.callers.moderator.eventRsvp.mine({ eventId: later })).onlineUrl).toBe(
      "https://meet.example/later",
    );
  });
});

describe("a raised capacity", () => {
  it("gives its new seats to the waitlist in order, and event.get shows the link as allowed", async () => {
    const startsAt = localIn(10);
    const endsAt = localIn(70);
    const fields = {
      spaceId: world.ids.public,
      title: "Growing room",
      startsAt,
      endsAt,
      timeZone: zone,
      capacity: 1,
      onlineUrl: "https://meet.example/growing",
    };
    const { id: eventId } = await world.callers.owner.event.create(fields);
    await world.callers.insider.eventRsvp.respond({ eventId, status: "going" });
    await world.callers.outsider.eventRsvp.respond({ eventId, status: "going" });
    await world.callers.payer.eventRsvp.respond({ eventId, status: "going" });
    expect((await world.callers.outsider.event.get({ id: eventId })).onlineUrl).toBeNull();
    const { spaceId: _space, ...rest } = fields;
    await world.callers.owner.event.update({ ...rest, id: eventId, capacity: 2 });
    expect((await world.callers.outsider.eventRsvp.mine({ eventId })).status).toBe("going");
    expect((await world.callers.payer.eventRsvp.mine({ eventId })).position).toBe(1);
    expect((await ledger(eventId)).goingCount).toBe(2);
    expect((await world.callers.outsider.event.get({ id: eventId })).onlineUrl).toBe(
      "https://meet.example/growing",
    );
    expect((await world.callers.payer.event.get({ id: eventId })).onlineUrl).toBeNull();
  });
});

/** A one-seat event in a space, starting in `minutes` (an hour long). */
async function oneSeatIn(spaceId: string, title: string, minutes: number) {
  const made = await world.callers.owner.event.create({
    spaceId,
    title,
    startsAt: localIn(minutes),
    endsAt: localIn(minutes + 60),
    timeZone: zone,
    capacity: 1,
  });
  return made.id;
}

describe("members who leave", () => {
  it("give their seat to the waitlist when removed from the organization", async () => {
    const eventId = await createEvent({ capacity: 1 });
    const leaving = await fx.addMember(acmeId, "member", { name: "Leaving" });
    const waiting = crowd[2];
    if (!waiting) throw new Error("crowd missing");
    await (await leaving.caller("acme")).eventRsvp.respond({ eventId, status: "going" });
    expect((await waiting.api.eventRsvp.respond({ eventId, status: "going" })).position).toBe(1);
    await world.callers.owner.member.remove({ id: leaving.memberId });
    expect((await waiting.api.eventRsvp.mine({ eventId })).status).toBe("going");
    expect((await ledger(eventId)).goingCount).toBe(1);
  });

  it("give their seat back when their account is deleted (a cascade, outside any tenant)", async () => {
    const eventId = await createEvent({ capacity: 1 });
    const leaving = await fx.addMember(acmeId, "member", { name: "Deleting" });
    const waiting = crowd[3];
    if (!waiting) throw new Error("crowd missing");
    await (await leaving.caller("acme")).eventRsvp.respond({ eventId, status: "going" });
    await waiting.api.eventRsvp.respond({ eventId, status: "going" });
    await fx.db.execute(sql`delete from "user" where id = ${leaving.id}`);
    expect((await ledger(eventId)).goingCount).toBe(0);
    // The next answer moves the waitlist into the freed seat first.
    await world.callers.payer.eventRsvp.respond({ eventId, status: "going" });
    expect((await waiting.api.eventRsvp.mine({ eventId })).status).toBe("going");
    expect((await world.callers.payer.eventRsvp.mine({ eventId })).position).toBe(1);
    expect((await ledger(eventId)).goingCount).toBe(1);
  });

  it("give their seat in a paid space up when their tier is revoked: the waitlist's first is promoted, once, and told", async () => {
    const eventId = await oneSeatIn(world.ids.paid, "Gold table, one seat", 1200);
    const gold = (await world.callers.owner.memberTier.list({})).find((t) => t.name === "Gold");
    if (!gold) throw new Error("the fixture's Gold tier is missing");
    const lapsing = await fx.addMember(acmeId, "member", { name: "Lapsing" });
    const waiting = await fx.addMember(acmeId, "member", { name: "Waiting" });
    for (const who of [lapsing, waiting])
      await world.callers.owner.memberTier.grant({ memberId: who.memberId, tierId: gold.id });
    const lapsingApi = await lapsing.caller("acme");
    const waitingApi = await waiting.caller("acme");
    await lapsingApi.eventRsvp.respond({ eventId, status: "going" });
    expect((await waitingApi.eventRsvp.respond({ eventId, status: "going" })).position).toBe(1);
    // A tier change that keeps the space open changes nothing: the same tier granted again.
    await world.callers.owner.memberTier.grant({ memberId: lapsing.memberId, tierId: gold.id });
    expect((await lapsingApi.eventRsvp.mine({ eventId })).status).toBe("going");

    await world.callers.owner.memberTier.revoke({ memberId: lapsing.memberId });
    expect(await codeOf(lapsingApi.eventRsvp.mine({ eventId }))).toBe("NOT_FOUND");
    const { answers, goingCount } = await ledger(eventId);
    expect(goingCount).toBe(1);
    expect(answers.map((a) => [a.memberId, a.status])).toEqual(
      expect.arrayContaining([
        [lapsing.memberId, "not_going"],
        [waiting.memberId, "going"],
      ]),
    );
    expect((await waitingApi.eventRsvp.mine({ eventId })).status).toBe("going");
    expect(
      answers.filter((a) => a.memberId === waiting.memberId).map((a) => a.promotedAt !== null),
    ).toEqual([true]);
    // Told once.
    await fx.runJobs();
    const told = await withTenant(fx.db, asSystem(acmeId, "test"), (scope) =>
      scope.db
        .select({ memberId: notification.memberId })
        .from(notification)
        .where(and(eq(notification.kind, "event.promoted"), eq(notification.targetId, eventId))),
    );
    expect(told.map((t) => t.memberId)).toEqual([waiting.memberId]);
  });

  it("give their seat up when they leave a private space", async () => {
    const eventId = await oneSeatIn(world.ids.private, "Inner circle, one seat", 900);
    await world.callers.insider.eventRsvp.respond({ eventId, status: "going" });
    expect(
      (await world.callers.moderator.eventRsvp.respond({ eventId, status: "going" })).position,
    ).toBe(1);
    await world.callers.insider.space.leave({ spaceId: world.ids.private });
    expect((await world.callers.moderator.eventRsvp.mine({ eventId })).status).toBe("going");
    expect((await ledger(eventId)).goingCount).toBe(1);
  });
});
