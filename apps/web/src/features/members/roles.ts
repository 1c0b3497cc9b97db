import type { RouterOutputs } from "@guild/api";
import { memberRoleSchema } from "@guild/api/schemas/member";

export type MemberRole = RouterOutputs["organization"]["current"]["membership"]["role"];

/** Highest first: owner, admin, moderator, member (the order of the API's role enum). */
export const memberRoles = memberRoleSchema.options;

function rank(role: MemberRole): number {
  return memberRoles.length - memberRoles.indexOf(role);
}

/** owner > admin > moderator > member, as the API checks it. */
export function hasRole(role: MemberRole, atLeast: MemberRole): boolean {
  return rank(role) >= rank(atLeast);
}

const labels: Record<MemberRole, string> = {
  owner: "Owner",
  admin: "Admin",
  moderator: "Moderator",
  member: "Member",
};

export function roleLabel(role: MemberRole): string {
  return labels[role];
}
