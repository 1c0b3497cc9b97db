import { type InOrgRight, listHas, missingId, sweepDomain } from "./define.ts";

interface MemberSeed {
  memberId: string;
  peerAdminId: string;
  ownerId: string;
}

/**
 * The rank rule (policies/member.ts): only owners manage admins and owners, admins the roles
 * below them. The people are in the directory every member sees, so refusing says why.
 */
function outranked(
  action: string,
  input: (target: string, seed: MemberSeed) => unknown,
): InOrgRight<MemberSeed>[] {
  const visible = (target: (s: MemberSeed) => string) =>
    ({
      kind: "visible",
      through: { path: "member.list", input: { limit: 100 } },
      shows: (answer: unknown, s: MemberSeed) => listHas(answer, target(s)),
    }) as const;
  return [
    {
      right: `${action}: only owners manage admins`,
      lacking: ["admin"],
      holder: "owner",
      input: (s) => input(s.peerAdminId, s),
      refusal: visible((s) => s.peerAdminId),
    },
    {
      right: `${action}: nobody manages someone above them`,
      lacking: ["admin"],
      input: (s) => input(s.ownerId, s),
      refusal: visible((s) => s.ownerId),
    },
  ];
}

export const memberSweep = sweepDomain<MemberSeed>({
  seed: async (victim) => ({
    memberId: victim.memberIds.member,
    peerAdminId: victim.memberIds.peerAdmin,
    ownerId: victim.memberIds.owner,
  }),
  procedures: {
    "member.list": { access: "member", input: () => ({ limit: 100 }) },
    "member.count": { access: "member", input: () => ({}) },
    // By filter: another organization's members never match, so across organizations the sweep
    // checks that nothing of the victim's changed. Members the caller may not manage are skipped
    // (not refused): only the role given is a right.
    "member.bulkChangeRole": {
      access: "admin",
      input: (seed) => ({ filter: {}, ids: [seed.memberId], role: "member" }),
      missing: () => ({ filter: {}, ids: [missingId], role: "member" }),
      requires: [
        {
          right: "give a role they do not manage",
          lacking: ["admin"],
          holder: "owner",
          input: (s) => ({ filter: {}, ids: [s.memberId], role: "admin" }),
          missing: () => ({ filter: {}, ids: [missingId], role: "admin" }),
          refusal: { kind: "capability" },
        },
      ],
    },
    "member.byId": {
      access: "member",
      input: (seed) => ({ id: seed.memberId }),
      missing: () => ({ id: missingId }),
    },
    "member.changeRole": {
      access: "admin",
      input: (seed) => ({ id: seed.memberId, role: "member" }),
      missing: () => ({ id: missingId, role: "member" }),
      requires: [
        ...outranked("change a role", (id) => ({ id, role: "moderator" })),
        {
          right: "give a role they do not manage",
          lacking: ["admin"],
          holder: "owner",
          input: (s) => ({ id: s.memberId, role: "admin" }),
          missing: () => ({ id: missingId, role: "admin" }),
          refusal: { kind: "capability" },
        },
      ],
    },
    "member.setCrmAccess": {
      access: "admin",
      input: (seed) => ({ id: seed.memberId, crmAccess: true }),
      missing: () => ({ id: missingId, crmAccess: true }),
      requires: outranked("grant CRM access", (id) => ({ id, crmAccess: false })),
    },
    "member.remove": {
      access: "admin",
      input: (seed) => ({ id: seed.memberId }),
      missing: () => ({ id: missingId }),
      requires: outranked("remove", (id) => ({ id })),
    },
    "member.leave": { access: "member", input: () => undefined, ownOrganizationOnly: true },
    "member.transferOwnership": {
      access: "owner",
      input: (seed) => ({ id: seed.memberId }),
      missing: () => ({ id: missingId }),
    },
  },
});
