import { and, eq, event, inArray } from "@guild/db";
import { eventDomain } from "./define.ts";

// RSVPs (services/event-rsvp.ts): an event's answers, seats or waitlist changed (an answer, a
// promotion, a member who left). The target is the event, so an open event page refetches just
// its own panel and guest list; only those who see the event's space hear of it (spacesOf).
export const eventRsvpEvents = eventDomain({
  kinds: ["event.rsvp"],
  async spacesOf(scope, targetIds) {
    const rows = await scope.db
      .select({ id: event.id, spaceId: event.spaceId })
      .from(event)
      .where(and(eq(event.organizationId, scope.organizationId), inArray(event.id, targetIds)));
    return new Map(rows.map((row) => [row.id, row.spaceId]));
  },
});
