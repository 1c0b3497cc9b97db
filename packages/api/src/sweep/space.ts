import { missingId, sweepDomain } from "./define.ts";

interface SpaceSeed {
  publicId: string;
  privateId: string;
  privateSlug: string;
  paidId: string;
  tierId: string;
  ownerMemberId: string;
  memberMemberId: string;
}

const fields = {
  name: "Planted space",
  slug: "planted-space",
  description: "",
  icon: "",
  type: "discussion" as const,
  visibility: "public" as const,
  section: "",
};

// A private space no plain member was added to: to them (and to the CRM member) it is an id
// that exists nowhere; the owner is in it, moderators see every space.
const hiddenFromMembers = {
  right: "see the private space",
  lacking: ["member", "crmMember"] as ["member", "crmMember"],
  refusal: { kind: "hidden" as const },
};

export const spaceSweep = sweepDomain<SpaceSeed>({
  async seed(victim) {
    const { owner } = victim;
    const tier = await owner.memberTier.create({
      name: "Victim's space tier",
      description: "",
      currency: "usd",
      monthlyPrice: null,
      yearlyPrice: null,
      lifetimePrice: null,
      trialDays: 0,
      sortOrder: 0,
    });
    const open = await owner.space.create({
      ...fields,
      name: "Victim's lounge",
      slug: "victims-lounge",
      description: "Victim's open space",
    });
    const secret = await owner.space.create({
      ...fields,
      name: "Victim's board room",
      slug: "victims-board-room",
      description: "Victim's secret plans",
      visibility: "private",
      section: "Victim's staff",
    });
    const paid = await owner.space.create({
      ...fields,
      name: "Victim's vault",
      slug: "victims-vault",
      visibility: "paid",
      tierIds: [tier.id],
    });
    await owner.space.addMember({ spaceId: secret.id, memberId: victim.memberIds.owner });
    // A read mark (space_read), so a leak of anyone's marks would show.
    await owner.space.markRead({ spaceId: secret.id });
    return {
      publicId: open.id,
      privateId: secret.id,
      privateSlug: secret.slug,
      paidId: paid.id,
      tierId: tier.id,
      ownerMemberId: victim.memberIds.owner,
      memberMemberId: victim.memberIds.member,
    };
  },
  procedures: {
    "space.list": { access: "member", input: () => ({ includeArchived: true }) },
    "space.get": {
      access: "member",
      input: (s) => ({ slug: s.privateSlug }),
      missing: () => ({ slug: "no-such-space" }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "space.members": {
      access: "member",
      input: (s) => ({ spaceId: s.privateId }),
      missing: () => ({ spaceId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "moderator" }],
    },
    "space.join": {
      access: "member",
      input: (s) => ({ spaceId: s.privateId }),
      missing: () => ({ spaceId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "owner" }],
    },
    "space.mute": {
      access: "member",
      input: (s) => ({ spaceId: s.privateId, muted: true }),
      missing: () => ({ spaceId: missingId, muted: true }),
      requires: [{ ...hiddenFromMembers, holder: "owner" }],
    },
    "space.leave": {
      access: "member",
      input: (s) => ({ spaceId: s.privateId }),
      missing: () => ({ spaceId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "owner" }],
    },
    "space.unread": { access: "member", input: () => undefined },
    "space.markRead": {
      access: "member",
      input: (s) => ({ spaceId: s.privateId }),
      missing: () => ({ spaceId: missingId }),
      requires: [{ ...hiddenFromMembers, holder: "owner" }],
    },
    "space.tierOpenings": { access: "member", input: () => undefined },
    "space.create": { access: "admin", input: () => fields },
    "space.update": {
      access: "admin",
      input: (s) => ({ ...fields, id: s.privateId }),
      missing: () => ({ ...fields, id: missingId }),
    },
    "space.archive": {
      access: "admin",
      input: (s) => ({ id: s.privateId, archived: true }),
      missing: () => ({ id: missingId, archived: true }),
    },
    "space.reorder": {
      access: "admin",
      input: (s) => ({ sections: [{ name: "Moved", spaceIds: [s.privateId, s.publicId] }] }),
      missing: () => ({ sections: [{ name: "Moved", spaceIds: [missingId] }] }),
    },
    "space.addMember": {
      access: "admin",
      input: (s) => ({ spaceId: s.privateId, memberId: s.memberMemberId }),
      missing: () => ({ spaceId: missingId, memberId: missingId }),
    },
    "space.removeMember": {
      access: "admin",
      input: (s) => ({ spaceId: s.privateId, memberId: s.ownerMemberId }),
      missing: () => ({ spaceId: missingId, memberId: missingId }),
    },
    "space.setTiers": {
      access: "admin",
      input: (s) => ({ spaceId: s.paidId, tierIds: [s.tierId] }),
      missing: () => ({ spaceId: missingId, tierIds: [missingId] }),
    },
  },
});
