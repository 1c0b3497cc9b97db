// Plain arrays, no drizzle import: the web app's forms import them (through @guild/api's zod
// schemas) without pulling the ORM into the browser bundle.

/** Highest first: owner > admin > moderator > member. */
export const memberRoles = ["owner", "admin", "moderator", "member"] as const;
export type MemberRole = (typeof memberRoles)[number];

export const invitationStatuses = ["pending", "accepted", "declined", "revoked"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

const roleRank: Record<MemberRole, number> = { member: 0, moderator: 1, admin: 2, owner: 3 };

/** The one role ranking (API, web and tests): whether `role` is `atLeast` or above it. */
export function hasRole(role: MemberRole, atLeast: MemberRole): boolean {
  return roleRank[role] >= roleRank[atLeast];
}

/** The roles `role` may hand out: its own and those below it. */
export function rolesUpTo(role: MemberRole): MemberRole[] {
  return memberRoles.filter((r) => hasRole(role, r));
}
