// Event notifications (issue 13): the events are named as the reader may see them now (an event
// in a space they no longer see, or deleted since, is not named). describeEvents is shared by
// every event kind (cancelled here; promoted, reminder and recording from their owners).
import { and, eq, event, inArray, space, type TenantScope, visibleSpace } from "@guild/db";
import { type NotificationTarget, notificationKind } from "./define.ts";

/** Events of these ids as the reader may see them, linked to their page, by id. */
export async function describeEvents(scope: TenantScope, targetIds: string[]) {
  const rows = await scope.db
    .select({ id: event.id, title: event.title, slug: space.slug })
    .from(event)
    .innerJoin(
      space,
      and(eq(space.organizationId, event.organizationId), eq(space.id, event.spaceId)),
    )
    .where(
      and(
        eq(event.organizationId, scope.organizationId),
        inArray(event.id, targetIds),
        visibleSpace(event.spaceId),
      ),
    );
  return new Map<string, NotificationTarget>(
    rows.map((row) => [row.id, { name: row.title, path: `/s/${row.slug}/events/${row.id}` }]),
  );
}

/** An event the member answered going, maybe or waitlisted was cancelled by a host. */
export const eventCancelled = notificationKind({
  kind: "event.cancelled",
  label: "An event you plan to attend is cancelled",
  defaults: { inApp: true, mail: true },
  describe: describeEvents,
  text: ({ actorName, target }) =>
    `${actorName ?? "A host"} cancelled ${target ? target.name : "an event you planned to attend"}`,
});
