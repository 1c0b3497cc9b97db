import { hasCrmAccess } from "../policies/lead.ts";
import { eventDomain } from "./define.ts";

// The CRM is staff-only (policies/lead.ts): lead events reach the members with CRM access, as
// read from their membership when the batch is read (a grant or revocation publishes
// member.updated, so a stream follows it).
export const leadEvents = eventDomain({
  kinds: ["lead.created", "lead.updated", "lead.status_changed", "lead.deleted", "lead.restored"],
  visible: (member) => hasCrmAccess(member),
});

// A note or a logged call, meeting or email added, edited, deleted or restored on a lead (the
// target): the lead's timeline refetches, nothing else.
export const leadNoteEvents = eventDomain({
  kinds: ["lead_note.created", "lead_note.updated", "lead_note.deleted", "lead_note.restored"],
  visible: (member) => hasCrmAccess(member),
});
