// The metadata every Stripe object Guild creates carries (issue 10's convention): `guild_purpose`,
// `organization_id`, `user_id` for a member's own purchase, and the domain's key. A webhook
// handler reads it to tell whether an event is its own and which organization it is for, and
// runs its work in that organization's tenant scope as the system actor.

import { createHmac, timingSafeEqual } from "node:crypto";
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

const SEAL_KEY = "guild_seal";

function sealOf(secret: string, metadata: Record<string, string>): Buffer {
  const text = Object.keys(metadata)
    .filter((key) => key !== SEAL_KEY)
    .sort()
    .map((key) => `${key}=${metadata[key] ?? ""}`)
    .join("\n");
  return createHmac("sha256", secret).update(`guild-stripe-metadata\n${text}`).digest();
}

/**
 * The metadata with Guild's seal (an HMAC of every key under the app's secret). For a member's
 * purchase paid to the platform with no Stripe customer of the organization's to match (a
 * credit pack: the organization's customer carries the owner's billing address, which Stripe's
 * checkout would show the member), the seal is what proves the checkout was opened by Guild for
 * this organization and member: metadata rewritten or written by anyone else fails it.
 */
export function sealMetadata(
  secret: string,
  metadata: Record<string, string>,
): Record<string, string> {
  return { ...metadata, [SEAL_KEY]: sealOf(secret, metadata).toString("base64url") };
}

/** Whether the metadata carries Guild's seal over exactly these keys and values. */
export function metadataSealed(secret: string, metadata: Record<string, string>): boolean {
  const given = Buffer.from(metadata[SEAL_KEY] ?? "", "base64url");
  const expected = sealOf(secret, metadata);
  return given.length === expected.length && timingSafeEqual(given, expected);
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
