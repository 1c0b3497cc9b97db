import { and, eq, inArray, studioPost } from "@guild/db";
import { eventDomain } from "./define.ts";

// A studio post is its author's alone (member-owned): its events are published with the author
// as audience, and checked again against the author's own rows in their transaction.
export const studioEvents = eventDomain({
  kinds: ["studio.post.changed"],
  visible: (member, event) => event.audienceMemberId === member.memberId,
  async visibleTargets({ scope, member }, targetIds) {
    const rows = await scope.db
      .select({ id: studioPost.id })
      .from(studioPost)
      .where(
        and(
          eq(studioPost.organizationId, scope.organizationId),
          eq(studioPost.memberId, member.memberId),
          inArray(studioPost.id, targetIds),
        ),
      );
    return new Set(rows.map((row) => row.id));
  },
});
