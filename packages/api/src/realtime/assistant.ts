import { eventDomain } from "./define.ts";

// A member's assistant conversation changed (a question, an answer stored, renamed, removed):
// only that member hears it (their other tabs refresh the list and the open conversation). It
// names the conversation, which is theirs.
export const assistantEvents = eventDomain({
  kinds: ["assistant.message"],
  visible: (member, event) => event.audienceMemberId === member.memberId,
});
