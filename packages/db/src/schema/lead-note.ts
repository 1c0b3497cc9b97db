// What members write on a lead's timeline (issue 9): notes, and calls, meetings and emails they
// log. Its own table rather than rows of the activity log: the log is what happened, written by
// the services and never edited, while a note is content its author edits and deletes (soft, for
// Undo). The lead's timeline reads both, merged by time.
import { relations, sql } from "drizzle-orm";
import { index, integer, text, uuid } from "drizzle-orm/pg-core";
import { leadNoteKinds, leadNoteOutcomes } from "../enums/lead-note.ts";
import {
  instant,
  live,
  memberRef,
  softDelete,
  tenantRef,
  tenantTable,
  textEnum,
  updatedAt,
} from "./helpers.ts";
import { lead } from "./lead.ts";
import { member } from "./organization.ts";

export const leadNote = tenantTable(
  "lead_note",
  {
    leadId: uuid().notNull(),
    kind: textEnum(leadNoteKinds).notNull(),
    body: text().notNull(),
    /** When the call, meeting or email happened (a call is often logged after it); for a note, when written. */
    occurredAt: instant().notNull(),
    /** Calls and meetings: how long, in minutes. */
    durationMinutes: integer(),
    /** Calls and meetings: how it went. */
    outcome: textEnum(leadNoteOutcomes),
    /** Null once the author left the organization: the note stays, as a former member's. */
    authorMemberId: uuid(),
    updatedAt: updatedAt(),
    ...softDelete(),
  },
  (t) => [
    memberRef(t, t.authorMemberId, "lead_note_author_member_fk"),
    // Purging the lead takes its notes with it.
    tenantRef(t, t.leadId, () => lead, { onDelete: "cascade", name: "lead_note_lead_fk" }),
    // The lead's timeline, newest first (a backward scan).
    index("lead_note_org_lead_occurred_idx")
      .on(t.organizationId, t.leadId, t.occurredAt, t.id)
      .where(live(t)),
    // The purge's walk: soft-deleted notes by when.
    index("lead_note_org_deleted_idx")
      .on(t.organizationId, t.deletedAt)
      .where(sql`${t.deletedAt} is not null`),
  ],
);

export const leadNoteRelations = relations(leadNote, ({ one }) => ({
  lead: one(lead, {
    fields: [leadNote.organizationId, leadNote.leadId],
    references: [lead.organizationId, lead.id],
  }),
  author: one(member, {
    fields: [leadNote.organizationId, leadNote.authorMemberId],
    references: [member.organizationId, member.id],
  }),
}));
