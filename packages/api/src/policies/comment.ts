// A comment is its author's words: only they edit or delete it (a deleted one leaves a
// placeholder, and is edited no more). Moderators hide or delete others' comments through
// moderation, not through these actions.
import { definePolicy } from "./policy.ts";

/** A comment as the rules judge it: whose it is (null once its author left), and if deleted. */
export interface CommentAuthorship {
  authorMemberId: string | null;
  deleted: boolean;
}

interface CommentResources {
  edit: CommentAuthorship;
  delete: CommentAuthorship;
}

export const can = definePolicy<CommentResources>({
  edit: (actor, comment) => !comment.deleted && comment.authorMemberId === actor.memberId,
  delete: (actor, comment) => !comment.deleted && comment.authorMemberId === actor.memberId,
});
