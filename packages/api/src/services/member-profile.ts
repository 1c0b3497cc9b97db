// Member profiles (issue 11): how a member appears to their community, per organization. Rows
// are made with the membership (migration 0044's trigger), so every member has one; these read
// and change them. The picture is the member's avatar file (services/avatar.ts), falling back
// to the user's own image.
import {
  and,
  asc,
  eq,
  file,
  isNull,
  isOnline,
  LAST_SEEN_WRITE_INTERVAL_MS,
  lt,
  type MemberActor,
  member,
  memberProfile,
  or,
  sql,
  type TenantScope,
  user,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound, pgErrorCode } from "../errors.ts";
import { can } from "../policies/member.ts";
import type {
  mentionSearchInput,
  updateMemberProfileInput,
  updateProfileInput,
} from "../schemas/profile.ts";
import { avatarOf, avatarUrl } from "./avatar.ts";
import { actingMember } from "./member.ts";

const usernameTaken = () =>
  new AppError("CONFLICT", "This username is already taken", { field: "username" });

/** The columns of a profile as members see it. */
const profileColumns = {
  memberId: member.id,
  username: memberProfile.username,
  displayName: memberProfile.displayName,
  headline: memberProfile.headline,
  bio: memberProfile.bio,
  timeZone: memberProfile.timeZone,
  language: memberProfile.language,
  lastSeenAt: memberProfile.lastSeenAt,
  role: member.role,
  joinedAt: member.createdAt,
  userImage: user.image,
  avatarFileId: file.id,
};

/** Profiles with their membership, user and picture. */
function profiles(scope: TenantScope) {
  return scope.db
    .select(profileColumns)
    .from(memberProfile)
    .innerJoin(
      member,
      and(
        eq(member.organizationId, memberProfile.organizationId),
        eq(member.id, memberProfile.memberId),
      ),
    )
    .innerJoin(user, eq(user.id, member.userId))
    .leftJoin(file, avatarOf(memberProfile.organizationId, memberProfile.memberId));
}

type ProfileRow = Awaited<ReturnType<ReturnType<typeof profiles>["execute"]>>[number];

function present(scope: TenantScope, row: ProfileRow) {
  const { userImage, avatarFileId, ...profile } = row;
  return {
    ...profile,
    avatarUrl: avatarUrl(scope.organizationId, avatarFileId) ?? userImage,
    online: isOnline(row.lastSeenAt, scope.now()),
    isMe: scope.actor.kind === "member" && scope.actor.memberId === row.memberId,
  };
}
export type MemberProfile = ReturnType<typeof present>;

/** The profile a username names in this organization; NOT_FOUND for any other. */
export async function profileByUsername(scope: TenantScope, username: string) {
  const [row] = await profiles(scope).where(
    and(
      eq(memberProfile.organizationId, scope.organizationId),
      eq(memberProfile.username, username.replace(/^@/, "").toLowerCase()),
    ),
  );
  if (!row) throw notFound("Member");
  return present(scope, row);
}

async function profileOfMember(scope: TenantScope, memberId: string) {
  const [row] = await profiles(scope).where(
    and(
      eq(memberProfile.organizationId, scope.organizationId),
      eq(memberProfile.memberId, memberId),
    ),
  );
  if (!row) throw notFound("Member");
  return present(scope, row);
}

/** The acting member's own profile (the edit form's starting values). */
export function myProfile(scope: TenantScope) {
  return profileOfMember(scope, actingMember(scope).memberId);
}

/**
 * A taken username is found by the unique index (another member's row may be changing at the
 * same moment): 23505 → CONFLICT on the username field. One statement, so nothing else was
 * written.
 */
async function setProfile(
  scope: TenantScope,
  memberId: string,
  values: Partial<typeof memberProfile.$inferInsert>,
) {
  try {
    const [row] = await scope.db
      .update(memberProfile)
      .set(values)
      .where(
        and(
          eq(memberProfile.organizationId, scope.organizationId),
          eq(memberProfile.memberId, memberId),
        ),
      )
      .returning({ memberId: memberProfile.memberId });
    if (!row) throw notFound("Member");
  } catch (error) {
    if (pgErrorCode(error) === "23505") throw usernameTaken();
    throw error;
  }
  return profileOfMember(scope, memberId);
}

/** The acting member changes their own profile. */
export function updateMyProfile(scope: TenantScope, input: z.output<typeof updateProfileInput>) {
  return setProfile(scope, actingMember(scope).memberId, input);
}

