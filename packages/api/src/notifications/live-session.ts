import { and, eq, event, inArray, space, type TenantScope, visibleSpace } from "@guild/db";
import { notificationKind } from "./define.ts";

/** The events of these ids the reader sees, by title, linked to their event page. */
async function describeEvents(scope: TenantScope, targetIds: string[]) {
  const rows = await scope.db
    .select({ id: event.id, title: event.title, spaceSlug: space.slug })
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
  return new Map(
    rows.map((row) => [row.id, { name: row.title, path: `/s/${row.spaceSlug}/events/${row.id}` }]),
  );
}

/** A host added the recording of a live session the member answered (liveSession.setRecording). */
export const eventRecording = notificationKind({
  kind: "event.recording",
  label: "A session you signed up for has its recording",
  defaults: { inApp: true, mail: false },
  describe: describeEvents,
  text: ({ target }) =>
    target ? `The recording of ${target.name} is available` : "A session's recording is available",
});
