// Organization bans (issue 11, moderation): a moderator or above takes someone out of the
// organization and keeps them out until an admin lifts the ban (who may ban whom:
// policies/member.ts `ban`). A ban ends the membership (space memberships, notifications and the
// other member-owned rows go with it, by their foreign keys), revokes invitations to the person,
// closes their pending join request, is recorded in the organization's audit log (activity) and
// told to the person by mail: they are no member any more, so the in-app notifications, which are
// members' own rows, cannot reach them. Every way back in asks bannedFromOrganization
// (admission.ts bannedFromJoining, invitation.ts acceptInvitation).
import type { Mail } from "@guild/auth";
import {
  and,
  type Database,
  desc,
  eq,
  invitation,
  isNull,
  joinRequest,
  member,
  organization,
  organizationBan,
  type TenantScope,
  user,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { can } from "../policies/member.ts";
import { publish } from "../realtime/event-log.ts";
import type { banMemberInput, liftBanInput } from "../schemas/organization-ban.ts";
import { recordActivity } from "./activity.ts";
import { releaseSeatsOf } from "./event-rsvp.ts";
import { actingMember, lockMembers, rankRefusal, targetOf } from "./member.ts";
import { queueSeatSync } from "./organization-plan.ts";

declare module "@guild/db/scope" {
  interface JobPayloads {
    "organization_ban.mail": { banId: string };
  }
}

/** The refusal every way back in answers a banned person with. */
export const bannedRefusal = () =>
  new AppError("FORBIDDEN", "You were banned from this community and cannot join it again", {
    reason: "BANNED_FROM_ORGANIZATION",
  });

/**
 * Whether a ban keeps the person out of the organization. On the app's database or inside a
 * transaction that makes a membership (the table is pre-tenant: no tenant scope needed).
 */
export async function bannedFromOrganization(
  db: Pick<Database, "select">,
  organizationId: string,
  userId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: organizationBan.id })
    .from(organizationBan)
    .where(
      and(
        eq(organizationBan.organizationId, organizationId),
        eq(organizationBan.userId, userId),
        isNull(organizationBan.liftedAt),
      ),
    )
    .limit(1);
  return Boolean(row);
}

const banTarget = (id: string) => ({ type: "organization_ban", id });

/** ban.create: ends the member's membership and keeps them out. */
export async function banMember(scope: TenantScope, input: z.output<typeof banMemberInput>) {
  const { db: tx, organizationId } = scope;
  const me = actingMember(scope);
  if (input.memberId === me.memberId)
    throw new AppError("BAD_REQUEST", "You cannot ban yourself", { field: "memberId" });
  const locked = await lockMembers(scope, me.memberId, input.memberId);
  const target = targetOf(locked);
  if (!can(locked.actor, "ban", { target })) {
    if (target.role === "owner") throw new AppError("FORBIDDEN", "Nobody can ban an owner");
    if (locked.actor.role === "moderator")
      throw new AppError("FORBIDDEN", "Moderators can ban plain members only");
    throw rankRefusal(locked.actor.role, target.role, "ban");
  }
  // Read while they are still a member: the tenant role reads members' people only.
  const [person] = await tx
    .select({ name: user.name, email: user.email })
    .from(user)
    .where(eq(user.id, target.userId));
  if (!person) throw notFound("Member");
  // Their seats go to the waitlists before the membership (and with it the answers) goes.
  await releaseSeatsOf(scope, target.id);
  await tx
    .delete(member)
    .where(and(eq(member.organizationId, organizationId), eq(member.id, target.id)));
  const [ban] = await tx
    .insert(organizationBan)
    .values({
      organizationId,
      userId: target.userId,
      name: person.name,
      email: person.email,
      reason: input.reason,
      bannedByMemberId: me.memberId,
      createdAt: scope.now(),
    })
    .returning({ id: organizationBan.id, createdAt: organizationBan.createdAt });
  // A member cannot hold a ban in force (every way in refuses them): the insert always writes.
  if (!ban) throw new Error("the ban was not written");
  await recordActivity(scope, {
    action: "member.banned",
    target: banTarget(ban.id),
    changes: {
      member: { from: `${person.name} (${target.role})`, to: null },
      reason: { from: null, to: input.reason },
    },
  });
  // Invitations they sent, and those that would bring them back, end with the membership.
  await tx
    .update(invitation)
    .set({ status: "revoked" })
    .where(
      and(
        eq(invitation.organizationId, organizationId),
        eq(invitation.status, "pending"),
        eq(invitation.inviterId, target.userId),
      ),
    );
  await tx
    .update(invitation)
    .set({ status: "revoked" })
    .where(
      and(
        eq(invitation.organizationId, organizationId),
        eq(invitation.status, "pending"),
        eq(invitation.email, person.email),
      ),
    );
  await tx
    .update(joinRequest)
    .set({ status: "denied", decidedAt: scope.now(), decidedByMemberId: me.memberId })
    .where(
      and(
        eq(joinRequest.organizationId, organizationId),
        eq(joinRequest.userId, target.userId),
        eq(joinRequest.status, "pending"),
      ),
    );
  await queueSeatSync(scope);
  // Their open streams check their membership on this event and end.
  await publish(scope, { kind: "member.removed", target: { type: "member", id: target.id } });
  await scope.enqueue("organization_ban.mail", { banId: ban.id });
  return { id: ban.id, memberId: target.id };
}

