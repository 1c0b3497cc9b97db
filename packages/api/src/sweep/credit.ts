import { type InOrgRight, missingId, sweepDomain } from "./define.ts";

interface CreditSeed {
  ownerMemberId: string;
}

/**
 * A member reads their own credits only: another member's balance and history are admins'
 * (services/credit.ts), and to anyone else they are missing, as an unknown member is.
 */
const adminsReadOthers: InOrgRight<CreditSeed>[] = [
  {
    right: "admin, to read another member's credits",
    lacking: ["member", "moderator", "crmMember"],
    holder: "admin",
    refusal: { kind: "hidden" },
  },
];

export const creditSweep = sweepDomain<CreditSeed>({
  async seed(victim) {
    // The owner has a history beyond the sign-up bonus: an admin bonus with its reason.
    await victim.owner.credit.adminGrant({
      memberId: victim.memberIds.owner,
      amount: 7,
      description: "Victim's secret bonus",
      idempotencyKey: "sweep-seed-grant",
    });
    return { ownerMemberId: victim.memberIds.owner };
  },
  procedures: {
    "credit.balance": {
      access: "member",
      input: (s) => ({ memberId: s.ownerMemberId }),
      missing: () => ({ memberId: missingId }),
      requires: adminsReadOthers,
    },
    "credit.history": {
      access: "member",
      input: (s) => ({ memberId: s.ownerMemberId }),
      missing: () => ({ memberId: missingId }),
      requires: adminsReadOthers,
    },
    "credit.adminGrant": {
      access: "admin",
      input: (s) => ({
        memberId: s.ownerMemberId,
        amount: 1000,
        description: "Planted bonus",
        idempotencyKey: "sweep-planted-grant",
      }),
      missing: () => ({
        memberId: missingId,
        amount: 1000,
        description: "Planted bonus",
        idempotencyKey: "sweep-planted-grant",
      }),
    },
  },
});
