import type { Mail } from "@guild/auth";
import {
  and,
  asSystem,
  type Database,
  eq,
  gt,
  invitation,
  isNull,
  lte,
  type MemberRole,
  manageableRoles,
  member,
  notInArray,
  organization,
  organizationBan,
  readOrganizationPlan,
  sql,
  type TenantScope,
  user,
  withTenant,
} from "@guild/db";
import { AppError, notFound } from "../errors.ts";
import { can } from "../policies/member.ts";
import { idSchema } from "../schemas/common.ts";
import { effectivePlan } from "./entitlements.ts";
import { invitationKey, isInvitationKey } from "./invitation-key.ts";
import { actingMember, rankRefusal } from "./member.ts";
import { bannedFromOrganization, bannedRefusal } from "./organization-ban.ts";
import { queueSeatSync } from "./organization-plan.ts";
import { requireSeat, requireSeatIn, seatKind } from "./seats.ts";

// Jobs this domain enqueues (handlers in jobs/invitation.ts): declared where they are enqueued,
// so every program that compiles the enqueue also sees the payload type.
declare module "@guild/db/scope" {
  interface JobPayloads {
    "invitation.mail": { invitationId: string };
  }
}

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The mailed link: the id names the invitation, the key proves the link came from the mail. */
function invitationUrl(link: { appUrl: string; secret: string }, invitationId: string) {
  return `${link.appUrl}/invitations/${invitationId}?key=${invitationKey(link.secret, invitationId)}`;
}

/**
 * The invitation's mail as of now, or null when there is nothing to send any more (answered,
 * revoked or expired since it was queued). Read in a tenant scope; sent outside it.
 */
export async function invitationMail(
  scope: TenantScope,
  invitationId: string,
  link: { appUrl: string; secret: string },
): Promise<Mail | null> {
  const [row] = await scope.db
    .select({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      organizationName: organization.name,
      inviterName: user.name,
    })
    .from(invitation)
    .innerJoin(organization, eq(organization.id, invitation.organizationId))
    .leftJoin(user, eq(user.id, invitation.inviterId))
    .where(
      and(
        eq(invitation.organizationId, scope.organizationId),
        eq(invitation.id, invitationId),
        eq(invitation.status, "pending"),
        gt(invitation.expiresAt, scope.now()),
      ),
    );
  if (!row) return null;
  const url = invitationUrl(link, row.id);
  const inviter = row.inviterName ?? "Someone";
  return {
    to: row.email,
    subject: `${inviter} invited you to ${row.organizationName} on Guild`,
    text: `${inviter} invited you to join ${row.organizationName} as ${row.role}.\nOpen this link to accept or decline:\n${url}\nThe invitation expires in ${INVITATION_TTL_MS / 86_400_000} days.`,
    link: url,
  };
}

/** Queues the invitation's mail: it goes out once this transaction commits, and is retried. */
async function queueMail(scope: TenantScope, invitationId: string) {
  await scope.enqueue("invitation.mail", { invitationId });
}

export async function createInvitation(
  scope: TenantScope,
  input: { email: string; role: MemberRole },
) {
  const actor = actingMember(scope);
  const { db: tx, organizationId } = scope;
  if (!can(actor, "invite", { role: input.role }))
    throw rankRefusal(actor.role, input.role, "invite", { field: "role" });
  const [existingMember] = await tx
    .select({ id: member.id })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(
      and(eq(member.organizationId, organizationId), sql`lower(${user.email}) = ${input.email}`),
    );
  if (existingMember)
    throw new AppError("CONFLICT", "This person is already a member", { field: "email" });
  // A banned person's address: accepting would be refused anyway (acceptInvitation), so say it now.
  const [banned] = await tx
    .select({ id: organizationBan.id })
    .from(organizationBan)
    .where(
      and(
        eq(organizationBan.organizationId, organizationId),
        sql`lower(${organizationBan.email}) = ${input.email}`,
        isNull(organizationBan.liftedAt),
      ),
    );
  if (banned)
    throw new AppError(
      "CONFLICT",
      "This person is banned from the organization: an admin must lift the ban first",
      { field: "email" },
    );
  // The invitation holds a seat until it is answered or expires: the plan must have one free.
  await requireSeatIn(scope, seatKind(input.role));
  // An expired pending invitation is replaced rather than blocking a new one.
  await tx
    .update(invitation)
    .set({ status: "revoked" })
    .where(
      and(
        eq(invitation.organizationId, organizationId),
        eq(invitation.email, input.email),
        eq(invitation.status, "pending"),
        lte(invitation.expiresAt, scope.now()),
      ),
    );
  const [created] = await tx
    .insert(invitation)
    .values({
      organizationId,
      email: input.email,
      role: input.role,
      inviterId: actor.userId,
      createdAt: scope.now(),
      expiresAt: new Date(scope.now().getTime() + INVITATION_TTL_MS),
    })
    .onConflictDoNothing()
    .returning();
  if (!created)
    throw new AppError(
      "CONFLICT",
      "This address already has a pending invitation: resend it instead",
      { field: "email" },
    );
  await queueMail(scope, created.id);
  return getInvitation(scope, created.id);
}

