import { type MemberRole, memberRoles } from "@guild/db";

const roleRank: Record<MemberRole, number> = { member: 0, moderator: 1, admin: 2, owner: 3 };

/** owner > admin > moderator > member */
export function hasRole(role: MemberRole, atLeast: MemberRole): boolean {
  return roleRank[role] >= roleRank[atLeast];
}

/** The roles `role` may hand out: its own and those below it. */
export function rolesUpTo(role: MemberRole): MemberRole[] {
  return memberRoles.filter((r) => hasRole(role, r));
}
