import { invitationKey } from "../services/invitation-key.ts";
import { TEST_SECRET } from "../testing.ts";
import { type InOrgRight, listHas, missingId, sweepDomain } from "./define.ts";

interface InvitationSeed {
  invitationId: string;
  adminInvitationId: string;
}

/**
 * The rank rule on invitations (policies/member.ts): an admin may not resend or revoke an
 * invitation to admin (or owner). Admins list every pending invitation, so refusing says why.
 */
const managesItsRole: InOrgRight<InvitationSeed>[] = [
  {
    right: "manage an invitation to admin: only owners",
    lacking: ["admin"],
    holder: "owner",
    input: (s) => ({ id: s.adminInvitationId }),
    refusal: {
      kind: "visible",
      through: { path: "invitation.list" },
      shows: (answer, s) => listHas(answer, s.adminInvitationId),
    },
  },
];

/** Only the person an invitation is addressed to sees or answers it: to anyone else, it is missing. */
const addressee: InOrgRight<InvitationSeed>[] = [
  { right: "be the one invited", lacking: ["admin", "member"], refusal: { kind: "hidden" } },
];

export const invitationSweep = sweepDomain<InvitationSeed>({
  async seed(victim) {
    const invite = await victim.owner.invitation.create({
      email: "invitee@victim.example",
      role: "member",
    });
    const adminInvite = await victim.owner.invitation.create({
      email: "next-admin@victim.example",
      role: "admin",
    });
    return { invitationId: invite.id, adminInvitationId: adminInvite.id };
  },
  procedures: {
    "invitation.list": { access: "admin", input: () => undefined },
    "invitation.create": {
      access: "admin",
      input: () => ({ email: "intruder@evil.example", role: "admin" }),
      requires: [
        {
          right: "invite to a role they do not manage",
          lacking: ["admin"],
          holder: "owner",
          input: () => ({ email: "second-admin@victim.example", role: "admin" }),
          refusal: { kind: "capability" },
        },
      ],
    },
    "invitation.resend": {
      access: "admin",
      input: (s) => ({ id: s.invitationId }),
      missing: () => ({ id: missingId }),
      requires: managesItsRole,
    },
    "invitation.revoke": {
      access: "admin",
      input: (s) => ({ id: s.invitationId }),
      missing: () => ({ id: missingId }),
      requires: managesItsRole,
    },
    // Public: the link's key is the secret mailed to the invitee (aimed here with the right
    // one), and the answer says only what that mail says (inviter's name, organization's name,
    // the address): never an id, a slug or a row of the organization, which the leak check
    // would catch.
    "invitationLink.preview": {
      access: "public",
      input: (s) => ({ id: s.invitationId, key: invitationKey(TEST_SECRET, s.invitationId) }),
      missing: () => ({ id: missingId, key: invitationKey(TEST_SECRET, missingId) }),
    },
    "me.invitations.list": { access: "authed", input: () => undefined },
    "me.invitations.byId": {
      access: "authed",
      input: (s) => ({ id: s.invitationId }),
      missing: () => ({ id: missingId }),
      requires: addressee,
    },
    "me.invitations.accept": {
      access: "authed",
      input: (s) => ({ id: s.invitationId }),
      missing: () => ({ id: missingId }),
      requires: addressee,
    },
    "me.invitations.decline": {
      access: "authed",
      input: (s) => ({ id: s.invitationId }),
      missing: () => ({ id: missingId }),
      requires: addressee,
    },
  },
});