/** Invitations as admins see them in the organization's list. */
const invitations = (scope: TenantScope) =>
  scope.db
    .select({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      status: invitation.status,
      expiresAt: invitation.expiresAt,
      createdAt: invitation.createdAt,
      inviterName: user.name,
    })
    .from(invitation)
    .leftJoin(user, eq(user.id, invitation.inviterId));

export async function listInvitations(scope: TenantScope) {
  return invitations(scope)
    .where(
      and(eq(invitation.organizationId, scope.organizationId), eq(invitation.status, "pending")),
    )
    .orderBy(sql`${invitation.createdAt} desc`);
}

/** One invitation of the organization, as the list shows it (what its mutations answer). */
async function getInvitation(scope: TenantScope, id: string) {
  const [row] = await invitations(scope).where(
    and(eq(invitation.organizationId, scope.organizationId), eq(invitation.id, id)),
  );
  if (!row) throw notFound("Invitation");
  return row;
}

/** A pending invitation of this organization, as resend and revoke judge it. */
export interface PendingInvitation {
  id: string;
  role: MemberRole;
}

export async function findPendingInvitation(
  scope: TenantScope,
  invitationId: string,
): Promise<PendingInvitation | undefined> {
  const [row] = await scope.db
    .select({ id: invitation.id, role: invitation.role })
    .from(invitation)
    .where(
      and(
        eq(invitation.organizationId, scope.organizationId),
        eq(invitation.id, invitationId),
        eq(invitation.status, "pending"),
      ),
    );
  return row;
}

const stillPending = (scope: TenantScope, pending: PendingInvitation) =>
  and(
    eq(invitation.organizationId, scope.organizationId),
    eq(invitation.id, pending.id),
    eq(invitation.status, "pending"),
  );

/** Resending revives an expired invitation; the rung has checked the actor manages its role. */
export async function resendInvitation(scope: TenantScope, pending: PendingInvitation) {
  const [updated] = await scope.db
    .update(invitation)
    .set({ expiresAt: new Date(scope.now().getTime() + INVITATION_TTL_MS) })
    .where(stillPending(scope, pending))
    .returning();
  if (!updated) throw notFound("Pending invitation");
  await queueMail(scope, updated.id);
  return getInvitation(scope, updated.id);
}

/**
 * Revokes the pending invitations a member sent to roles they no longer manage (all of them
 * once they are gone, `role` null): an admin about to be removed could otherwise invite a
 * second address of their own as admin and come back through it.
 */
export async function revokeInvitationsAbove(
  scope: TenantScope,
  inviterUserId: string,
  role: MemberRole | null,
) {
  await scope.db
    .update(invitation)
    .set({ status: "revoked" })
    .where(
      and(
        eq(invitation.organizationId, scope.organizationId),
        eq(invitation.inviterId, inviterUserId),
        eq(invitation.status, "pending"),
        ...(role ? [notInArray(invitation.role, manageableRoles(role))] : []),
      ),
    );
}

