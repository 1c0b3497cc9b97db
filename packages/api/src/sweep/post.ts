import { comment } from "@guild/db";
import { missingId, sweepDomain } from "./define.ts";

interface PostSeed {
  publicSpaceId: string;
  privateSpaceId: string;
  /** The owner's post in the public space: members see it, only the owner edits it. */
  publicPostId: string;
  /** Another of the owner's public posts, for the author's delete (the holder deletes it). */
  removablePostId: string;
  /** The owner's post in the private space only the owner was added to. */
  privatePostId: string;
  /** The owner's draft in the public space: the owner's alone. */
  draftId: string;
}

const space = {
  description: "",
  icon: "",
  type: "discussion" as const,
  visibility: "public" as const,
  section: "",
};

const fields = {
  title: "Victim's post",
  body: "Victim's secret body",
  type: "discussion" as const,
  tags: ["victim"],
};

const image = { name: "Victim's photo.png", size: 1024, contentType: "image/png" as const };

// The private space holds what plain members cannot see: to them its posts are ids that exist
// nowhere; the owner was added, moderators see every space.
const hiddenFromMembers = {
  right: "see the private space",
  lacking: ["member", "crmMember"] as ["member", "crmMember"],
  refusal: { kind: "hidden" as const },
};

/** Only a post's author edits or deletes it (moderators' actions are moderation's). */
const authorOnly = (postOf: (seed: PostSeed) => string) => ({
  right: "be the post's author",
  lacking: ["admin", "peerAdmin", "moderator", "crmMember", "member"] as [
    "admin",
    "peerAdmin",
    "moderator",
    "crmMember",
    "member",
  ],
  holder: "owner" as const,
  refusal: {
    kind: "visible" as const,
    // The space's feed shows the post to every member (reading it adds nothing: no view counted).
    through: {
      path: "post.feed",
      inputOf: (seed: PostSeed) => ({ spaceId: seed.publicSpaceId }),
    },
    shows: (answer: unknown, seed: PostSeed) =>
      JSON.stringify(answer).includes(`"id":"${postOf(seed)}"`),
  },
});

export const postSweep = sweepDomain<PostSeed>({
  async seed(victim) {
    const { owner } = victim;
    const open = await owner.space.create({
      ...space,
      name: "Victim's forum",
      slug: "victims-forum",
    });
    const secret = await owner.space.create({
      ...space,
      name: "Victim's war room",
      slug: "victims-war-room",
      visibility: "private",
    });
    await owner.space.addMember({ spaceId: secret.id, memberId: victim.memberIds.owner });
    const write = (spaceId: string, publish = true) =>
      owner.post.create({ ...fields, spaceId, publish });
    const seed = {
      publicSpaceId: open.id,
      privateSpaceId: secret.id,
      publicPostId: (await write(open.id)).id,
      removablePostId: (await write(open.id)).id,
      privatePostId: (await write(secret.id)).id,
      draftId: (await write(open.id, false)).id,
    };
    // A comment, so a leak from the comment table would show too. Written directly until the
    // comments' own procedures exist (their sweep then writes them as a member would).
    await victim.fx.db.insert(comment).values({
      organizationId: victim.organizationId,
      spaceId: secret.id,
      postId: seed.privatePostId,
      authorMemberId: victim.memberIds.owner,
      body: "Victim's secret comment",
    });
    return seed;
  },
  procedures: {
    "post.feed": {
      access: "member",
      input: (s) => ({ spaceId: s.privateSpaceId }),
      missing: () => ({ spaceId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "post.home": { access: "member", input: () => ({}) },
    "post.drafts": { access: "member", input: () => ({}) },
    "post.get": {
      access: "member",
      input: (s) => ({ id: s.privatePostId }),
      missing: () => ({ id: missingId }),
      requires: [
        { ...hiddenFromMembers, holder: "moderator" },
        {
          right: "be the draft's author",
          lacking: ["admin", "peerAdmin", "moderator", "crmMember", "member"],
          holder: "owner",
          input: (s) => ({ id: s.draftId }),
          refusal: { kind: "hidden" },
        },
      ],
    },
    "post.view": {
      access: "member",
      input: (s) => ({ id: s.privatePostId }),
      missing: () => ({ id: missingId }),
      requires: [
        { ...hiddenFromMembers, holder: "moderator" },
        {
          right: "be the draft's author",
          lacking: ["admin", "peerAdmin", "moderator", "crmMember", "member"],
          holder: "owner",
          input: (s) => ({ id: s.draftId }),
          refusal: { kind: "hidden" },
        },
      ],
    },
    "post.create": {
      access: "member",
      input: (s) => ({ ...fields, spaceId: s.privateSpaceId, publish: true }),
      missing: () => ({ ...fields, spaceId: missingId, publish: true }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "post.update": {
      access: "member",
      input: (s) => ({ ...fields, id: s.publicPostId }),
      missing: () => ({ ...fields, id: missingId }),
      requires: [
        authorOnly((s) => s.publicPostId),
        {
          ...hiddenFromMembers,
          input: (s) => ({ ...fields, id: s.privatePostId }),
        },
      ],
    },
    "post.startImageUpload": {
      access: "member",
      input: (s) => ({ ...image, spaceId: s.privateSpaceId }),
      missing: () => ({ ...image, spaceId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "post.remove": {
      access: "member",
      input: (s) => ({ id: s.removablePostId }),
      missing: () => ({ id: missingId }),
      requires: [
        authorOnly((s) => s.removablePostId),
        { ...hiddenFromMembers, input: (s) => ({ id: s.privatePostId }) },
      ],
    },
  },
});
