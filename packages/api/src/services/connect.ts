// Stripe Connect (issue 10 §1): the organization's own Stripe account, which member tiers are paid
// to. The owner connects from billing settings: Guild creates an Express account (metadata names
// the organization, as on every Stripe object Guild creates) and sends the owner to Stripe's
// onboarding page through an account link; coming back (return_url) re-reads the account, and
// account.updated (a Connect event: it carries `account`) keeps the flags current. A link that
// expired sends the owner to refresh_url, which makes a new one.
import { and, asSystem, connectedAccount, eq, sql, type TenantScope, withTenant } from "@guild/db";
import type Stripe from "stripe";
import { z } from "zod";
import { AppError } from "../errors.ts";
import { type StripeCallContext, stripeCall } from "./billing-context.ts";
import type { StripeEventHandlerSet } from "./stripe-event.ts";

/** What billing settings show of the connected account. */
export interface ConnectStatus {
  stripeAccountId: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}

const statusColumns = {
  stripeAccountId: connectedAccount.stripeAccountId,
  chargesEnabled: connectedAccount.chargesEnabled,
  payoutsEnabled: connectedAccount.payoutsEnabled,
  detailsSubmitted: connectedAccount.detailsSubmitted,
};

/** The organization's connected account, or null before the owner connected one. */
export async function connectStatus(scope: TenantScope): Promise<ConnectStatus | null> {
  const [row] = await scope.db
    .select(statusColumns)
    .from(connectedAccount)
    .where(eq(connectedAccount.organizationId, scope.organizationId));
  return row ?? null;
}

/** The connected account that can take a member's payment, or CONFLICT saying why not. */
export async function chargeableAccount(scope: TenantScope): Promise<string> {
  const account = await connectStatus(scope);
  if (!account?.chargesEnabled)
    throw new AppError(
      "CONFLICT",
      account
        ? "Stripe has not enabled payments for this organization yet: finish connecting Stripe in billing settings"
        : "Connect Stripe in billing settings before selling tiers",
    );
  return account.stripeAccountId;
}

/** The metadata every Stripe object made for member tiers carries (issue 10's convention). */
export function memberTierMetadata(
  organizationId: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return { guild_purpose: "member_tier", organization_id: organizationId, ...extra };
}

/** Where Stripe's pages send the owner back to. */
export function connectReturnUrls(appUrl: string, slug: string) {
  const base = `${appUrl}/o/${encodeURIComponent(slug)}/tiers`;
  return { return_url: `${base}?connect=return`, refresh_url: `${base}?connect=refresh` };
}

const accountObject = z.object({
  id: z.string(),
  object: z.literal("account"),
  charges_enabled: z.boolean(),
  payouts_enabled: z.boolean(),
  details_submitted: z.boolean(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
export type AccountObject = z.infer<typeof accountObject>;
/** Stripe's account (an event's, or the SDK's answer) in the fields Guild keeps, or null. */
export const parseAccount = (value: unknown): AccountObject | null => {
  const parsed = accountObject.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/**
 * Writes what Stripe said about the account at `at` (an event's `created`, or the time of a
 * retrieve), unless the row already has something newer: a late, older event changes nothing.
 */
export async function applyAccount(scope: TenantScope, account: AccountObject, at: Date) {
  await scope.db
    .update(connectedAccount)
    .set({
      chargesEnabled: account.charges_enabled,
      payoutsEnabled: account.payouts_enabled,
      detailsSubmitted: account.details_submitted,
      stripeUpdatedAt: at,
    })
    .where(
      and(
        eq(connectedAccount.organizationId, scope.organizationId),
        eq(connectedAccount.stripeAccountId, account.id),
        // Equal times apply: Stripe's seconds cannot order two changes within one.
        sql`(${connectedAccount.stripeUpdatedAt} is null or ${connectedAccount.stripeUpdatedAt} <= ${at.toISOString()}::timestamptz)`,
      ),
    );
}

/**
 * connect.start: the owner's link to Stripe's onboarding page, creating the organization's
 * connected account first if it has none (one per organization: the idempotency key makes a double
 * click one account, the unique constraint keeps the first).
 */
export async function startConnectOnboarding(ctx: StripeCallContext): Promise<{ url: string }> {
  let account = await ctx.tenant(connectStatus);
  if (!account) {
    const created = await stripeCall("create the Stripe account", () =>
      ctx.stripe.accounts.create(
        {
          type: "express",
          email: ctx.userEmail,
          capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
          metadata: memberTierMetadata(ctx.organizationId),
        },
        { idempotencyKey: `guild-connect-account:${ctx.organizationId}` },
      ),
    );
    account = await ctx.tenant(async (scope) => {
      await scope.db
        .insert(connectedAccount)
        .values({
          organizationId: scope.organizationId,
          stripeAccountId: created.id,
          chargesEnabled: created.charges_enabled ?? false,
          payoutsEnabled: created.payouts_enabled ?? false,
          detailsSubmitted: created.details_submitted ?? false,
          connectedByMemberId: ctx.memberId,
        })
        .onConflictDoNothing({ target: connectedAccount.organizationId });
      return connectStatus(scope);
    });
    if (!account) throw new Error("connected account vanished after insert");
  }
  const stripeAccountId = account.stripeAccountId;
  const link = await stripeCall("open the onboarding page", () =>
    ctx.stripe.accountLinks.create({
      account: stripeAccountId,
      type: "account_onboarding",
      ...connectReturnUrls(ctx.appUrl, ctx.organizationSlug),
    }),
  );
  return { url: link.url };
}

/**
 * connect.sync: reads the account from Stripe (the owner is back from onboarding; the webhook may
 * not have come yet) and returns the status.
 */
export async function syncConnectedAccount(ctx: StripeCallContext): Promise<ConnectStatus | null> {
  const account = await ctx.tenant(connectStatus);
  if (!account) return null;
  const fresh: Stripe.Account = await stripeCall("read the Stripe account", () =>
    ctx.stripe.accounts.retrieve(account.stripeAccountId),
  );
  const parsed = accountObject.safeParse(fresh);
  if (!parsed.success) throw new Error("Stripe answered an account of an unknown shape");
  return ctx.tenant(async (scope) => {
    await applyAccount(scope, parsed.data, scope.now());
    return connectStatus(scope);
  });
}

/** account.updated (Connect): the organization's account flags, older events never winning. */
export const connectStripeHandlers: StripeEventHandlerSet = {
  "account.updated": async (event, { deps }) => {
    if (!event.account) return;
    const parsed = accountObject.safeParse(event.data.object);
    if (!parsed.success || parsed.data.id !== event.account) return;
    const metadata = parsed.data.metadata ?? {};
    if (metadata.guild_purpose !== "member_tier") return;
    const organizationId = z.uuid().safeParse(metadata.organization_id);
    if (!organizationId.success) {
      deps.log("warn", "account.updated names no organization", { eventId: event.id });
      return;
    }
    await withTenant(
      deps.db,
      asSystem(organizationId.data, "stripe.account.updated", deps.clock),
      (scope) => applyAccount(scope, parsed.data, new Date(event.created * 1000)),
    );
  },
};
