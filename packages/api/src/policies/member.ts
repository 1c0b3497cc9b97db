// Membership: who may see whom, and the one rank rule for every membership change. Only owners
// manage admins (and owners); admins manage the roles below them (moderators and members). The
// same rule decides inviting, resending and revoking an invitation, changing a role, removing
// someone and granting CRM access (manageableRoles in @guild/db/enums). Banning is the one
// exception below it: moderators may ban plain members.
import { hasRole, type MemberRole, managesRole } from "@guild/db/enums";
import { hasCrmAccessByRole } from "./lead.ts";
import { definePolicy } from "./policy.ts";

interface Target {
  id: string;
  role: MemberRole;
}

interface MemberResources {
  /** See the directory: names, avatars and roles. Every member may. */
  list: undefined;
  /** See members' email addresses and CRM grants in the directory. */
  seeContactDetails: undefined;
  /** Invite someone to a role. */
  invite: { role: MemberRole };
  /** See the pending invitations. */
  listInvitations: undefined;
  /** Resend or revoke a pending invitation (to the role it names). */
  manageInvitation: { role: MemberRole };
  /** Act on a member at all: their role, their CRM access, their membership. */
  manage: { target: Target };
  /** Give a member another role. */
  changeRole: { target: Target; role: MemberRole };
  /** Take someone out of the organization. */
  remove: { target: Target };
  /** Grant or revoke a member's CRM access (only where the role does not already give it). */
  setCrmAccess: { target: Target };
  /** Make someone an owner and step down to admin. */
  transferOwnership: { target: Target };
  /** Ban someone from the organization: their membership ends and they cannot come back. */
  ban: { target: Target };
  /** See who is banned, and lift a ban. */
  manageBans: undefined;
}

export const can = definePolicy<MemberResources>({
  list: () => true,
  seeContactDetails: (actor) => hasRole(actor.role, "admin"),
  invite: (actor, { role }) => managesRole(actor.role, role),
  listInvitations: (actor) => hasRole(actor.role, "admin"),
  manageInvitation: (actor, { role }) => managesRole(actor.role, role),
  manage: (actor, { target }) => managesRole(actor.role, target.role),
  changeRole: (actor, { target, role }) =>
    managesRole(actor.role, target.role) && managesRole(actor.role, role),
  remove: (actor, { target }) => managesRole(actor.role, target.role),
  setCrmAccess: (actor, { target }) =>
    managesRole(actor.role, target.role) && !hasCrmAccessByRole(target.role),
  transferOwnership: (actor, { target }) => actor.role === "owner" && target.id !== actor.memberId,
  // Moderators keep the community clean, so they ban plain members; a moderator is banned by an
  // admin, an admin by an owner (the rank rule); nobody bans an owner, or themselves.
  ban: (actor, { target }) =>
    target.id !== actor.memberId &&
    target.role !== "owner" &&
    (target.role === "member"
      ? hasRole(actor.role, "moderator")
      : managesRole(actor.role, target.role)),
  manageBans: (actor) => hasRole(actor.role, "admin"),
});
