// Users as a platform admin sees them (issue 10 §3): search with their organizations, ban and
// unban. A ban is signed out everywhere at once: the ban and the deletion of every session of
// the user are one transaction with its audit row, so from that commit no request of theirs is
// answered (better-auth finds no session; organization calls find none in their own statement;
// an open event stream, in any server process, is woken by the commit's notification, finds none
// and ends). Signing in again is refused by
// better-auth's admin plugin while the ban lasts.
import {
  and,
  asc,
  type Database,
  desc,
  eq,
  ilike,
  inArray,
  member,
  or,
  organization,
  type SQL,
  session,
  sql,
  user,
} from "@guild/db";
import { AppError, notFound } from "../errors.ts";
import { notifySessionsRevoked } from "../realtime/session-revoked.ts";
import { isPlatformAdmin } from "../rungs/platform-admin.ts";
import type { AdminUserFilter } from "../schemas/admin.ts";
import { type AuditActor, recordAudit } from "./audit-log.ts";

/** `%`, `_` and `\` typed in a search are meant literally. */
const likePattern = (query: string) => `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function searchUsers(
  db: Database,
  input: {
    query?: string | undefined;
    filter: AdminUserFilter;
    cursor?: { at: Date; id: string } | null | undefined;
    limit: number;
  },
) {
  const conditions: (SQL | undefined)[] = [];
  if (input.query)
    conditions.push(
      or(ilike(user.name, likePattern(input.query)), ilike(user.email, likePattern(input.query))),
    );
  if (input.filter === "banned") conditions.push(eq(user.banned, true));
  if (input.filter === "admins")
    conditions.push(sql`'admin' = any(string_to_array(${user.role}, ','))`);
  // created_at holds microseconds and a cursor (a JS Date) milliseconds: both sides of the
  // keyset are compared at milliseconds, so two sign-ups in one millisecond are neither lost
  // nor shown twice.
  const joined = sql`date_trunc('milliseconds', ${user.createdAt})`;
  if (input.cursor)
    conditions.push(
      sql`(${joined}, ${user.id}) < (${input.cursor.at.toISOString()}::timestamptz, ${input.cursor.id}::uuid)`,
    );
  const rows = await db
    .select({
      id: user.id,
      name: user.name,
      email: user.email,
      emailVerified: user.emailVerified,
      role: user.role,
      banned: user.banned,
      banReason: user.banReason,
      banExpires: user.banExpires,
      createdAt: user.createdAt,
    })
    .from(user)
    .where(and(...conditions))
    .orderBy(desc(joined), desc(user.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const ids = page.map((row) => row.id);
  const memberships =
    ids.length === 0
      ? []
      : await db
          .select({
            userId: member.userId,
            id: organization.id,
            slug: organization.slug,
            name: organization.name,
            role: member.role,
          })
          .from(member)
          .innerJoin(organization, eq(organization.id, member.organizationId))
          .where(inArray(member.userId, ids))
          .orderBy(asc(organization.name));
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      ...row,
      platformAdmin: isPlatformAdmin(row.role),
      banned: row.banned === true,
      organizations: memberships
        .filter((m) => m.userId === row.id)
        .map(({ userId: _, ...organizationOf }) => organizationOf),
    })),
    nextCursor: rows.length > input.limit && last ? { at: last.createdAt, id: last.id } : null,
  };
}

/** The user an admin names, locked for the action (two admins banning at once queue). */
async function lockedUser(tx: Pick<Database, "select">, userId: string) {
  const [target] = await tx
    .select({ id: user.id, email: user.email, role: user.role, banned: user.banned })
    .from(user)
    .where(eq(user.id, userId))
    .for("update");
  if (!target) throw notFound("User");
  return target;
}

export async function banUser(
  db: Database,
  actor: AuditActor,
  input: { userId: string; reason: string; expiresAt?: Date | null | undefined },
) {
  if (input.userId === actor.id)
    throw new AppError("BAD_REQUEST", "You cannot ban yourself", { field: "userId" });
  return db.transaction(async (tx) => {
    const target = await lockedUser(tx, input.userId);
    // Another admin is taken off the admin role (db:setup-admin's side), not banned from here.
    if (isPlatformAdmin(target.role))
      throw new AppError("FORBIDDEN", "Platform admins cannot be banned");
    await tx
      .update(user)
      .set({ banned: true, banReason: input.reason, banExpires: input.expiresAt ?? null })
      .where(eq(user.id, target.id));
    const revoked = await tx
      .delete(session)
      .where(eq(session.userId, target.id))
      .returning({ id: session.id });
    await notifySessionsRevoked(tx, target.id);
    await recordAudit(tx, actor, {
      action: "user.ban",
      targetType: "user",
      targetId: target.id,
      details: {
        email: target.email,
        reason: input.reason,
        expiresAt: input.expiresAt?.toISOString() ?? null,
        sessionsRevoked: revoked.length,
      },
    });
    return { sessionsRevoked: revoked.length };
  });
}

export async function unbanUser(db: Database, actor: AuditActor, userId: string) {
  await db.transaction(async (tx) => {
    const target = await lockedUser(tx, userId);
    if (!target.banned) throw new AppError("CONFLICT", "This user is not banned");
    await tx
      .update(user)
      .set({ banned: false, banReason: null, banExpires: null })
      .where(eq(user.id, target.id));
    await recordAudit(tx, actor, {
      action: "user.unban",
      targetType: "user",
      targetId: target.id,
      details: { email: target.email },
    });
  });
}
