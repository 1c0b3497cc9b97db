import { hasCrmAccess } from "../policies/lead.ts";
import { eventDomain } from "./define.ts";

// The CRM is staff-only (policies/lead.ts): lead events reach the members with CRM access, as
// read from their membership when the batch is read (a grant or revocation publishes
// member.updated, so a stream follows it).
export const leadEvents = eventDomain({
  kinds: ["lead.created", "lead.updated", "lead.status_changed", "lead.deleted", "lead.restored"],
  visible: (member) => hasCrmAccess(member),
});
