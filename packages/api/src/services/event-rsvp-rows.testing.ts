// For the reminder and calendar tests: a member's answer to an event written as a row, in the
// event's own space (the RSVP procedures are another part's, with their seat rules; these tests
// are about who is told and who sees what once an answer exists).
import { and, asSystem, type Database, eq, event, eventRsvp, sql, withTenant } from "@guild/db";

export type RsvpStatus = "going" | "maybe" | "not_going" | "waitlisted";

export async function writeRsvp(
  db: Database,
  input: { organizationId: string; eventId: string; memberId: string; status: RsvpStatus },
) {
  const { organizationId, eventId, memberId, status } = input;
  await withTenant(db, asSystem(organizationId, "test"), async (scope) => {
    const [row] = await scope.db
      .select({ spaceId: event.spaceId })
      .from(event)
      .where(and(eq(event.organizationId, organizationId), eq(event.id, eventId)));
    if (!row) throw new Error("no event");
    await scope.db
      .insert(eventRsvp)
      .values({ organizationId, spaceId: row.spaceId, eventId, memberId, status, arrival: 1 })
      .onConflictDoUpdate({
        target: [eventRsvp.organizationId, eventRsvp.eventId, eventRsvp.memberId],
        set: { status },
      });
    // The seat count the RSVP service keeps (leaving a space gives seats back from it).
    await scope.db
      .update(event)
      .set({
        goingCount: sql`(select count(*)::int from ${eventRsvp}
          where ${eventRsvp.organizationId} = ${organizationId}
            and ${eventRsvp.eventId} = ${eventId} and ${eventRsvp.status} = 'going')`,
      })
      .where(and(eq(event.organizationId, organizationId), eq(event.id, eventId)));
  });
}
