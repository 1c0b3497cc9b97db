import { listHas, missingId, sweepDomain } from "./define.ts";

interface CommentSeed {
  postId: string;
  commentId: string;
  /** Two more of the owner's comments, for the holders of comment.remove's rights to delete. */
  removableId: string;
  spareId: string;
}

// The victim's thread lives in a private space only the owner was added to: plain members (and
// the CRM member) cannot see it, so to them its post and comments are ids that exist nowhere;
// moderators and admins see every space, but only a comment's author edits or deletes it.
const hiddenFromMembers = {
  right: "see the private space",
  lacking: ["member", "crmMember"] as ["member", "crmMember"],
  refusal: { kind: "hidden" as const },
};

const authorOnly = {
  right: "be the comment's author",
  lacking: ["admin", "peerAdmin", "moderator"] as ["admin", "peerAdmin", "moderator"],
  holder: "owner" as const,
  refusal: {
    kind: "visible" as const,
    through: { path: "comment.list", inputOf: (s: CommentSeed) => ({ postId: s.postId }) },
    shows: (answer: unknown, s: CommentSeed) =>
      listHas(answer, s.commentId) && listHas(answer, s.removableId),
  },
};

export const commentSweep = sweepDomain<CommentSeed>({
  async seed(victim) {
    const { owner } = victim;
    const room = await owner.space.create({
      name: "Victim's thread room",
      slug: "victims-thread-room",
      description: "",
      icon: "",
      type: "discussion",
      visibility: "private",
      section: "",
    });
    await owner.space.addMember({ spaceId: room.id, memberId: victim.memberIds.owner });
    const written = await owner.post.create({
      spaceId: room.id,
      title: "Victim's secret thread",
      body: "Victim's plans, discussed",
      type: "discussion",
      tags: [],
      publish: true,
    });
    const first = await owner.comment.create({ postId: written.id, body: "Victim's first word" });
    await owner.comment.create({
      postId: written.id,
      parentCommentId: first.id,
      body: "Victim's reply",
    });
    await owner.reaction.toggle({ postId: written.id, emoji: "love" });
    await owner.reaction.toggle({ postId: written.id, commentId: first.id, emoji: "like" });
    await owner.reaction.vote({ postId: written.id, vote: "up" });
    await owner.reaction.vote({ postId: written.id, commentId: first.id, vote: "down" });
    const removable = await owner.comment.create({ postId: written.id, body: "Victim's aside" });
    const spare = await owner.comment.create({ postId: written.id, body: "Victim's other aside" });
    return {
      postId: written.id,
      commentId: first.id,
      removableId: removable.id,
      spareId: spare.id,
    };
  },
  procedures: {
    "comment.list": {
      access: "member",
      input: (s) => ({ postId: s.postId }),
      missing: () => ({ postId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "comment.replies": {
      access: "member",
      input: (s) => ({ commentId: s.commentId }),
      missing: () => ({ commentId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "comment.create": {
      access: "member",
      input: (s) => ({ postId: s.postId, parentCommentId: s.commentId, body: "Planted reply" }),
      missing: () => ({ postId: missingId, parentCommentId: missingId, body: "Planted reply" }),
      requires: [{ ...hiddenFromMembers, holder: "owner" }],
    },
    "comment.update": {
      access: "member",
      input: (s) => ({ id: s.commentId, body: "Planted edit" }),
      missing: () => ({ id: missingId, body: "Planted edit" }),
      requires: [{ ...hiddenFromMembers, holder: "owner" }, authorOnly],
    },
    // Each holder deletes a comment of its own, so the other comments stay for the procedures
    // after this one.
    "comment.remove": {
      access: "member",
      input: (s) => ({ id: s.removableId }),
      missing: () => ({ id: missingId }),
      requires: [
        { ...hiddenFromMembers, holder: "owner", input: (s) => ({ id: s.spareId }) },
        authorOnly,
      ],
    },
    "reaction.ofPosts": { access: "member", input: (s) => ({ postIds: [s.postId] }) },
    "reaction.toggle": {
      access: "member",
      input: (s) => ({ postId: s.postId, commentId: s.commentId, emoji: "wow" }),
      missing: () => ({ postId: missingId, commentId: missingId, emoji: "wow" }),
      requires: [{ ...hiddenFromMembers, holder: "owner" }],
    },
    "reaction.vote": {
      access: "member",
      input: (s) => ({ postId: s.postId, vote: "down" }),
      missing: () => ({ postId: missingId, vote: "down" }),
      requires: [{ ...hiddenFromMembers, holder: "owner" }],
    },
  },
});
