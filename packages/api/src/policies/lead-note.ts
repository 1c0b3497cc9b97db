// What members write on a lead's timeline (notes, logged calls, meetings, emails) is the CRM's,
// so staff only (policies/lead.ts); within the staff, a note is its author's words: only they
// edit it, and they or an admin delete it (an admin keeps the timeline clean, but does not put
// words in a colleague's mouth).
import { hasRole } from "@guild/db/enums";
import { hasCrmAccess } from "./lead.ts";
import { definePolicy } from "./policy.ts";

/** A note as the rules judge it: whose it is (null once its author has left). */
export interface NoteAuthorship {
  authorMemberId: string | null;
}

interface LeadNoteResources {
  edit: NoteAuthorship;
  /** Delete, and undo it. */
  delete: NoteAuthorship;
}

export const can = definePolicy<LeadNoteResources>({
  edit: (actor, note) => hasCrmAccess(actor) && note.authorMemberId === actor.memberId,
  delete: (actor, note) =>
    hasCrmAccess(actor) && (note.authorMemberId === actor.memberId || hasRole(actor.role, "admin")),
});
