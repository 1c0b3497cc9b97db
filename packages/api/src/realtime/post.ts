import { and, eq, inArray, isNull, or, post, type SQL, visibleSpace } from "@guild/db";
import { isStaff } from "../services/post.ts";
import { eventDomain } from "./define.ts";

// Posts live in spaces: an event about one reaches only the members who may read it, decided in
// each reader's own transaction (row-level security and visibleSpace: the space's rule), so a
// private or paid space's posts never announce themselves to those outside it. Deleted posts are
// still announced (post.deleted) to those who saw them, so their feeds drop them. post.reacted:
// its reactions or votes changed (the bar refetches, nothing else).
export const postEvents = eventDomain({
  kinds: ["post.created", "post.updated", "post.deleted", "post.reacted"],
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

// A moderator hid a published post: those who see its space hear of it whether or not they may
// still read it, so a member who has it open sees it go (their page refetches it and is told it
// is not found) instead of reading on. They learn only the id of a post they could read a moment
// ago; what follows (its edits while hidden) is post.updated, filtered as above.
export const postHiddenEvents = eventDomain({
  kinds: ["post.hidden"],
  async visibleTargets({ scope }, targetIds) {
    const rows = await scope.db
      .select({ id: post.id })
      .from(post)
      .where(
        and(
          eq(post.organizationId, scope.organizationId),
          inArray(post.id, targetIds),
          visibleSpace(post.spaceId),
          eq(post.status, "published"),
          isNull(post.deletedAt),
        ) as SQL,
      );
    return new Set(rows.map((row) => row.id));
  },
});
