import { and, inArray, post } from "@guild/db";
import { postIsOpen } from "../services/thread.ts";
import { eventDomain } from "./define.ts";

// A comment written, edited or deleted under a post (the target: the post, so an open thread
// refetches just its own comments); comment.reacted: a comment's reactions or votes changed. Only members who see the post hear of it: its space's
// visibility, read again in the reader's own transaction (row-level security under it).
export const commentEvents = eventDomain({
  kinds: ["comment.created", "comment.updated", "comment.deleted", "comment.reacted"],
  async visibleTargets({ scope }, targetIds) {
    const rows = await scope.db
      .select({ id: post.id })
      .from(post)
      .where(and(postIsOpen(scope), inArray(post.id, targetIds)));
    return new Set(rows.map((row) => row.id));
  },
});
