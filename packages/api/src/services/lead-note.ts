// What members write on a lead's timeline (schema/lead-note.ts): notes, and calls, meetings and
// emails they log. Only the author edits a note; the author or an admin deletes it, softly, so
// the web's Undo restores it (policies/lead-note.ts). Each change is recorded in the activity
// log under the note (target lead_note, so the lead's timeline does not show it twice) and
// published to the lead's viewers.
import {
  and,
  eq,
  isNotNull,
  lead,
  leadNote,
  live,
  lt,
  member,
  SOFT_DELETE_RETENTION_DAYS,
  type SQL,
  sql,
  type TenantScope,
  user,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { can } from "../policies/lead-note.ts";
import { publish } from "../realtime/event-log.ts";
import type { TimelineCursor } from "../schemas/lead.ts";
import type {
  addLeadNoteInput,
  leadNoteFields,
  updateLeadNoteInput,
} from "../schemas/lead-note.ts";
import { changesBetween, recordActivity } from "./activity.ts";
import { getLead } from "./lead.ts";
import { actingMember } from "./member.ts";

const noteTarget = (id: string) => ({ type: "lead_note", id });
const leadTarget = (id: string) => ({ type: "lead", id });

/** A logged call may be entered a little ahead of the server's clock; the future is refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The fields the activity log follows. */
const trackedFields = ["kind", "body", "occurredAt", "durationMinutes", "outcome"] as const;

/** A note as the timeline shows it, with its author's name (null once they have left). */
const noteColumns = {
  id: leadNote.id,
  leadId: leadNote.leadId,
  kind: leadNote.kind,
  body: leadNote.body,
  occurredAt: leadNote.occurredAt,
  durationMinutes: leadNote.durationMinutes,
  outcome: leadNote.outcome,
  authorMemberId: leadNote.authorMemberId,
  authorName: user.name,
  createdAt: leadNote.createdAt,
  updatedAt: leadNote.updatedAt,
};

/** A soft-deleted lead's notes are out of reach until it is restored. */
const ofLiveLead = and(
  eq(lead.organizationId, leadNote.organizationId),
  eq(lead.id, leadNote.leadId),
  live(lead),
);

/** The lead's live notes (of a live lead), with their authors' names. */
function selectNotes(scope: TenantScope, where: SQL[]) {
  return scope.db
    .select(noteColumns)
    .from(leadNote)
    .innerJoin(lead, ofLiveLead)
    .leftJoin(
      member,
      and(
        eq(member.organizationId, leadNote.organizationId),
        eq(member.id, leadNote.authorMemberId),
      ),
    )
    .leftJoin(user, eq(user.id, member.userId))
    .where(and(eq(leadNote.organizationId, scope.organizationId), live(leadNote), ...where));
}

export type LeadNote = Awaited<ReturnType<typeof selectNotes>>[number];

async function getLeadNote(scope: TenantScope, id: string): Promise<LeadNote> {
  const [row] = await selectNotes(scope, [eq(leadNote.id, id)]);
  if (!row) throw notFound("Note");
  return row;
}

function assertNotInFuture(scope: TenantScope, occurredAt: Date) {
  if (occurredAt.getTime() > scope.now().getTime() + CLOCK_SKEW_MS)
    throw new AppError("BAD_REQUEST", "It cannot have happened in the future", {
      field: "occurredAt",
    });
}

/** What the outcome and duration become: only calls and meetings keep them (the schema checks). */
function details(input: z.output<typeof leadNoteFields>) {
  return {
    kind: input.kind,
    body: input.body,
    durationMinutes: input.durationMinutes ?? null,
    outcome: input.outcome ?? null,
  };
}

export async function addLeadNote(scope: TenantScope, input: z.output<typeof addLeadNoteInput>) {
  const me = actingMember(scope);
  await getLead(scope, input.leadId);
  const now = scope.now();
  const occurredAt = input.occurredAt ?? now;
  assertNotInFuture(scope, occurredAt);
  const [row] = await scope.db
    .insert(leadNote)
    .values({
      organizationId: scope.organizationId,
      leadId: input.leadId,
      ...details(input),
      occurredAt,
      authorMemberId: me.memberId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  await recordActivity(scope, {
    action: "lead_note.created",
    target: noteTarget(row.id),
    changes: changesBetween(null, row, trackedFields),
  });
  await publish(scope, { kind: "lead_note.created", target: leadTarget(row.leadId) });
  return getLeadNote(scope, row.id);
}

/** A live or a soft-deleted note of a live lead, locked for this transaction's change. */
async function lockNoteRow(scope: TenantScope, id: string, state: "live" | "deleted") {
  const [row] = await scope.db
    .select({ note: leadNote })
    .from(leadNote)
    .innerJoin(lead, ofLiveLead)
    .where(
      and(
        eq(leadNote.organizationId, scope.organizationId),
        eq(leadNote.id, id),
        state === "live" ? live(leadNote) : isNotNull(leadNote.deletedAt),
      ),
    )
    .for("update", { of: leadNote });
  return row?.note;
}

/**
 * The live note, locked, as it was before; if the actor may do `action` to it. Someone else's
 * note is no secret (the timeline shows it), so that refusal says why.
 */
async function lockNote(scope: TenantScope, id: string, action: "edit" | "delete") {
  const me = actingMember(scope);
  const before = await lockNoteRow(scope, id, "live");
  if (!before) throw notFound("Note");
  if (!can(me, action, before))
    throw new AppError(
      "FORBIDDEN",
      action === "edit"
        ? "Only its author can edit this note"
        : "Only its author or an admin can delete this note",
    );
  return before;
}

export async function updateLeadNote(
  scope: TenantScope,
  { id, ...input }: z.output<typeof updateLeadNoteInput>,
) {
  const before = await lockNote(scope, id, "edit");
  const occurredAt = input.occurredAt ?? before.occurredAt;
  if (occurredAt.getTime() !== before.occurredAt.getTime()) assertNotInFuture(scope, occurredAt);
  const [after] = await scope.db
    .update(leadNote)
    .set({ ...details(input), occurredAt, updatedAt: scope.now() })
    .where(and(eq(leadNote.organizationId, scope.organizationId), eq(leadNote.id, id)))
    .returning();
  if (!after) throw notFound("Note");
  await recordActivity(scope, {
    action: "lead_note.updated",
    target: noteTarget(id),
    changes: changesBetween(before, after, trackedFields),
  });
  await publish(scope, { kind: "lead_note.updated", target: leadTarget(after.leadId) });
  return getLeadNote(scope, id);
}

/** Soft-deletes a note (restoreLeadNote is the web's Undo). */
export async function removeLeadNote(scope: TenantScope, input: { id: string }) {
  const before = await lockNote(scope, input.id, "delete");
  await scope.db
    .update(leadNote)
    .set({ deletedAt: scope.now() })
    .where(and(eq(leadNote.organizationId, scope.organizationId), eq(leadNote.id, input.id)));
  await recordActivity(scope, { action: "lead_note.deleted", target: noteTarget(input.id) });
  await publish(scope, { kind: "lead_note.deleted", target: leadTarget(before.leadId) });
  return { id: input.id, leadId: before.leadId };
}

/**
 * Brings a soft-deleted note of a live lead back, within the retention window. Only who may
 * delete it may: to anyone else a deleted note does not exist.
 */
export async function restoreLeadNote(scope: TenantScope, input: { id: string }) {
  const me = actingMember(scope);
  const deleted = await lockNoteRow(scope, input.id, "deleted");
  if (!deleted || !can(me, "delete", deleted)) throw notFound("Deleted note");
  await scope.db
    .update(leadNote)
    .set({ deletedAt: null })
    .where(and(eq(leadNote.organizationId, scope.organizationId), eq(leadNote.id, input.id)));
  await recordActivity(scope, { action: "lead_note.restored", target: noteTarget(input.id) });
  await publish(scope, { kind: "lead_note.restored", target: leadTarget(deleted.leadId) });
  return getLeadNote(scope, input.id);
}

/** Deletes for good the notes soft-deleted longer ago than the retention window. */
export async function purgeDeletedLeadNotes(scope: TenantScope) {
  const before = new Date(scope.now().getTime() - SOFT_DELETE_RETENTION_DAYS * 86_400_000);
  await scope.db
    .delete(leadNote)
    .where(and(eq(leadNote.organizationId, scope.organizationId), lt(leadNote.deletedAt, before)));
}

/**
 * Up to `limit` of a live lead's notes before the cursor, newest first by when they happened
 * (the index's backward scan). The caller has checked the lead.
 */
export function notesBefore(
  scope: TenantScope,
  leadId: string,
  cursor: TimelineCursor | null,
  limit: number,
) {
  const where: SQL[] = [eq(leadNote.leadId, leadId)];
  if (cursor)
    where.push(
      sql`(${leadNote.occurredAt}, ${leadNote.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`,
    );
  return selectNotes(scope, where)
    .orderBy(sql`${leadNote.occurredAt} desc`, sql`${leadNote.id} desc`)
    .limit(limit);
}
