import { type InOrgRight, missingId, sweepDomain } from "./define.ts";

interface ProfileSeed {
  ownerUsername: string;
  memberId: string;
  /** An admin of the profile domain's own: member.remove's holder removes the sweep's peer admin. */
  peerAdminId: string;
  ownerId: string;
}

/** Whether the autocomplete's answer lists this member (so the rank refusal reveals nothing). */
function listsMember(answer: unknown, memberId: string): boolean {
  return (
    Array.isArray(answer) &&
    answer.some(
      (row: unknown) =>
        row !== null && typeof row === "object" && "memberId" in row && row.memberId === memberId,
    )
  );
}

/** The rank rule (policies/member.ts): admins rename moderators and members, owners anyone. */
const outranked: InOrgRight<ProfileSeed>[] = [
  {
    right: "rename: only owners manage admins",
    lacking: ["admin"],
    holder: "owner",
    input: (s) => ({ memberId: s.peerAdminId, displayName: "Renamed peer" }),
    refusal: {
      kind: "visible",
      through: { path: "profile.mentionable", input: { prefix: "", limit: 20 } },
      shows: (answer, s) => listsMember(answer, s.peerAdminId),
    },
  },
  {
    right: "rename: nobody manages someone above them",
    lacking: ["admin"],
    input: (s) => ({ memberId: s.ownerId, username: "renamed_owner" }),
    refusal: {
      kind: "visible",
      through: { path: "profile.mentionable", input: { prefix: "", limit: 20 } },
      shows: (answer, s) => listsMember(answer, s.ownerId),
    },
  },
];

const ownProfile = {
  displayName: "Planted name",
  username: "planted_name",
  headline: "Planted headline",
  bio: "Planted bio",
  timeZone: "UTC",
  language: "en",
};

export const profileSweep = sweepDomain<ProfileSeed>({
  async seed(victim) {
    await victim.owner.profile.update({
      displayName: "Victim's owner",
      username: "victim_owner",
      headline: "Victim's secret headline",
      bio: "Victim's secret **bio**",
      timeZone: "Europe/Paris",
      language: "fr",
    });
    await victim.owner.profile.updateMember({
      memberId: victim.memberIds.member,
      username: "victim_member",
    });
    const peerAdmin = await victim.fx.addMember(victim.organizationId, "admin", {
      name: "Renamed admin",
    });
    return {
      ownerUsername: "victim_owner",
      memberId: victim.memberIds.member,
      peerAdminId: peerAdmin.memberId,
      ownerId: victim.memberIds.owner,
    };
  },
  procedures: {
    "profile.byUsername": {
      access: "member",
      input: (s) => ({ username: s.ownerUsername }),
      missing: () => ({ username: "nobody_anywhere" }),
    },
    "profile.mentionable": { access: "member", input: () => ({ prefix: "victim" }) },
    // The caller's own profile, whatever the input: nothing to aim at another organization.
    "profile.mine": { access: "member", input: () => undefined, ownOrganizationOnly: true },
    "profile.update": { access: "member", input: () => ownProfile, ownOrganizationOnly: true },
    "profile.updateMember": {
      access: "admin",
      input: (s) => ({ memberId: s.memberId, displayName: "Hijacked" }),
      missing: () => ({ memberId: missingId, displayName: "Hijacked" }),
      requires: outranked,
    },
  },
});
