import { asSystem, event, eventHost, eventRsvp, withTenant } from "@guild/db";
import { missingId, sweepDomain, type Victim } from "./define.ts";

interface LiveSessionSeed {
  /** In a private events space only the owner is in: happening now, the owner going. */
  eventId: string;
  /** Ended an hour ago, the owner attended: for recordings and feedback. */
  pastEventId: string;
  /** In a public events space: members see it, and are refused its hosts' actions. */
  publicEventId: string;
}

const HOUR = 3_600_000;

// Live sessions: to a plain member (and the CRM member) a private space's events exist nowhere;
// of a public space's event they see the session, and its hosts' actions (settings, recording,
// statistics) refuse them FORBIDDEN, saying so. Moderators and up run every space's sessions.
const hiddenFromMembers = {
  right: "see the private events space",
  lacking: ["member", "crmMember"] as ["member", "crmMember"],
  refusal: { kind: "hidden" as const },
};

const hostOnly = (input: (s: LiveSessionSeed) => unknown) => ({
  right: "host the session",
  lacking: ["member", "crmMember"] as ["member", "crmMember"],
  input,
  refusal: {
    kind: "visible" as const,
    through: {
      path: "liveSession.get",
      inputOf: (s: LiveSessionSeed) => ({ eventId: s.publicEventId }),
    },
    shows: (answer: unknown, s: LiveSessionSeed) =>
      JSON.stringify(answer).includes(s.publicEventId),
  },
});

const noLinks = { courseId: null, lessonId: null, sessionType: "workshop", minLevel: null };

async function eventsSpace(victim: Victim, slug: string, visibility: "public" | "private") {
  return victim.owner.space.create({
    name: `Victim's ${slug}`,
    slug,
    description: "",
    icon: "",
    type: "events",
    visibility,
    section: "",
    tierIds: [],
  });
}

export const liveSessionSweep = sweepDomain<LiveSessionSeed>({
  async seed(victim) {
    const hidden = await eventsSpace(victim, "victims-sessions", "private");
    await victim.owner.space.addMember({ spaceId: hidden.id, memberId: victim.memberIds.owner });
    const open = await eventsSpace(victim, "victims-open-sessions", "public");
    const now = Date.now();
    return withTenant(
      victim.fx.db,
      asSystem(victim.organizationId, "sweep seed"),
      async (scope) => {
        const make = async (spaceId: string, title: string, startsAt: number) => {
          const [row] = await scope.db
            .insert(event)
            .values({
              organizationId: victim.organizationId,
              spaceId,
              title,
              description: "Victim's secret agenda",
              timeZone: "UTC",
              startsAt: new Date(startsAt),
              endsAt: new Date(startsAt + 2 * HOUR),
              onlineUrl: "https://meet.example/victims-secret-room",
              sessionType: "workshop",
              createdByMemberId: victim.memberIds.owner,
            })
            .returning({ id: event.id });
          if (!row) throw new Error("no event");
          return row.id;
        };
        const eventId = await make(hidden.id, "Victim's session", now - HOUR);
        const pastEventId = await make(hidden.id, "Victim's past session", now - 3 * HOUR);
        const publicEventId = await make(open.id, "Victim's open session", now - HOUR);
        await scope.db.insert(eventRsvp).values([
          {
            organizationId: victim.organizationId,
            spaceId: hidden.id,
            eventId,
            memberId: victim.memberIds.owner,
            status: "going",
            arrival: 1,
          },
          {
            organizationId: victim.organizationId,
            spaceId: hidden.id,
            eventId: pastEventId,
            memberId: victim.memberIds.owner,
            status: "going",
            arrival: 1,
            joinedAt: new Date(now - 3 * HOUR),
            leftAt: new Date(now - 2 * HOUR),
            attendance: "attended",
          },
        ]);
        // The admin hosts the open session (hosts are told apart from other members by this row).
        await scope.db.insert(eventHost).values({
          organizationId: victim.organizationId,
          spaceId: open.id,
          eventId: publicEventId,
          memberId: victim.memberIds.admin,
        });
        return { eventId, pastEventId, publicEventId };
      },
    );
  },
  procedures: {
    "liveSession.get": {
      access: "member",
      input: (s) => ({ eventId: s.eventId }),
      missing: () => ({ eventId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    // The courses the caller sees (their own organization's): names no victim row.
    "liveSession.linkOptions": { access: "member", input: () => undefined },
    "liveSession.configure": {
      access: "member",
      input: (s) => ({ eventId: s.eventId, ...noLinks }),
      missing: () => ({ eventId: missingId, ...noLinks }),
      requires: [
        { ...hiddenFromMembers, holder: "moderator" },
        hostOnly((s) => ({ eventId: s.publicEventId, ...noLinks })),
      ],
    },
    "liveSession.setRecording": {
      access: "member",
      input: (s) => ({ eventId: s.pastEventId, recordingUrl: "https://video.example/planted" }),
      missing: () => ({ eventId: missingId, recordingUrl: "https://video.example/planted" }),
      requires: [
        { ...hiddenFromMembers, holder: "moderator" },
        hostOnly((s) => ({ eventId: s.publicEventId, recordingUrl: null })),
      ],
    },
    "liveSession.stats": {
      access: "member",
      input: (s) => ({ eventId: s.eventId }),
      missing: () => ({ eventId: missingId }),
      requires: [
        { ...hiddenFromMembers, holder: "moderator" },
        hostOnly((s) => ({ eventId: s.publicEventId })),
      ],
    },
    // Hosts (moderators) open the link without an RSVP; leave and feedback need the caller's own
    // attendance, which no insider but the owner has.
    "liveSession.join": {
      access: "member",
      input: (s) => ({ eventId: s.eventId }),
      missing: () => ({ eventId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "liveSession.leave": {
      access: "member",
      input: (s) => ({ eventId: s.eventId }),
      missing: () => ({ eventId: missingId }),
      requires: [hiddenFromMembers],
    },
    "liveSession.feedback": {
      access: "member",
      input: (s) => ({ eventId: s.pastEventId, rating: 5, comment: "Planted" }),
      missing: () => ({ eventId: missingId, rating: 5, comment: "Planted" }),
      requires: [hiddenFromMembers],
    },
  },
});
