import { missingId, sweepDomain } from "./define.ts";

interface RsvpSeed {
  /** In a private events space only the owner (and staff) see. */
  hiddenEventId: string;
  /** In a public events space every member sees; the owner hosts it. */
  openEventId: string;
}

// A private events space the owner is in and a public one, an event in each with seats: to a
// plain member (and the CRM member) the private one exists nowhere; the public one's guest list
// is its hosts' and moderators' only (FORBIDDEN to a member who sees the event).
const hiddenFromMembers = {
  right: "see the private events space",
  lacking: ["member", "crmMember"] as ["member", "crmMember"],
  refusal: { kind: "hidden" as const },
};

const at = { startsAt: "2031-06-06T18:00", endsAt: "2031-06-06T20:00", timeZone: "Europe/Paris" };

export const eventRsvpSweep = sweepDomain<RsvpSeed>({
  async seed(victim) {
    const { owner } = victim;
    const space = (slug: string, visibility: "private" | "public") =>
      owner.space.create({
        name: `Victim's ${slug}`,
        slug,
        description: "",
        icon: "",
        type: "events",
        visibility,
        section: "",
      });
    const hidden = await space("victims-rsvp-room", "private");
    await owner.space.addMember({ spaceId: hidden.id, memberId: victim.memberIds.owner });
    const open = await space("victims-open-events", "public");
    const fields = {
      ...at,
      description: "Victim's guests",
      onlineUrl: "https://victim.example.com/rsvp-room",
      capacity: 2,
    };
    const hiddenEvent = await owner.event.create({
      ...fields,
      spaceId: hidden.id,
      title: "Victim's hidden gathering",
    });
    const openEvent = await owner.event.create({
      ...fields,
      spaceId: open.id,
      title: "Victim's open gathering",
    });
    await owner.eventRsvp.respond({ eventId: hiddenEvent.id, status: "going" });
    await owner.eventRsvp.respond({ eventId: openEvent.id, status: "going" });
    return { hiddenEventId: hiddenEvent.id, openEventId: openEvent.id };
  },
  procedures: {
    "eventRsvp.mine": {
      access: "member",
      input: (s) => ({ eventId: s.hiddenEventId }),
      missing: () => ({ eventId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "eventRsvp.respond": {
      access: "member",
      input: (s) => ({ eventId: s.hiddenEventId, status: "maybe" }),
      missing: () => ({ eventId: missingId, status: "maybe" }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "eventRsvp.guests": {
      access: "member",
      input: (s) => ({ eventId: s.hiddenEventId }),
      missing: () => ({ eventId: missingId }),
      requires: [
        { ...hiddenFromMembers, holder: "moderator" },
        {
          right: "host or moderate the event",
          lacking: ["member", "crmMember"],
          holder: "moderator",
          input: (s) => ({ eventId: s.openEventId }),
          refusal: {
            kind: "visible",
            through: { path: "event.get", inputOf: (s) => ({ id: s.openEventId }) },
            shows: (answer, s) =>
              typeof answer === "object" &&
              answer !== null &&
              "id" in answer &&
              answer.id === s.openEventId,
          },
        },
      ],
    },
  },
});
