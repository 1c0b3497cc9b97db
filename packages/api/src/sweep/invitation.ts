import { sweepDomain } from "./define.ts";

export const invitationSweep = sweepDomain({
  async seed(victim) {
    const invite = await victim.owner.invitation.create({
      email: "invitee@victim.example",
      role: "member",
    });
    return { invitationId: invite.id };
  },
  procedures: {
    "invitation.list": { access: "admin", input: () => undefined },
    "invitation.create": {
      access: "admin",
      input: () => ({ email: "intruder@evil.example", role: "admin" }),
    },
    "invitation.resend": { access: "admin", input: (s) => ({ invitationId: s.invitationId }) },
    "invitation.revoke": { access: "admin", input: (s) => ({ invitationId: s.invitationId }) },
    "invitation.mine": { access: "authed", input: () => undefined },
    "invitation.byId": { access: "authed", input: (s) => ({ invitationId: s.invitationId }) },
    "invitation.accept": { access: "authed", input: (s) => ({ invitationId: s.invitationId }) },
    "invitation.decline": { access: "authed", input: (s) => ({ invitationId: s.invitationId }) },
  },
});
