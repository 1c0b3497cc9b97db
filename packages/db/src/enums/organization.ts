// Plain arrays, no drizzle import: the web app's forms import them (through @guild/api's zod
// schemas) without pulling the ORM into the browser bundle.

/** Highest first: owner > admin > moderator > member. */
export const memberRoles = ["owner", "admin", "moderator", "member"] as const;
export type MemberRole = (typeof memberRoles)[number];

export const invitationStatuses = ["pending", "accepted", "declined", "revoked"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/**
 * Who may join an organization from its public page (/c/:slug): anyone signed in ("open"), anyone
 * an admin approves ("approval": a join request), or only the people invited ("invitation").
 */
export const joinPolicies = ["open", "approval", "invitation"] as const;
export type JoinPolicy = (typeof joinPolicies)[number];

/** A join request's life: waiting for an admin, then approved (a membership) or denied. */
export const joinRequestStatuses = ["pending", "approved", "denied"] as const;
export type JoinRequestStatus = (typeof joinRequestStatuses)[number];

const roleRank: Record<MemberRole, number> = { member: 0, moderator: 1, admin: 2, owner: 3 };

/** The one role ranking (API, web and tests): whether `role` is `atLeast` or above it. */
export function hasRole(role: MemberRole, atLeast: MemberRole): boolean {
  return roleRank[role] >= roleRank[atLeast];
}

/**
 * The roles `role` manages: hands out (invite, promote, demote to), takes away (remove, revoke
 * an invitation) and resends. Owners manage every role, their own included; admins the roles
 * below theirs; moderators and members none. The one rank rule behind every membership change.
 */
export function manageableRoles(role: MemberRole): MemberRole[] {
  if (role === "owner") return [...memberRoles];
  if (role !== "admin") return [];
  return memberRoles.filter((r) => roleRank[r] < roleRank[role]);
}

/** Whether `role` manages people who hold (or are invited to) `target` (manageableRoles). */
export function managesRole(role: MemberRole, target: MemberRole): boolean {
  return manageableRoles(role).includes(target);
}

/** The most a ban's reason may say (organization_ban.reason). */
export const BAN_REASON_MAX = 500;
