import { hasCrmAccess } from "../policies/lead.ts";
import { eventDomain } from "./define.ts";

// Tasks are the CRM's (policies/lead.ts): their events reach the members with CRM access, so a
// colleague's "My tasks" and a lead's task list refresh.
export const taskEvents = eventDomain({
  kinds: [
    "task.created",
    "task.updated",
    "task.completed",
    "task.reopened",
    "task.deleted",
    "task.restored",
  ],
  visible: (member) => hasCrmAccess(member),
});
