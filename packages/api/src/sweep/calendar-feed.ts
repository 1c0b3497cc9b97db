import { event, eventReminderSent } from "@guild/db";
import { missingId, sweepDomain } from "./define.ts";

interface CalendarFeedSeed {
  eventId: string;
}

// The victim's owner has a calendar feed, and an event in a private events space that only staff
// (and the space's members) see: its .ics is NOT_FOUND to a member who does not see the space,
// exactly as an id that does not exist. Feeds are each member's own: every procedure acts on the
// caller's feed only, so there is no one else's row to aim at.
export const calendarFeedSweep = sweepDomain<CalendarFeedSeed>({
  async seed(victim) {
    const room = await victim.owner.space.create({
      name: "Victim's private events",
      slug: "victim-private-events",
      description: "",
      icon: "",
      section: "",
      type: "events",
      visibility: "private",
    });
    const startsAt = new Date(Date.now() + 30 * 86_400_000);
    const [row] = await victim.fx.db
      .insert(event)
      .values({
        organizationId: victim.organizationId,
        spaceId: room.id,
        title: "Victim's private event",
        timeZone: "UTC",
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
      })
      .returning({ id: event.id });
    if (!row) throw new Error("the victim's event was not created");
    // A reminder already sent for it (the reminder job's record; no procedure writes one).
    await victim.fx.db.insert(eventReminderSent).values({
      organizationId: victim.organizationId,
      eventId: row.id,
      reminder: "24h",
      startsAt,
    });
    await victim.owner.calendarFeed.create();
    return { eventId: row.id };
  },
  procedures: {
    "calendarFeed.get": { access: "member", input: () => undefined },
    "calendarFeed.create": { access: "member", input: () => undefined },
    "calendarFeed.rotate": { access: "member", input: () => undefined },
    "calendarFeed.revoke": { access: "member", input: () => undefined },
    "calendarFeed.eventIcs": {
      access: "member",
      input: (s) => ({ id: s.eventId }),
      missing: () => ({ id: missingId }),
      requires: [
        {
          right: "see the event's private space",
          lacking: ["member", "crmMember"],
          holder: "moderator",
          refusal: { kind: "hidden" },
        },
      ],
    },
  },
});
