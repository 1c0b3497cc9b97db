import { and, eq, inArray, isNull, or, post, type SQL, visibleSpace } from "@guild/db";
import { isStaff } from "../services/post.ts";
import { eventDomain } from "./define.ts";

// Posts live in spaces: an event about one reaches only the members who may read it, decided in
// each reader's own transaction (row-level security and visibleSpace: the space's rule), so a
// private or paid space's posts never announce themselves to those outside it. Deleted posts are
// still announced (post.deleted) to those who saw them, so their feeds drop them.
export const postEvents = eventDomain({
  kinds: ["post.created", "post.updated", "post.deleted"],
  async visibleTargets({ scope, member }, targetIds) {
    const rows = await scope.db
      .select({ id: post.id })
      .from(post)
      .where(
        and(
          eq(post.organizationId, scope.organizationId),
          inArray(post.id, targetIds),
          visibleSpace(post.spaceId),
          or(eq(post.status, "published"), eq(post.authorMemberId, member.memberId)),
          isStaff(scope)
            ? undefined
            : or(isNull(post.hiddenAt), eq(post.authorMemberId, member.memberId)),
        ) as SQL,
      );
    return new Set(rows.map((row) => row.id));
  },
});
