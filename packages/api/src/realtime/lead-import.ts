import { hasCrmAccess } from "../policies/lead.ts";
import { eventDomain } from "./define.ts";

// Imports are the CRM's (policies/lead.ts): an import's progress (updated, per batch) and its end
// (finished: done, or refused for bad rows) reach the members with CRM access.
export const leadImportEvents = eventDomain({
  kinds: ["leadImport.updated", "leadImport.finished"],
  visible: (member) => hasCrmAccess(member),
});
