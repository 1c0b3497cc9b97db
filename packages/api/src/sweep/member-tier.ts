import { missingId, sweepDomain } from "./define.ts";

interface TierSeed {
  goldId: string;
  freeId: string;
  ownerMemberId: string;
  memberMemberId: string;
}

const fields = {
  name: "Planted tier",
  description: "",
  currency: "usd" as const,
  monthlyPrice: null,
  yearlyPrice: null,
  lifetimePrice: null,
  trialDays: 0,
  sortOrder: 0,
};

export const memberTierSweep = sweepDomain<TierSeed>({
  async seed(victim) {
    // The owner connects Stripe (the stand-in's onboarding page, submitted as a browser would),
    // then sells a paid tier, offers a free one, and comps the owner the paid one.
    const { url } = await victim.owner.connect.start();
    const onboarding = await fetch(url, { method: "POST", redirect: "manual" });
    if (onboarding.status !== 303) throw new Error(`onboarding answered ${onboarding.status}`);
    await victim.owner.connect.sync();
    const gold = await victim.owner.memberTier.create({
      ...fields,
      name: "Victim's Gold",
      description: "Victim's secret perks",
      monthlyPrice: 900,
      yearlyPrice: 9000,
      trialDays: 7,
    });
    const free = await victim.owner.memberTier.create({ ...fields, name: "Victim's Free" });
    await victim.owner.memberTier.grant({ memberId: victim.memberIds.owner, tierId: gold.id });
    return {
      goldId: gold.id,
      freeId: free.id,
      ownerMemberId: victim.memberIds.owner,
      memberMemberId: victim.memberIds.member,
    };
  },
  procedures: {
    "memberTier.list": { access: "member", input: () => ({ includeArchived: true }) },
    "memberTier.mine": { access: "member", input: () => undefined },
    "memberTier.members": {
      access: "admin",
      input: (s) => ({ tierId: s.goldId }),
      missing: () => ({ tierId: missingId }),
    },
    "memberTier.create": { access: "admin", input: () => fields },
    "memberTier.update": {
      access: "admin",
      input: (s) => ({ ...fields, id: s.goldId }),
      missing: () => ({ ...fields, id: missingId }),
    },
    "memberTier.archive": {
      access: "admin",
      input: (s) => ({ id: s.goldId, archived: true }),
      missing: () => ({ id: missingId, archived: true }),
    },
    "memberTier.grant": {
      access: "admin",
      input: (s) => ({ memberId: s.memberMemberId, tierId: s.goldId }),
      missing: () => ({ memberId: missingId, tierId: missingId }),
    },
    "memberTier.revoke": {
      access: "admin",
      input: (s) => ({ memberId: s.ownerMemberId }),
      missing: () => ({ memberId: missingId }),
    },
    "memberTier.chooseFree": {
      access: "member",
      input: (s) => ({ tierId: s.freeId }),
      missing: () => ({ tierId: missingId }),
    },
    "memberTier.checkout": {
      access: "member",
      input: (s) => ({ tierId: s.goldId, interval: "month" }),
      missing: () => ({ tierId: missingId, interval: "month" }),
    },
    // The caller's own tier, whatever the input.
    "memberTier.cancel": { access: "member", input: () => undefined, ownOrganizationOnly: true },
    "memberTier.resume": { access: "member", input: () => undefined, ownOrganizationOnly: true },
    "connect.status": { access: "admin", input: () => undefined },
    "connect.start": { access: "owner", input: () => undefined, ownOrganizationOnly: true },
    "connect.sync": { access: "admin", input: () => undefined, ownOrganizationOnly: true },
  },
});
