// Making someone a member from the front door (services/join.ts) and from a paid join's checkout
// (services/member-tier-stripe.ts): one insert, in the organization's tenant scope, as a plain
// member (role member, no CRM access: the CRM stays staff-only). Concurrent joins of one person
// make one membership (member_organization_id_user_id_key); the seat check holds the
// organization's seat lock until the transaction ends, so two joiners cannot both take the last
// community seat.
import { and, type Database, eq, isBanned, member, type TenantScope, user } from "@guild/db";
import { AppError } from "../errors.ts";
import { bannedFromOrganization } from "./organization-ban.ts";
import { requireSeatIn } from "./seats.ts";

/**
 * The metadata key that makes a tier checkout a join (join.ts startJoinCheckout): sealed with the
 * app's secret, so only a checkout Guild opened makes its buyer a member.
 */
export const JOIN_METADATA_KEY = "guild_join";

/**
 * Why the person may not join the organization, if they may not: a platform ban (for good or
 * until it ends), or the organization's own (organization-ban.ts). Read on the app's database:
 * the tenant role sees only members' people, and the organization's bans are pre-tenant.
 */
export async function bannedFromJoining(
  db: Database,
  userId: string,
  organizationId: string,
  now: Date,
): Promise<"platform" | "organization" | null> {
  const [row] = await db
    .select({ banned: user.banned, banExpires: user.banExpires })
    .from(user)
    .where(eq(user.id, userId));
  if (!row || isBanned(row, now)) return "platform";
  return (await bannedFromOrganization(db, organizationId, userId)) ? "organization" : null;
}

/** The person's membership in the scope's organization, if any. */
export async function membershipOf(scope: TenantScope, userId: string) {
  const [row] = await scope.db
    .select({ id: member.id, role: member.role })
    .from(member)
    .where(and(eq(member.organizationId, scope.organizationId), eq(member.userId, userId)));
  return row ?? null;
}

export interface Admission {
  memberId: string;
  /** False when the person was a member already (a second click, a concurrent join). */
  joined: boolean;
}

/**
 * Refuses (FORBIDDEN, PLAN_LIMIT) when the plan's community member limit is reached; holds the
 * organization's seat lock until the transaction ends. A joiner, who cannot upgrade anything, is
 * told so without figures or an upgrade offer; an admin approving a request gets the plan's
 * refusal, which offers the upgrade.
 */
export async function requireCommunitySeat(
  scope: TenantScope,
  audience: "joiner" | "admin" = "joiner",
): Promise<void> {
  try {
    await requireSeatIn(scope, "communityMembers");
  } catch (error) {
    if (audience === "joiner" && error instanceof AppError && error.reason === "PLAN_LIMIT")
      throw new AppError(
        "FORBIDDEN",
        "This community has reached its member limit for now: ask its owner, or try again later",
        { reason: "PLAN_LIMIT", cause: error },
      );
    throw error;
  }
}

/**
 * Makes the person a plain member, within the plan's community member limit unless `seat` is
 * "paid" (a checkout already took their money: refusing now would keep it for nothing; the limit
 * was checked when the checkout started). A member already is answered as such, not refused.
 */
export async function admitMember(
  scope: TenantScope,
  userId: string,
  seat: "check" | "paid" = "check",
  audience: "joiner" | "admin" = "joiner",
): Promise<Admission> {
  const existing = await membershipOf(scope, userId);
  if (existing) return { memberId: existing.id, joined: false };
  if (seat === "check")
    await requireCommunitySeat(scope, audience).catch(async (error: unknown) => {
      // The same person's concurrent join took the last seat while this one waited for the
      // seat lock: that is this join done, not a refusal.
      if (await membershipOf(scope, userId)) return;
      throw error;
    });
  const [inserted] = await scope.db
    .insert(member)
    .values({ organizationId: scope.organizationId, userId, role: "member", crmAccess: false })
    .onConflictDoNothing()
    .returning({ id: member.id });
  if (inserted) return { memberId: inserted.id, joined: true };
  // A concurrent join of the same person committed first (the insert waited for it).
  const raced = await membershipOf(scope, userId);
  if (!raced) throw new Error("membership vanished while joining");
  return { memberId: raced.id, joined: false };
}
