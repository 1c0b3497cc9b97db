// Events through the procedures, on a real database: who creates and edits them (moderators,
// hosts) and who may not, validation answered as BAD_REQUEST on the form's fields, who sees an
// event in a public, private and paid events space (and another organization), recurrence
// expanded to the expected instants across a daylight-saving change, one occurrence edited on
// its own against a series edit (RSVPs kept), cancellation (guests told) and deletion, the
// derived status and "live now", and the lists' pages and calendar range.
import { asSystem, createTestClock, eventRsvp, sql, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { extendSeries } from "../services/event.ts";
import { fromLocalDateTime, toLocalDateTime } from "../services/event-recurrence.ts";
import {
  type ApiFixture,
  codeOf,
  communityPeople,
  communitySees,
  createCommunityFixture,
  refusalOf,
} from "../testing.ts";

let fx: ApiFixture;
let acmeId = "";
let persons: Awaited<ReturnType<typeof createCommunityFixture>>["persons"];
let callers: Awaited<ReturnType<typeof createCommunityFixture>>["callers"];
let spaces: Awaited<ReturnType<typeof createCommunityFixture>>["ids"];

const zone = "Europe/Paris";
const DAY = 86_400_000;

/** A wall time in Paris `days` from now at `time` (the form's value). */
function localIn(days: number, time = "18:00") {
  return `${toLocalDateTime(new Date(Date.now() + days * DAY), zone).slice(0, 10)}T${time}`;
}

/** The form's fields for an event `days` from now, 18:00 to 19:30 in Paris. */
const fieldsAt = (days: number, extra: object = {}) => ({
  title: "Community call",
  description: "We talk about **things**",
  startsAt: localIn(days, "18:00"),
  endsAt: localIn(days, "19:30"),
  timeZone: zone,
  ...extra,
});
const eventAt = (spaceId: string, days: number, extra: object = {}) => ({
  spaceId,
  ...fieldsAt(days, extra),
});

/** Paris's offset from UTC at an instant, in milliseconds. */
function parisOffset(at: number) {
  return (
    Date.parse(`${toLocalDateTime(new Date(at), zone)}:00Z`) - Math.floor(at / 60_000) * 60_000
  );
}

/** Noon of the first day at least `fromDays` ahead on which Paris changes its UTC offset. */
function nextOffsetChange(fromDays: number): Date {
  for (let day = fromDays; day < fromDays + 400; day++) {
    const noon = fromLocalDateTime(localIn(day, "12:00"), zone).getTime();
    if (parisOffset(noon) !== parisOffset(noon - DAY)) return new Date(noon);
  }
  throw new Error("no offset change within a year");
}

async function rsvp(eventId: string, spaceId: string, memberId: string, arrival: number) {
  await withTenant(fx.db, asSystem(acmeId, "test"), (scope) =>
    scope.db.insert(eventRsvp).values({
      organizationId: acmeId,
      spaceId,
      eventId,
      memberId,
      status: "going",
      arrival,
    }),
  );
}

beforeAll(async () => {
  const world = await createCommunityFixture(inject("pgAdminUrl"), {
    type: "events",
    slugs: { public: "meetups", private: "inner-circle", paid: "gold-sessions" },
  });
  fx = world.fx;
  acmeId = world.acmeId;
  persons = world.persons;
  callers = world.callers;
  spaces = world.ids;
});
afterAll(() => fx?.drop());

describe("creating and reading events", () => {
  it("a moderator creates a one-off event; get gives hosts, status and permissions, never the link", async () => {
    const created = await callers.moderator.event.create(
      eventAt(spaces.public, 10, {
        onlineUrl: "https://meet.example.com/secret-room",
        place: "Room 4",
        capacity: 20,
        tags: ["Weekly Sync", "#ops"],
        hostMemberIds: [persons.insider.memberId],
      }),
    );
    expect(created.seriesId).toBeNull();
    const seen = await callers.outsider.event.get({ id: created.id });
    expect(seen).toMatchObject({
      title: "Community call",
      status: "scheduled",
      hasOnlineLink: true,
      place: "Room 4",
      capacity: 20,
      seatsLeft: 20,
      tags: ["weekly-sync", "ops"],
      timeZone: zone,
      local: { startsAt: localIn(10, "18:00"), endsAt: localIn(10, "19:30") },
      viewer: { isHost: false, canEdit: false },
    });
    expect(JSON.stringify(seen)).not.toContain("secret-room");
    expect(seen.hosts.map((h) => h.memberId).sort()).toEqual(
      [persons.moderator.memberId, persons.insider.memberId].sort(),
    );
    expect(seen.startsAt).toEqual(fromLocalDateTime(localIn(10, "18:00"), zone));
    const hostView = await callers.insider.event.get({ id: created.id });
    expect(hostView.viewer).toEqual({ isHost: true, canEdit: true });
  });

  it("members cannot create events; a host edits their event, a non-host member may not", async () => {
    expect(await codeOf(callers.insider.event.create(eventAt(spaces.public, 3)))).toBe("FORBIDDEN");
    const created = await callers.owner.event.create(
      eventAt(spaces.public, 4, { hostMemberIds: [persons.insider.memberId] }),
    );
    const fields = { id: created.id, ...fieldsAt(4, { title: "Renamed by host" }) };
    await callers.insider.event.update({ ...fields, hostMemberIds: [] });
    expect((await callers.payer.event.get({ id: created.id })).title).toBe("Renamed by host");
    // The host kept hosting when they left the host list out.
    expect(
      (await callers.payer.event.get({ id: created.id })).hosts.map((h) => h.memberId),
    ).toContain(persons.insider.memberId);
    expect(await refusalOf(callers.outsider.event.update(fields))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await codeOf(callers.outsider.event.cancel({ id: created.id }))).toBe("FORBIDDEN");
    expect(await codeOf(callers.outsider.event.remove({ id: created.id }))).toBe("FORBIDDEN");
  });

  it("answers invalid input as BAD_REQUEST on the form's fields, never 500", async () => {
    const bad = async (extra: object) =>
      refusalOf(callers.moderator.event.create(eventAt(spaces.public, 5, extra)));
    expect(await bad({ endsAt: localIn(5, "17:00") })).toEqual({
      code: "BAD_REQUEST",
      fields: ["endsAt"],
    });
    expect(await bad({ endsAt: localIn(20, "17:00") })).toEqual({
      code: "BAD_REQUEST",
      fields: ["endsAt"],
    });
    expect(await bad({ timeZone: "Mars/Olympus" })).toEqual({
      code: "BAD_REQUEST",
      fields: ["timeZone"],
    });
    expect(await bad({ startsAt: "2026-13-01T10:00" })).toMatchObject({
      code: "BAD_REQUEST",
      fields: expect.arrayContaining(["startsAt"]),
    });
    expect(await bad({ capacity: 0 })).toEqual({ code: "BAD_REQUEST", fields: ["capacity"] });
    expect(await bad({ title: "   " })).toEqual({ code: "BAD_REQUEST", fields: ["title"] });
    expect(await bad({ onlineUrl: "javascript:alert(1)" })).toEqual({
      code: "BAD_REQUEST",
      fields: ["onlineUrl"],
    });
    expect(await bad({ tags: ["ok", "no way!"] })).toEqual({
      code: "BAD_REQUEST",
      fields: ["tags"],
    });
    expect(await bad({ coverFileId: crypto.randomUUID() })).toEqual({
      code: "BAD_REQUEST",
      fields: ["coverFileId"],
    });
    expect(await bad({ hostMemberIds: [crypto.randomUUID()] })).toEqual({
      code: "BAD_REQUEST",
      fields: ["hostMemberIds"],
    });
    expect(await bad({ courseId: crypto.randomUUID() })).toEqual({
      code: "BAD_REQUEST",
      fields: ["courseId"],
    });
    expect(
      await bad({
        recurrence: { frequency: "weekly", interval: 1, count: 5, until: "2040-01-01" },
      }),
    ).toEqual({ code: "BAD_REQUEST", fields: ["recurrence"] });
    expect(await refusalOf(callers.moderator.event.create(eventAt(spaces.discussion, 5)))).toEqual({
      code: "BAD_REQUEST",
      fields: ["spaceId"],
    });
    expect(
      await refusalOf(
        callers.moderator.event.calendar({
          from: new Date(),
          to: new Date(Date.now() + 70 * DAY),
        }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["to"] });
  });
});

describe("who sees an event: the matrix", () => {
  it("follows the space: public, private (its members), paid (tier holders); staff all; other organizations none", async () => {
    const ids = {
      public: (await callers.owner.event.create(eventAt(spaces.public, 30, { title: "Open" }))).id,
      private: (await callers.owner.event.create(eventAt(spaces.private, 30, { title: "Inner" })))
        .id,
      paid: (await callers.owner.event.create(eventAt(spaces.paid, 30, { title: "Gold" }))).id,
    };
    const from = new Date(Date.now() + 29 * DAY);
    const to = new Date(Date.now() + 32 * DAY);
    for (const visibility of ["public", "private", "paid"] as const) {
      for (const who of communityPeople) {
        const sees = communitySees[visibility].includes(who);
        const label = `${who} → ${visibility}`;
        const api = callers[who];
        expect(await codeOf(api.event.get({ id: ids[visibility] })), label).toBe(
          sees ? "OK" : "NOT_FOUND",
        );
        expect(await codeOf(api.event.list({ spaceId: spaces[visibility] })), label).toBe(
          sees ? "OK" : "NOT_FOUND",
        );
        expect(
          await codeOf(
            api.event.update({
              id: ids[visibility],
              ...fieldsAt(30, { title: "Planted" }),
            }),
          ),
          label,
        ).toBe(sees ? (who === "owner" || who === "moderator" ? "OK" : "FORBIDDEN") : "NOT_FOUND");
        const calendar = await api.event.calendar({ from, to });
        expect(
          calendar.items.some((e) => e.id === ids[visibility]),
          `${label} (calendar)`,
        ).toBe(sees);
        const upcoming = await api.event.upcoming({ limit: 50 });
        expect(
          upcoming.items.some((e) => e.id === ids[visibility]),
          `${label} (upcoming)`,
        ).toBe(sees);
      }
    }
  });
});

describe("tags", () => {
  it("event.tags gives every distinct tag of the space's upcoming (or past) events, not only a page's", async () => {
    const api = callers.owner;
    await api.event.create(eventAt(spaces.private, 40, { tags: ["sailing", "knots"] }));
    await api.event.create(eventAt(spaces.private, 41, { tags: ["knots"] }));
    await api.event.create(eventAt(spaces.private, 42, { tags: ["zebra", "apero-night"] }));
    const firstPage = await api.event.list({ spaceId: spaces.private, limit: 1 });
    expect(firstPage.nextCursor).not.toBeNull();
    expect(await api.event.tags({ spaceId: spaces.private })).toEqual([
      "apero-night",
      "knots",
      "sailing",
      "zebra",
    ]);
    // Nothing has ended in that space yet; its members read the same list; outsiders of the
    // private space get NOT_FOUND, as for its events.
    expect(await api.event.tags({ spaceId: spaces.private, when: "past" })).toEqual([]);
    expect(await callers.insider.event.tags({ spaceId: spaces.private })).toHaveLength(4);
    expect(await codeOf(callers.outsider.event.tags({ spaceId: spaces.private }))).toBe(
      "NOT_FOUND",
    );
    expect(await codeOf(callers.stranger.event.tags({ spaceId: spaces.private }))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("recurrence", () => {
  it("a weekly series keeps its wall time across a daylight-saving change", async () => {
    const change = nextOffsetChange(21);
    // Two weeks before the change, 18:00 Paris time, on the change's weekday.
    const first = toLocalDateTime(new Date(change.getTime() - 14 * DAY), zone).slice(0, 10);
    const created = await callers.moderator.event.create({
      ...eventAt(spaces.public, 0),
      title: "Weekly across DST",
      startsAt: `${first}T18:00`,
      endsAt: `${first}T19:00`,
      recurrence: { frequency: "weekly", interval: 1, count: 4 },
    });
    expect(created.occurrences).toBe(4);
    const { items } = await callers.insider.event.calendar({
      from: new Date(change.getTime() - 15 * DAY),
      to: new Date(change.getTime() + 20 * DAY),
      spaceId: spaces.public,
    });
    const series = items.filter((e) => e.seriesId === created.seriesId);
    expect(series.map((e) => toLocalDateTime(e.startsAt, zone).slice(11))).toEqual([
      "18:00",
      "18:00",
      "18:00",
      "18:00",
    ]);
    const days = series.map((e) => toLocalDateTime(e.startsAt, zone).slice(0, 10));
    const expected = [0, 7, 14, 21].map((d) =>
      toLocalDateTime(new Date(Date.parse(`${first}T12:00:00Z`) + d * DAY), "UTC").slice(0, 10),
    );
    expect(days).toEqual(expected);
    // The UTC instants differ by an hour across the change: 18:00 stayed 18:00.
    const offsets = series.map(
      (e) => e.startsAt.getTime() - Date.parse(`${toLocalDateTime(e.startsAt, zone)}:00Z`),
    );
    expect(new Set(offsets).size).toBe(2);
    for (const e of series) expect(e.endsAt.getTime() - e.startsAt.getTime()).toBe(3_600_000);
  });

  it("a monthly series on the last Friday, until a date", async () => {
    const created = await callers.moderator.event.create({
      ...eventAt(spaces.public, 0),
      title: "Last Friday",
      startsAt: "2027-01-29T09:00",
      endsAt: "2027-01-29T10:00",
      timeZone: "America/New_York",
      recurrence: { frequency: "monthly", interval: 1, monthlyBy: "weekday", until: "2027-05-31" },
    });
    const got = await callers.owner.event.get({ id: created.id });
    // The last date reads back as it was chosen, in the series' zone (its UTC date is June 1st).
    expect(got.series?.recurrence).toMatchObject({
      frequency: "monthly",
      monthlyBy: "weekday",
      until: "2027-05-31",
    });
    const { items } = await callers.owner.event.calendar({
      from: new Date("2027-01-01T00:00:00Z"),
      to: new Date("2027-03-01T00:00:00Z"),
    });
    const more = await callers.owner.event.calendar({
      from: new Date("2027-03-01T00:00:00Z"),
      to: new Date("2027-05-01T00:00:00Z"),
    });
    const last = await callers.owner.event.calendar({
      from: new Date("2027-05-01T00:00:00Z"),
      to: new Date("2027-07-01T00:00:00Z"),
    });
    const dates = [...items, ...more.items, ...last.items]
      .filter((e) => e.seriesId === created.seriesId)
      .map((e) => toLocalDateTime(e.startsAt, "America/New_York"));
    expect(dates).toEqual([
      "2027-01-29T09:00",
      "2027-02-26T09:00",
      "2027-03-26T09:00",
      "2027-04-30T09:00",
      "2027-05-28T09:00",
    ]);
  });

  it("an open-ended series is written up to the horizon only", async () => {
    const created = await callers.moderator.event.create({
      ...eventAt(spaces.public, 2),
      title: "Forever weekly",
      recurrence: { frequency: "weekly", interval: 1 },
    });
    expect(created.occurrences).toBeGreaterThanOrEqual(51);
    expect(created.occurrences).toBeLessThanOrEqual(53);
    const count = async () => {
      const [row] = await withTenant(fx.db, asSystem(acmeId, "test"), (scope) =>
        scope.db.execute<{ n: number; last: string }>(
          sql`select count(*)::int as n, max(starts_at)::text as last from event where series_id = ${created.seriesId}`,
        ),
      );
      return row;
    };
    const before = await count();
    // Nothing is due yet: the rows reach the horizon.
    expect(await withTenant(fx.db, asSystem(acmeId, "test"), (scope) => extendSeries(scope))).toBe(
      0,
    );
    // Two months on, the daily maintenance step writes the weeks the horizon moved over, once.
    const clock = createTestClock(61 * DAY);
    const extend = () =>
      withTenant(fx.db, asSystem(acmeId, "horizon", clock), (scope) =>
        extendSeries(scope, created.seriesId ? [created.seriesId] : []),
      );
    const written = await extend();
    expect(written).toBeGreaterThanOrEqual(8);
    expect(written).toBeLessThanOrEqual(10);
    expect(await extend()).toBe(0);
    const after = await count();
    expect(after?.n).toBe((before?.n ?? 0) + written);
    // Still 18:00 in Paris, a week apart.
    const last = new Date(after?.last ?? "");
    expect(toLocalDateTime(last, zone).slice(11)).toBe("18:00");
  });

  it("editing one occurrence detaches it; a series edit rewrites the rest and keeps RSVPs on the same dates", async () => {
    const created = await callers.moderator.event.create({
      ...eventAt(spaces.public, 7),
      title: "Book club",
      recurrence: { frequency: "weekly", interval: 1, count: 4 },
    });
    const seriesId = created.seriesId;
    const occurrences = async () =>
      (
        await callers.owner.event.calendar({
          from: new Date(Date.now()),
          to: new Date(Date.now() + 40 * DAY),
          spaceId: spaces.public,
        })
      ).items.filter((e) => e.seriesId === seriesId);
    const before = await occurrences();
    expect(before).toHaveLength(4);
    const [one, two, three] = before;
    if (!one || !two || !three) throw new Error("occurrences missing");
    // The second occurrence moves to 20:00 on its own.
    const secondDay = toLocalDateTime(two.startsAt, zone).slice(0, 10);
    await callers.moderator.event.update({
      id: two.id,
      scope: "occurrence",
      title: "Book club (special)",
      startsAt: `${secondDay}T20:00`,
      endsAt: `${secondDay}T21:00`,
      timeZone: zone,
    });
    expect(await callers.owner.event.get({ id: two.id })).toMatchObject({
      detached: true,
      title: "Book club (special)",
    });
    // Someone is going to the third.
    await rsvp(three.id, spaces.public, persons.payer.memberId, 1);
    // The series moves to 19:00 and is renamed.
    const firstDay = toLocalDateTime(one.startsAt, zone).slice(0, 10);
    await callers.moderator.event.update({
      id: one.id,
      scope: "series",
      title: "Book club v2",
      startsAt: `${firstDay}T19:00`,
      endsAt: `${firstDay}T20:30`,
      timeZone: zone,
      recurrence: { frequency: "weekly", interval: 1, count: 4 },
    });
    const after = await occurrences();
    expect(after.map((e) => [e.title, toLocalDateTime(e.startsAt, zone).slice(11)])).toEqual([
      ["Book club v2", "19:00"],
      ["Book club (special)", "20:00"],
      ["Book club v2", "19:00"],
      ["Book club v2", "19:00"],
    ]);
    // The third kept its row, and so its RSVP.
    expect(after[2]?.id).toBe(three.id);
    const [kept] = await withTenant(fx.db, asSystem(acmeId, "test"), (scope) =>
      scope.db.execute<{ n: number }>(
        sql`select count(*)::int as n from event_rsvp where event_id = ${three.id}`,
      ),
    );
    expect(kept?.n).toBe(1);
  });
});

describe("cancel, delete, status", () => {
  it("an occurrence deleted on its own stays deleted when the series is edited", async () => {
    const created = await callers.moderator.event.create({
      ...eventAt(spaces.public, 40),
      title: "Choir",
      recurrence: { frequency: "weekly", interval: 1, count: 3 },
    });
    const dates = async () =>
      (
        await callers.owner.event.calendar({
          from: new Date(Date.now() + 39 * DAY),
          to: new Date(Date.now() + 60 * DAY),
          spaceId: spaces.public,
        })
      ).items
        .filter((e) => e.seriesId === created.seriesId)
        .map((e) => [e.title, toLocalDateTime(e.startsAt, zone)]);
    const before = await dates();
    const second = (
      await callers.owner.event.calendar({
        from: new Date(Date.now() + 39 * DAY),
        to: new Date(Date.now() + 60 * DAY),
        spaceId: spaces.public,
      })
    ).items.filter((e) => e.seriesId === created.seriesId)[1];
    if (!second) throw new Error("no second occurrence");
    await callers.moderator.event.remove({ id: second.id });
    await callers.moderator.event.update({
      id: created.id,
      scope: "series",
      ...fieldsAt(40, { title: "Choir practice" }),
      recurrence: { frequency: "weekly", interval: 1, count: 3 },
    });
    expect(await dates()).toEqual([before[0], before[2]].map((d) => ["Choir practice", d?.[1]]));
  });

  it("cancelling an occurrence tells who was going; cancelling the series cancels what is left", async () => {
    const created = await callers.moderator.event.create({
      ...eventAt(spaces.public, 12),
      title: "Yoga",
      recurrence: { frequency: "weekly", interval: 1, count: 3 },
    });
    await rsvp(created.id, spaces.public, persons.outsider.memberId, 1);
    const inbox = async () =>
      (await callers.outsider.notification.list({})).items.filter(
        (n) => n.kind === "event.cancelled",
      );
    const before = (await inbox()).length;
    expect(await callers.moderator.event.cancel({ id: created.id })).toEqual({ cancelled: 1 });
    await fx.runJobs();
    const told = await inbox();
    expect(told.length).toBe(before + 1);
    expect(JSON.stringify(told[0])).toContain("Yoga");
    expect((await callers.outsider.event.get({ id: created.id })).status).toBe("cancelled");
    // Cancelled events cannot be edited.
    expect(
      await codeOf(
        callers.moderator.event.update({
          id: created.id,
          title: "Again",
          startsAt: localIn(12),
          endsAt: localIn(12, "19:00"),
          timeZone: zone,
        }),
      ),
    ).toBe("CONFLICT");
    const rest = (
      await callers.owner.event.list({ spaceId: spaces.public, limit: 50 })
    ).items.filter((e) => e.seriesId === created.seriesId && e.status !== "cancelled");
    expect(rest).toHaveLength(2);
    const [next] = rest;
    if (!next) throw new Error("no next occurrence");
    expect(await callers.moderator.event.cancel({ id: next.id, scope: "series" })).toEqual({
      cancelled: 2,
    });
    const left = (
      await callers.owner.event.list({ spaceId: spaces.public, limit: 50 })
    ).items.filter((e) => e.seriesId === created.seriesId);
    expect(left.map((e) => e.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
  });

  it("removes an event (NOT_FOUND since), and a whole series", async () => {
    const one = await callers.moderator.event.create(eventAt(spaces.public, 14));
    await callers.moderator.event.remove({ id: one.id });
    expect(await codeOf(callers.moderator.event.get({ id: one.id }))).toBe("NOT_FOUND");
    const series = await callers.moderator.event.create({
      ...eventAt(spaces.public, 15),
      recurrence: { frequency: "weekly", interval: 1, count: 3 },
    });
    await callers.moderator.event.remove({ id: series.id, scope: "series" });
    const left = (
      await callers.owner.event.list({ spaceId: spaces.public, limit: 50 })
    ).items.filter((e) => e.seriesId === series.seriesId);
    expect(left).toEqual([]);
  });

  it("records creating, editing, cancelling and deleting in the audit log, titled, as who did it", async () => {
    const api = callers.moderator;
    const made = await api.event.create(eventAt(spaces.public, 20, { title: "Audit evening" }));
    await api.event.update({
      id: made.id,
      ...fieldsAt(21, { title: "Audit night", capacity: 12 }),
    });
    // A refused edit (a cancelled event no longer changes) records nothing.
    await api.event.cancel({ id: made.id });
    expect(await codeOf(api.event.update({ id: made.id, ...fieldsAt(22) }))).toBe("CONFLICT");
    await api.event.remove({ id: made.id });
    const log = await callers.owner.activity.list({ target: { type: "event", id: made.id } });
    const entries = [...log.items].reverse();
    expect(entries.map((e) => e.action)).toEqual([
      "event.created",
      "event.updated",
      "event.cancelled",
      "event.deleted",
    ]);
    expect(entries.every((e) => e.actorName === "moderator of acme")).toBe(true);
    expect(entries[0]?.changes).toEqual({ title: { from: null, to: "Audit evening" } });
    expect(entries[1]?.changes).toMatchObject({
      title: { from: "Audit evening", to: "Audit night" },
      capacity: { from: null, to: 12 },
    });
    expect(Object.keys(entries[1]?.changes ?? {})).toEqual(
      expect.arrayContaining(["startsAt", "endsAt"]),
    );
    expect(entries[3]?.changes).toEqual({ title: { from: null, to: "Audit night" } });
    // In the organization's audit log too; a series' cancellation is one entry per occurrence.
    const series = await api.event.create({
      ...eventAt(spaces.public, 23, { title: "Audit series" }),
      recurrence: { frequency: "weekly", interval: 1, count: 3 },
    });
    await api.event.cancel({ id: series.id, scope: "series" });
    const all = (await callers.owner.activity.list({ limit: 100 })).items;
    expect(all.filter((e) => e.action === "event.cancelled").length).toBeGreaterThanOrEqual(4);
    expect(
      all.find((e) => e.action === "event.created" && e.targetId === series.id)?.changes,
    ).toEqual({
      title: { from: null, to: "Audit series" },
      recurrence: { from: null, to: "weekly" },
    });
    // Members do not read the audit log.
    expect(await codeOf(callers.insider.activity.list({}))).toBe("FORBIDDEN");
  });

  it("is live between start and end, and listed in live now; past events list apart", async () => {
    const now = Date.now();
    const created = await callers.moderator.event.create({
      spaceId: spaces.private,
      title: "Happening now",
      startsAt: toLocalDateTime(new Date(now - 5 * 60_000), zone),
      endsAt: toLocalDateTime(new Date(now + 60 * 60_000), zone),
      timeZone: zone,
    });
    expect((await callers.insider.event.get({ id: created.id })).status).toBe("live");
    expect((await callers.insider.event.liveNow({})).map((e) => e.id)).toContain(created.id);
    expect((await callers.outsider.event.liveNow({})).map((e) => e.id)).not.toContain(created.id);
    const ended = await callers.moderator.event.create({
      spaceId: spaces.private,
      title: "Done",
      startsAt: toLocalDateTime(new Date(now - 3 * 3_600_000), zone),
      endsAt: toLocalDateTime(new Date(now - 2 * 3_600_000), zone),
      timeZone: zone,
    });
    expect((await callers.insider.event.get({ id: ended.id })).status).toBe("ended");
    const past = await callers.insider.event.list({ spaceId: spaces.private, when: "past" });
    expect(past.items.map((e) => e.id)).toContain(ended.id);
    const upcoming = await callers.insider.event.list({ spaceId: spaces.private });
    expect(upcoming.items.map((e) => e.id)).toContain(created.id);
    expect(upcoming.items.map((e) => e.id)).not.toContain(ended.id);
  });

  it("pages the upcoming list by cursor, soonest first, without repeats", async () => {
    const seen: string[] = [];
    let cursor: { startsAt: Date; id: string } | null = null;
    for (let i = 0; i < 50; i++) {
      const page: Awaited<ReturnType<typeof callers.insider.event.list>> =
        await callers.insider.event.list({ spaceId: spaces.public, limit: 3, cursor });
      seen.push(...page.items.map((e) => e.id));
      for (let j = 1; j < page.items.length; j++)
        expect(page.items[j - 1]?.startsAt.getTime()).toBeLessThanOrEqual(
          page.items[j]?.startsAt.getTime() ?? 0,
        );
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const all = await callers.insider.event.upcoming({ limit: 50 });
    expect(seen.length).toBeGreaterThan(3);
    expect(all.items.length).toBeGreaterThan(3);
  });
});
