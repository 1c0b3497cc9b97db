import { asSystem, calendarFeed, eventRsvp, withTenant } from "@guild/db";
import { missingId, sweepDomain } from "./define.ts";

interface EventSeed {
  spaceId: string;
  eventId: string;
  spareEventId: string;
  occurrenceId: string;
}

// A private events space the owner is in, with a one-off event, a weekly series and the owner's
// RSVP: to a plain member (and the CRM member) the space and everything in it exist nowhere;
// moderators and up see every space, create events, and edit, cancel and delete any event.
const hiddenFromMembers = {
  right: "see the private events space",
  lacking: ["member", "crmMember"] as ["member", "crmMember"],
  refusal: { kind: "hidden" as const },
};

const fields = {
  title: "Planted event",
  startsAt: "2031-05-06T18:00",
  endsAt: "2031-05-06T19:30",
  timeZone: "Europe/Paris",
};
const cover = { name: "Victim's cover.png", size: 1024, contentType: "image/png" as const };
const range = { from: new Date("2031-05-01T00:00:00Z"), to: new Date("2031-06-01T00:00:00Z") };

export const eventSweep = sweepDomain<EventSeed>({
  async seed(victim) {
    const { owner } = victim;
    const room = await owner.space.create({
      name: "Victim's events",
      slug: "victims-events",
      description: "",
      icon: "",
      type: "events",
      visibility: "private",
      section: "",
    });
    await owner.space.addMember({ spaceId: room.id, memberId: victim.memberIds.owner });
    const secret = {
      spaceId: room.id,
      title: "Victim's secret event",
      description: "Victim's secret agenda",
      startsAt: "2031-05-06T18:00",
      endsAt: "2031-05-06T20:00",
      timeZone: "Europe/Paris",
      onlineUrl: "https://victim.example.com/secret-room",
      capacity: 10,
      tags: ["victims-tag"],
    };
    const main = await owner.event.create(secret);
    const spare = await owner.event.create({ ...secret, title: "Victim's spare event" });
    const series = await owner.event.create({
      ...secret,
      title: "Victim's weekly event",
      recurrence: { frequency: "weekly", interval: 1, count: 4 },
    });
    // The rows of eventRsvp's and calendarFeed's tables, written as their services would (the
    // owner going, a feed token's hash), so a leak from them would show in this sweep too.
    await withTenant(victim.fx.db, asSystem(victim.organizationId, "sweep seed"), async (scope) => {
      await scope.db.insert(eventRsvp).values({
        organizationId: victim.organizationId,
        spaceId: room.id,
        eventId: main.id,
        memberId: victim.memberIds.owner,
        status: "going",
        arrival: 1,
      });
      await scope.db.insert(calendarFeed).values({
        organizationId: victim.organizationId,
        memberId: victim.memberIds.owner,
        tokenHash: "0".repeat(64),
      });
    });
    return {
      spaceId: room.id,
      eventId: main.id,
      spareEventId: spare.id,
      occurrenceId: series.id,
    };
  },
  procedures: {
    "event.get": {
      access: "member",
      input: (s) => ({ id: s.eventId }),
      missing: () => ({ id: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "event.list": {
      access: "member",
      input: (s) => ({ spaceId: s.spaceId }),
      missing: () => ({ spaceId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "event.tags": {
      access: "member",
      input: (s) => ({ spaceId: s.spaceId }),
      missing: () => ({ spaceId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "event.calendar": {
      access: "member",
      input: (s) => ({ ...range, spaceId: s.spaceId }),
      missing: () => ({ ...range, spaceId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "event.liveNow": {
      access: "member",
      input: (s) => ({ spaceId: s.spaceId }),
      missing: () => ({ spaceId: missingId }),
    },
    "event.upcoming": { access: "member", input: () => ({}) },
    "event.create": {
      access: "moderator",
      input: (s) => ({ spaceId: s.spaceId, ...fields }),
      missing: () => ({ spaceId: missingId, ...fields }),
    },
    "event.startCoverUpload": {
      access: "moderator",
      input: (s) => ({ spaceId: s.spaceId, ...cover }),
      missing: () => ({ spaceId: missingId, ...cover }),
    },
    "event.update": {
      access: "member",
      input: (s) => ({ id: s.eventId, ...fields }),
      missing: () => ({ id: missingId, ...fields }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "event.cancel": {
      access: "member",
      input: (s) => ({ id: s.occurrenceId, scope: "series" }),
      missing: () => ({ id: missingId, scope: "series" }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "event.remove": {
      access: "member",
      input: (s) => ({ id: s.spareEventId }),
      missing: () => ({ id: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
  },
});
