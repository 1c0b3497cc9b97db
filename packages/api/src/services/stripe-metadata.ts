// The metadata every Stripe object Guild creates carries (issue 10's convention): `guild_purpose`,
// `organization_id`, `user_id` for a member's own purchase, and the domain's key. A webhook
// handler reads it to tell whether an event is its own and which organization it is for, and
// runs its work in that organization's tenant scope as the system actor.
import {
  and,
  asSystem,
  connectedAccount,
  eq,
  member,
  organization,
  type StripeEventPayload,
  type TenantScope,
  withTenant,
} from "@guild/db";
import { type GuildPurpose, guildPurposes } from "@guild/db/enums";
import { z } from "zod";
import type { JobDeps } from "../jobs/define.ts";
import { claimStripeCustomer } from "./organization-plan-stripe.ts";

const metadataSchema = z.record(z.string(), z.string());

/** Guild's metadata on a Stripe object, parsed; null when it is not Guild's or is malformed. */
export interface GuildMetadata {
  purpose: GuildPurpose;
  organizationId: string;
  userId: string | null;
  /** Every key, for the domain's own (pack_id, plan_key, tier_id). */
  raw: Record<string, string>;
}

export function guildMetadata(value: unknown): GuildMetadata | null {
  const parsed = metadataSchema.safeParse(value);
  if (!parsed.success) return null;
  const raw = parsed.data;
  const purpose = z.enum(guildPurposes).safeParse(raw.guild_purpose);
  const organizationId = z.uuid().safeParse(raw.organization_id);
  if (!purpose.success || !organizationId.success) return null;
  const userId = z.uuid().safeParse(raw.user_id);
  return {
    purpose: purpose.data,
    organizationId: organizationId.data,
    userId: userId.success ? userId.data : null,
    raw,
  };
}

/** Stripe's seconds since the epoch as a Date. */
export const fromStripeTime = (seconds: number) => new Date(seconds * 1000);

/**
 * Runs fn in the organization's tenant scope as the system actor, or returns null (and logs)
 * when the organization no longer exists: an event about a deleted organization is processed
 * without action instead of failing for ever.
 */
export async function asOrganization<T>(
  deps: JobDeps,
  organizationId: string,
  reason: string,
  fn: (scope: TenantScope) => Promise<T>,
): Promise<T | null> {
  const [found] = await deps.db
    .select({ id: organization.id })
    .from(organization)
    .where(eq(organization.id, organizationId));
  if (!found) {
    deps.log("warn", "stripe event for an organization that does not exist", {
      organizationId,
      reason,
    });
    return null;
  }
  return withTenant(deps.db, asSystem(organizationId, reason, deps.clock), fn);
}

/** The member a Stripe object's `user_id` is in the scope's organization, if they still are. */
export async function memberIdOfUser(
  scope: TenantScope,
  userId: string | null,
): Promise<string | null> {
  if (!userId) return null;
  const [row] = await scope.db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, scope.organizationId), eq(member.userId, userId)));
  return row?.id ?? null;
}

/**
 * Whether an event about a purchase really is the scope's organization's, beyond its metadata
 * (which anyone who controls a connected account can write, and which a mix-up can get wrong):
 * a Connect event must come from the organization's own connected account; a platform event's
 * Stripe customer must be the organization's (billing_customer), claimed by the first object
 * that names one as the plan's handlers do, and checked against every later one. False: log it
 * and change nothing.
 */
export async function eventIsOrganizations(
  scope: TenantScope,
  event: Pick<StripeEventPayload, "account">,
  stripeCustomerId: string | null | undefined,
): Promise<boolean> {
  if (event.account) {
    const [connected] = await scope.db
      .select({ id: connectedAccount.id })
      .from(connectedAccount)
      .where(
        and(
          eq(connectedAccount.organizationId, scope.organizationId),
          eq(connectedAccount.stripeAccountId, event.account),
        ),
      );
    return connected !== undefined;
  }
  return stripeCustomerId ? claimStripeCustomer(scope, stripeCustomerId) : false;
}
