import { and, conversationMember, eq, inArray } from "@guild/db";
import { eventDomain } from "./define.ts";

// Direct messages (services/direct-message.ts): each event is published once per participant,
// with them as its audience, so no one else's stream ever gets one; and the conversation is
// checked again in the reader's own transaction (they may have left the organization's
// conversation since).
export const directMessageEvents = eventDomain({
  kinds: [
    "dm.message.posted",
    "dm.message.edited",
    "dm.message.deleted",
    "dm.read",
    // Someone added, removed or left (services/direct-message.ts): with its system line.
    "dm.people.changed",
  ],
  visible: (member, event) => event.audienceMemberId === member.memberId,
  async visibleTargets({ scope, member }, targetIds) {
    const rows = await scope.db
      .select({ id: conversationMember.conversationId })
      .from(conversationMember)
      .where(
        and(
          eq(conversationMember.organizationId, scope.organizationId),
          eq(conversationMember.memberId, member.memberId),
          inArray(conversationMember.conversationId, targetIds),
        ),
      );
    return new Set(rows.map((row) => row.id));
  },
});

// Taken out of a group (services/direct-message.ts removePerson): told to the removed person alone,
// who may no longer read the conversation (so no visibleTargets check: the event names only a
// conversation they were just in), so an open conversation closes at once rather than failing on
// their next action.
export const directMessageRemovalEvents = eventDomain({
  kinds: ["dm.removed"],
  visible: (member, event) => event.audienceMemberId === member.memberId,
});
