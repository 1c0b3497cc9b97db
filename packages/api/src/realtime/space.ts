import { eventDomain } from "./define.ts";

// Unread marks (services/space-read.ts): a member looked at a space. Only that member hears it
// (their other tabs and devices clear the space's mark); it names the space, which they see.
export const spaceReadEvents = eventDomain({
  kinds: ["space.read"],
  visible: (member, event) => event.audienceMemberId === member.memberId,
});

// The sidebar's order changed (space.reorder): every member's sidebar reads its spaces again,
// through their own rights. It names the organization, not a space, so it tells no one of a
// space they cannot see.
export const spaceOrderEvents = eventDomain({ kinds: ["space.reordered"] });