/** Revokes a pending invitation; the rung has checked the actor manages its role. */
export async function revokeInvitation(scope: TenantScope, pending: PendingInvitation) {
  const [updated] = await scope.db
    .update(invitation)
    .set({ status: "revoked" })
    .where(stillPending(scope, pending))
    .returning({ id: invitation.id });
  if (!updated) throw notFound("Pending invitation");
  return { id: updated.id };
}

interface Invitee {
  id: string;
  email: string;
  emailVerified: boolean;
}

/** Invitations addressed to the invitee (stored lower-cased; the account's email may not be). */
const addressedTo = (invitee: Invitee) => sql`${invitation.email} = lower(${invitee.email})`;

/**
 * What the invitee sees before answering. Only the person the invitation was sent to can see it:
 * anyone else gets NOT_FOUND, as if it did not exist.
 */
export async function getInvitationForInvitee(
  db: Database,
  invitee: Invitee,
  invitationId: string,
  now: Date,
) {
  const [row] = await db
    .select({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      status: invitation.status,
      expiresAt: invitation.expiresAt,
      organizationName: organization.name,
      organizationSlug: organization.slug,
      inviterName: user.name,
    })
    .from(invitation)
    .innerJoin(organization, eq(organization.id, invitation.organizationId))
    .leftJoin(user, eq(user.id, invitation.inviterId))
    .where(and(eq(invitation.id, invitationId), addressedTo(invitee)));
  if (!row) throw notFound("Invitation");
  return { ...row, expired: row.status === "pending" && row.expiresAt <= now };
}

export async function listMyInvitations(db: Database, invitee: Invitee, now: Date) {
  return db
    .select({
      id: invitation.id,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
      organizationName: organization.name,
      organizationSlug: organization.slug,
    })
    .from(invitation)
    .innerJoin(organization, eq(organization.id, invitation.organizationId))
    .where(
      and(addressedTo(invitee), eq(invitation.status, "pending"), gt(invitation.expiresAt, now)),
    );
}

/** Explains why an invitation can no longer be answered. */
async function refuseAnswered(
  db: Database,
  invitee: Invitee,
  invitationId: string,
  now: Date,
): Promise<never> {
  const current = await getInvitationForInvitee(db, invitee, invitationId, now);
  if (current.status === "accepted")
    throw new AppError("CONFLICT", "This invitation was already accepted");
  if (current.status === "declined") throw new AppError("CONFLICT", "This invitation was declined");
  if (current.status === "revoked") throw new AppError("CONFLICT", "This invitation was revoked");
  throw new AppError("CONFLICT", "This invitation has expired: ask for a new one");
}

/** This invitation, if it is still open and addressed to the invitee. */
function answerable(invitee: Invitee, invitationId: string, now: Date) {
  return and(
    eq(invitation.id, invitationId),
    addressedTo(invitee),
    eq(invitation.status, "pending"),
    gt(invitation.expiresAt, now),
  );
}

/**
 * Accepts atomically: the conditional update (pending, not expired, addressed to this user)
 * is what claims the invitation, so it can be used once even under concurrent requests.
 */
export async function acceptInvitation(
  db: Database,
  invitee: Invitee,
  invitationId: string,
  now: Date,
) {
  if (!invitee.emailVerified)
    throw new AppError("FORBIDDEN", "Verify your email address before accepting invitations");
  const accepted = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(invitation)
      .set({ status: "accepted", respondedAt: now })
      .where(answerable(invitee, invitationId, now))
      .returning();
    // Explained after the transaction: looking it up from here would take a second pooled
    // connection while this one waits (with a pool of one, forever).
    if (!claimed) return null;
    // Banned from it since (or before) the invitation was sent: the claim rolls back with this.
    if (await bannedFromOrganization(tx, claimed.organizationId, invitee.id)) throw bannedRefusal();
    // The plan may have shrunk since the invitation was sent (a downgrade, a lapsed payment).
    const plan = effectivePlan(await readOrganizationPlan(tx, claimed.organizationId), now);
    await requireSeat(tx, plan, {
      organizationId: claimed.organizationId,
      kind: seatKind(claimed.role),
      now,
    });
    const [joined] = await tx
      .insert(member)
      .values({ organizationId: claimed.organizationId, userId: invitee.id, role: claimed.role })
      .onConflictDoNothing()
      .returning({ id: member.id });
    if (!joined) throw new AppError("CONFLICT", "You are already a member of this organization");
    return claimed;
  });
  if (!accepted) return refuseAnswered(db, invitee, invitationId, now);
  // A new staff member is a seat of a per-seat plan (the join itself had no tenant scope).
  if (seatKind(accepted.role) === "staffSeats")
    await withTenant(db, asSystem(accepted.organizationId, "invitation.accept"), queueSeatSync);
  // The invitation as the invitee sees it, now accepted: it names the organization to open.
  return getInvitationForInvitee(db, invitee, invitationId, now);
}

