import { comment } from "@guild/db";
import { missingId, sweepDomain } from "./define.ts";

interface ModerationSeed {
  postId: string;
  privatePostId: string;
  commentId: string;
  reportId: string;
}

const space = {
  description: "",
  icon: "",
  type: "discussion" as const,
  visibility: "public" as const,
  section: "",
};

const fields = {
  title: "Reported post",
  body: "Reported body",
  type: "discussion" as const,
  tags: [],
};

export const moderationSweep = sweepDomain<ModerationSeed>({
  async seed(victim) {
    const { owner } = victim;
    const open = await owner.space.create({ ...space, name: "Moderated", slug: "moderated" });
    const secret = await owner.space.create({
      ...space,
      name: "Moderated in private",
      slug: "moderated-private",
      visibility: "private",
    });
    const post = await owner.post.create({ ...fields, spaceId: open.id, publish: true });
    const privatePost = await owner.post.create({ ...fields, spaceId: secret.id, publish: true });
    // Written directly until the comments' own procedures are on main.
    const [written] = await victim.fx.db
      .insert(comment)
      .values({
        organizationId: victim.organizationId,
        spaceId: open.id,
        postId: post.id,
        authorMemberId: victim.memberIds.member,
        body: "Reported comment",
      })
      .returning({ id: comment.id });
    if (!written) throw new Error("the victim's comment was not written");
    const report = await owner.moderation.report({
      postId: post.id,
      commentId: written.id,
      reason: "spam",
    });
    return {
      postId: post.id,
      privatePostId: privatePost.id,
      commentId: written.id,
      reportId: report.id,
    };
  },
  procedures: {
    "moderation.setPostPinned": {
      access: "moderator",
      input: (s) => ({ id: s.postId, pinned: true }),
      missing: () => ({ id: missingId, pinned: true }),
    },
    "moderation.setPostLocked": {
      access: "moderator",
      input: (s) => ({ id: s.postId, locked: true }),
      missing: () => ({ id: missingId, locked: true }),
    },
    "moderation.setPostHidden": {
      access: "moderator",
      input: (s) => ({ id: s.postId, hidden: true }),
      missing: () => ({ id: missingId, hidden: true }),
    },
    "moderation.removePost": {
      access: "moderator",
      input: (s) => ({ id: s.postId }),
      missing: () => ({ id: missingId }),
    },
    "moderation.setCommentHidden": {
      access: "moderator",
      input: (s) => ({ id: s.commentId, hidden: true }),
      missing: () => ({ id: missingId, hidden: true }),
    },
    "moderation.removeComment": {
      access: "moderator",
      input: (s) => ({ id: s.commentId }),
      missing: () => ({ id: missingId }),
    },
    "moderation.report": {
      access: "member",
      input: (s) => ({ postId: s.privatePostId, reason: "spam" }),
      missing: () => ({ postId: missingId, reason: "spam" }),
      // A post in a private space a member was not added to does not exist for them.
      requires: [
        {
          right: "see the private space",
          lacking: ["member", "crmMember"],
          holder: "moderator",
          refusal: { kind: "hidden" },
        },
      ],
    },
    "moderation.reports": { access: "moderator", input: () => ({}) },
    "moderation.resolveReport": {
      access: "moderator",
      input: (s) => ({ id: s.reportId, resolution: "dismiss" }),
      missing: () => ({ id: missingId, resolution: "dismiss" }),
    },
  },
});
