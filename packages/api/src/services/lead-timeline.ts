// A lead's timeline: what happened to it (the activity log: created, edited field by field,
// moved, files attached) and what members wrote on it (notes, logged calls, meetings, emails),
// in one list, newest first, keyset-paginated over both.
import { and, eq, inArray, member, type TenantScope, user } from "@guild/db";
import type { z } from "zod";
import type { leadTimelineInput, TimelineCursor } from "../schemas/lead.ts";
import { listActivity } from "./activity.ts";
import { getLead } from "./lead.ts";
import { notesBefore } from "./lead-note.ts";

type ActivityEntry = Awaited<ReturnType<typeof listActivity>>["items"][number];
type NoteEntry = Awaited<ReturnType<typeof notesBefore>>[number];

export type TimelineEntry =
  | ({ type: "activity"; at: Date } & ActivityEntry)
  | ({ type: "note"; at: Date } & NoteEntry);

/**
 * Newest first by (at, id), PostgreSQL's order: uuids compare bytewise, as their lowercase hex
 * strings do.
 */
function newestFirst(a: TimelineEntry, b: TimelineEntry): number {
  const byTime = b.at.getTime() - a.at.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The page after the cursor: the first `limit` of both lists merged. Each source is read up to
 * limit + 1 past the same cursor, so the merged page, and whether anything follows it, is exact.
 * An activity entry is placed by when it was logged, a note by when it happened (a call logged
 * afterwards sits where it took place).
 */
export async function leadTimeline(scope: TenantScope, input: z.output<typeof leadTimelineInput>) {
  await getLead(scope, input.id);
  const cursor: TimelineCursor | null = input.cursor ?? null;
  const activity = await listActivity(scope, {
    target: { type: "lead", id: input.id },
    limit: input.limit + 1,
    cursor: cursor && { createdAt: cursor.at, id: cursor.id },
  });
  const notes = await notesBefore(scope, input.id, cursor, input.limit + 1);
  const merged: TimelineEntry[] = [
    ...activity.items.map((entry) => ({
      type: "activity" as const,
      at: entry.createdAt,
      ...entry,
    })),
    ...notes.map((note) => ({ type: "note" as const, at: note.occurredAt, ...note })),
  ].sort(newestFirst);
  const items = merged.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor: TimelineCursor | null =
    merged.length > input.limit && last ? { at: last.at, id: last.id } : null;
  return { items, nextCursor, memberNames: await ownerNames(scope, items) };
}

/**
 * The names of the members an owner change names (the log keeps member ids), so the timeline
 * says "from Mia Member to Adam Admin". A member who has left is missing: "Former member".
 */
async function ownerNames(scope: TenantScope, items: TimelineEntry[]) {
  const ids = new Set<string>();
  for (const item of items) {
    const owner = item.type === "activity" ? item.changes?.ownerMemberId : undefined;
    for (const id of [owner?.from, owner?.to]) if (typeof id === "string") ids.add(id);
  }
  const names: Record<string, string> = {};
  if (ids.size === 0) return names;
  const rows = await scope.db
    .select({ id: member.id, name: user.name })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, scope.organizationId), inArray(member.id, [...ids])));
  for (const row of rows) names[row.id] = row.name;
  return names;
}
