import { eventDomain, everyMember } from "./define.ts";

// Every member sees who is in the organization. A stream reading one of these events has just
// checked its own membership again (every batch does), so a removed member's stream ends here.
export const memberEvents = eventDomain({
  kinds: ["member.updated", "member.removed"],
  visibleTargets: everyMember,
});
