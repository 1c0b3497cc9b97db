import { member } from "@guild/db";
import { type InOrgRight, listHas, missingId, sweepDomain } from "./define.ts";

interface BanSeed {
  memberId: string;
  moderatorId: string;
  peerAdminId: string;
  ownerId: string;
  banId: string;
}

/** The people are in the directory every member sees: a refusal of rank says why. */
const listed = (target: (s: BanSeed) => string) =>
  ({
    kind: "visible",
    through: { path: "member.list", input: { limit: 100 } },
    shows: (answer: unknown, s: BanSeed) => listHas(answer, target(s)),
  }) as const;

const reason = "Sweep";

// No holders: a holder's ban would take one of the victim's insiders out for every later check.
const rankRules: InOrgRight<BanSeed>[] = [
  {
    right: "ban: moderators ban plain members only",
    lacking: ["moderator"],
    input: (s) => ({ memberId: s.peerAdminId, reason }),
    missing: () => ({ memberId: missingId, reason }),
    refusal: listed((s) => s.peerAdminId),
  },
  {
    right: "ban: only owners ban admins",
    lacking: ["admin"],
    input: (s) => ({ memberId: s.peerAdminId, reason }),
    missing: () => ({ memberId: missingId, reason }),
    refusal: listed((s) => s.peerAdminId),
  },
  {
    right: "ban: nobody bans an owner",
    lacking: ["admin"],
    input: (s) => ({ memberId: s.ownerId, reason }),
    missing: () => ({ memberId: missingId, reason }),
    refusal: listed((s) => s.ownerId),
  },
];

export const organizationBanSweep = sweepDomain<BanSeed>({
  async seed(victim) {
    // Someone of the victim's own, banned by its owner: the ban row every check aims at.
    const person = await victim.fx.signUp("Victim's banned member");
    const [joined] = await victim.fx.db
      .insert(member)
      .values({ organizationId: victim.organizationId, userId: person.id, role: "member" })
      .returning({ id: member.id });
    if (!joined) throw new Error("the member to ban was not written");
    const ban = await victim.owner.ban.create({ memberId: joined.id, reason: "Victim's reason" });
    return {
      memberId: victim.memberIds.member,
      moderatorId: victim.memberIds.moderator,
      peerAdminId: victim.memberIds.peerAdmin,
      ownerId: victim.memberIds.owner,
      banId: ban.id,
    };
  },
  procedures: {
    "ban.create": {
      access: "moderator",
      input: (s) => ({ memberId: s.memberId, reason }),
      missing: () => ({ memberId: missingId, reason }),
      requires: rankRules,
    },
    "ban.list": { access: "admin", input: () => undefined },
    "ban.lift": {
      access: "admin",
      input: (s) => ({ id: s.banId }),
      missing: () => ({ id: missingId }),
    },
  },
});
