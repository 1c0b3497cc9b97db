import { eventDomain } from "./define.ts";

// Every member sees who is in the organization. A stream reading one of these events checks its
// own membership again before sending anything, so a removed member's stream ends there.
export const memberEvents = eventDomain({
  kinds: ["member.updated", "member.removed"],
});
