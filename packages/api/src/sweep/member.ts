import { sweepDomain } from "./define.ts";

export const memberSweep = sweepDomain({
  seed: async (victim) => ({ memberId: victim.memberIds.member }),
  procedures: {
    "member.list": { access: "member", input: () => undefined },
    "member.changeRole": {
      access: "admin",
      input: (seed) => ({ memberId: seed.memberId, role: "member" }),
    },
    "member.remove": { access: "admin", input: (seed) => ({ memberId: seed.memberId }) },
    "member.leave": { access: "member", input: () => undefined, ownOrganizationOnly: true },
    "member.transferOwnership": {
      access: "owner",
      input: (seed) => ({ memberId: seed.memberId }),
    },
  },
});
