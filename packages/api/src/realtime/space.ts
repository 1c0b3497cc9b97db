import { eventDomain } from "./define.ts";

// Unread marks (services/space-read.ts): a member looked at a space. Only that member hears it
// (their other tabs and devices clear the space's mark); it names the space, which they see.
export const spaceReadEvents = eventDomain({
  kinds: ["space.read"],
  visible: (member, event) => event.audienceMemberId === member.memberId,
});