/** ban.list (admins): every ban, in force first, newest first. */
export async function listBans(scope: TenantScope) {
  const bannedBy = scope.db
    .select({ id: member.id, name: user.name })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.organizationId, scope.organizationId))
    .as("banned_by");
  const rows = await scope.db
    .select({
      id: organizationBan.id,
      name: organizationBan.name,
      email: organizationBan.email,
      reason: organizationBan.reason,
      createdAt: organizationBan.createdAt,
      liftedAt: organizationBan.liftedAt,
      bannedByName: bannedBy.name,
    })
    .from(organizationBan)
    .leftJoin(bannedBy, eq(bannedBy.id, organizationBan.bannedByMemberId))
    .where(eq(organizationBan.organizationId, scope.organizationId))
    .orderBy(desc(isNull(organizationBan.liftedAt)), desc(organizationBan.createdAt))
    .limit(200);
  return rows;
}

/** ban.lift (admins): the person may join again by the organization's usual ways in. */
export async function liftBan(scope: TenantScope, input: z.output<typeof liftBanInput>) {
  const me = actingMember(scope);
  const where = and(
    eq(organizationBan.organizationId, scope.organizationId),
    eq(organizationBan.id, input.id),
  );
  const [lifted] = await scope.db
    .update(organizationBan)
    .set({ liftedAt: scope.now(), liftedByMemberId: me.memberId })
    .where(and(where, isNull(organizationBan.liftedAt)))
    .returning({ id: organizationBan.id, name: organizationBan.name });
  if (!lifted) {
    const [exists] = await scope.db
      .select({ id: organizationBan.id })
      .from(organizationBan)
      .where(where);
    if (!exists) throw notFound("Ban");
    throw new AppError("CONFLICT", "This ban was already lifted");
  }
  await recordActivity(scope, {
    action: "member.ban_lifted",
    target: banTarget(lifted.id),
    changes: { banned: { from: lifted.name, to: null } },
  });
  return { id: lifted.id };
}

/** The ban's mail to the person, or null once the ban was lifted before it went out. */
export async function banMail(scope: TenantScope, banId: string): Promise<Mail | null> {
  const [row] = await scope.db
    .select({
      email: organizationBan.email,
      reason: organizationBan.reason,
      organizationName: organization.name,
    })
    .from(organizationBan)
    .innerJoin(organization, eq(organization.id, organizationBan.organizationId))
    .where(
      and(
        eq(organizationBan.organizationId, scope.organizationId),
        eq(organizationBan.id, banId),
        isNull(organizationBan.liftedAt),
      ),
    );
  if (!row) return null;
  return {
    to: row.email,
    subject: `You were removed from ${row.organizationName}`,
    text: `The moderators of ${row.organizationName} banned you from the community.\nTheir reason: ${row.reason}\nYou can no longer open it or join it again unless an admin lifts the ban.`,
  };
}
