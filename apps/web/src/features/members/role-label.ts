import type { MemberRole } from "@guild/db/enums";

const labels: Record<MemberRole, string> = {
  owner: "Owner",
  admin: "Admin",
  moderator: "Moderator",
  member: "Member",
};

/** How a role reads on screen. The ranking itself is @guild/db/enums' (one for API and web). */
export function roleLabel(role: MemberRole): string {
  return labels[role];
}
