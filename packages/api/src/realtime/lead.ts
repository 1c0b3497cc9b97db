import { eventDomain } from "./define.ts";

// Every member reads every lead of the organization today, so every member hears of every lead
// event (the default). A rule on who reads leads goes in `visible` (from the membership, e.g. a
// role or a CRM grant, whose changes publish member.updated), or `visibleTargets` if it depends
// on the lead itself.
export const leadEvents = eventDomain({
  kinds: ["lead.created", "lead.updated", "lead.status_changed", "lead.deleted", "lead.restored"],
});
