// How members appear next to what they wrote (chat and direct messages): name, @username and
// picture, read for a page of messages in one query.
import { and, eq, file, inArray, member, memberProfile, type TenantScope, user } from "@guild/db";
import { avatarOf, avatarUrl } from "./avatar.ts";

export interface PersonView {
  memberId: string;
  /** The profile's display name, else the account's name. */
  name: string;
  username: string | null;
  avatarUrl: string | null;
}

/** The members among `memberIds` (others, e.g. gone, are left out), by member id. */
export async function peopleById(
  scope: TenantScope,
  memberIds: readonly (string | null)[],
): Promise<Map<string, PersonView>> {
  const ids = [...new Set(memberIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await scope.db
    .select({
      memberId: member.id,
      accountName: user.name,
      displayName: memberProfile.displayName,
      username: memberProfile.username,
      avatarFileId: file.id,
    })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .leftJoin(
      memberProfile,
      and(
        eq(memberProfile.organizationId, member.organizationId),
        eq(memberProfile.memberId, member.id),
      ),
    )
    .leftJoin(file, avatarOf(member.organizationId, member.id))
    .where(and(eq(member.organizationId, scope.organizationId), inArray(member.id, ids)));
  return new Map(
    rows.map((row) => [
      row.memberId,
      {
        memberId: row.memberId,
        name: row.displayName ?? row.accountName,
        username: row.username,
        avatarUrl: avatarUrl(scope.organizationId, row.avatarFileId),
      },
    ]),
  );
}
