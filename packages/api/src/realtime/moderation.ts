import { hasRole } from "@guild/db/enums";
import { eventDomain } from "./define.ts";

// The report queue changes for those who work it: moderators and up, and no one else (a report
// names who reported what).
export const reportEvents = eventDomain({
  kinds: ["report.created", "report.resolved"],
  visible: (member) => hasRole(member.role, "moderator"),
});