export async function declineInvitation(
  db: Database,
  invitee: Invitee,
  invitationId: string,
  now: Date,
) {
  const [declined] = await db
    .update(invitation)
    .set({ status: "declined", respondedAt: now })
    .where(answerable(invitee, invitationId, now))
    .returning({ id: invitation.id });
  if (!declined) return refuseAnswered(db, invitee, invitationId, now);
  return getInvitationForInvitee(db, invitee, invitationId, now);
}

/**
 * What an invitation link tells whoever holds it, signed in or not: who invites, to which
 * organization, as what, and the address it was sent to (the sign-up form locks it). The link's
 * key (invitation-key.ts) is a secret only the mail holds, so its holder learns nothing the mail
 * did not already say; a wrong key is answered as an unknown id; nothing else (the organization's slug or id, the
 * inviter's email, other invitations) is answered. A link that can no longer be used says why,
 * without the details: an unknown id NOT_FOUND, an expired or answered one CONFLICT with a reason.
 */
export async function previewInvitation(
  db: Database,
  secret: string,
  link: { id: string; key: string },
  now: Date,
) {
  const invitationId = link.id;
  const [row] = isInvitationKey(secret, link.id, link.key)
    ? await db
        .select({
          email: invitation.email,
          role: invitation.role,
          status: invitation.status,
          expiresAt: invitation.expiresAt,
          organizationName: organization.name,
          inviterName: user.name,
        })
        .from(invitation)
        .innerJoin(organization, eq(organization.id, invitation.organizationId))
        .leftJoin(user, eq(user.id, invitation.inviterId))
        .where(eq(invitation.id, invitationId))
    : [];
  if (!row)
    throw new AppError(
      "NOT_FOUND",
      "This invitation link is not valid: check the link in the mail",
    );
  if (row.status === "accepted")
    throw new AppError("CONFLICT", "This invitation was already accepted: sign in to open it", {
      reason: "INVITATION_ACCEPTED",
    });
  if (row.status !== "pending")
    throw new AppError(
      "CONFLICT",
      "This invitation is no longer valid: ask the person who invited you for a new one",
      { reason: "INVITATION_CLOSED" },
    );
  if (row.expiresAt <= now)
    throw new AppError(
      "CONFLICT",
      "This invitation has expired: ask the person who invited you for a new one",
      { reason: "INVITATION_EXPIRED" },
    );
  return {
    email: row.email,
    role: row.role,
    expiresAt: row.expiresAt,
    organizationName: row.organizationName,
    inviterName: row.inviterName,
  };
}

/**
 * Whether a sign-up for `email` proves the address by carrying an invitation link (its id and
 * key): the link was mailed to that address, so following it is what a verification mail would
 * prove. Only the link's key counts (admins see the id), and only for a pending, unexpired
 * invitation to exactly that address (case-insensitive).
 */
export async function invitationProvesEmail(
  db: Database,
  secret: string,
  input: { invitationId: string; invitationKey: string; email: string },
  now: Date,
): Promise<boolean> {
  if (!idSchema.safeParse(input.invitationId).success) return false;
  if (!isInvitationKey(secret, input.invitationId, input.invitationKey)) return false;
  const [row] = await db
    .select({ id: invitation.id })
    .from(invitation)
    .where(
      and(
        eq(invitation.id, input.invitationId),
        eq(invitation.status, "pending"),
        gt(invitation.expiresAt, now),
        sql`${invitation.email} = lower(${input.email})`,
      ),
    );
  return row !== undefined;
}