/**
 * An admin renames another member (display name, username), within the one rank rule
 * (policies/member.ts "manage"): owners anyone, admins the moderators and members. Their own
 * profile they change with updateMyProfile. A member not found and one not theirs to manage
 * differ (FORBIDDEN says why): the directory shows every member and role anyway.
 */
export async function updateMemberProfile(
  scope: TenantScope,
  input: z.output<typeof updateMemberProfileInput>,
) {
  const actor: MemberActor = actingMember(scope);
  const [target] = await scope.db
    .select({ id: member.id, role: member.role })
    .from(member)
    .where(and(eq(member.organizationId, scope.organizationId), eq(member.id, input.memberId)));
  if (!target) throw notFound("Member");
  if (target.id !== actor.memberId && !can(actor, "manage", { target }))
    throw new AppError("FORBIDDEN", `Only owners can rename ${target.role}s`);
  return setProfile(scope, target.id, {
    ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
    ...(input.username !== undefined ? { username: input.username } : {}),
  });
}

/**
 * The @mention autocomplete: members whose username or (lowercased) display name starts with the
 * prefix, usernames first, a few. Each is a range on its own text_pattern_ops index (~>=~ and ~<~
 * being leakproof, so index conditions under row-level security): no scan of the members.
 */
export function mentionableQuery(scope: TenantScope, input: z.output<typeof mentionSearchInput>) {
  const { prefix, limit } = input;
  const where = [eq(memberProfile.organizationId, scope.organizationId)];
  if (prefix) {
    const byName = or(
      sql`(${memberProfile.username} ~>=~ ${prefix} and ${memberProfile.username} ~<~ ${`${prefix}\u007f`})`,
      // U+10FFFF sorts (as UTF-8 bytes) after every character: the range is "starts with".
      sql`(${memberProfile.displayNameKey} ~>=~ ${prefix} and ${memberProfile.displayNameKey} ~<~ ${`${prefix}\u{10FFFF}`})`,
    );
    if (byName) where.push(byName);
  }
  return profiles(scope)
    .where(and(...where))
    .orderBy(
      sql`starts_with(${memberProfile.username}, ${prefix}) desc`,
      asc(memberProfile.username),
    )
    .limit(limit);
}

export async function searchMentionable(
  scope: TenantScope,
  input: z.output<typeof mentionSearchInput>,
) {
  const rows = await mentionableQuery(scope, input);
  return rows.map((row) => {
    const { memberId, username, displayName, avatarUrl: url, online } = present(scope, row);
    return { memberId, username, displayName, avatarUrl: url, online };
  });
}

/**
 * When each member's last seen was last written by this process. Activity writes last_seen_at
 * at most once per LAST_SEEN_WRITE_INTERVAL_MS per member and process, so a busy member costs
 * one small update a minute, not one per request; the update's own condition keeps several
 * processes from writing more often than that between them. Bounded: oldest out first.
 */
const lastSeenWritten = new Map<string, number>();
const LAST_SEEN_REMEMBERED = 50_000;

/** Records that the member was active now, unless that was recorded less than a minute ago. */
export async function touchLastSeen(scope: TenantScope, memberId: string): Promise<void> {
  const now = scope.now();
  const key = `${scope.organizationId}:${memberId}`;
  const written = lastSeenWritten.get(key);
  if (written !== undefined && now.getTime() - written < LAST_SEEN_WRITE_INTERVAL_MS) return;
  if (lastSeenWritten.size >= LAST_SEEN_REMEMBERED) {
    const oldest = lastSeenWritten.keys().next();
    if (!oldest.done) lastSeenWritten.delete(oldest.value);
  }
  lastSeenWritten.delete(key);
  lastSeenWritten.set(key, now.getTime());
  const before = new Date(now.getTime() - LAST_SEEN_WRITE_INTERVAL_MS);
  await scope.db
    .update(memberProfile)
    // Not a change of the profile: updated_at stays what the member last saved.
    .set({ lastSeenAt: now, updatedAt: sql`${memberProfile.updatedAt}` })
    .where(
      and(
        eq(memberProfile.organizationId, scope.organizationId),
        eq(memberProfile.memberId, memberId),
        or(isNull(memberProfile.lastSeenAt), lt(memberProfile.lastSeenAt, before)),
      ),
    );
}
