// How a member's paid tier ends when Guild, not the member's own cancel, ends it.
//
// A membership that ends (removed by an admin, left, the account deleted, the organization
// deleted) takes the member's tier state with it by cascade, and the trigger of migration 0042
// queues member-tier.cancel-subscription for a subscription still running, in the same transaction.
// The job cancels it at Stripe on the organization's connected account: at once, without
// proration. At once, because the person no longer has access to anything the tier opens, so
// charging them for another period would be taking money for nothing. Without proration (and
// without a final invoice), because the unused part of the period would only become a credit on a
// customer balance in the organization's Stripe account that the person, no longer a member,
// never spends; whether to refund it is the organization's call, in its own Stripe dashboard
// (its money, its connected account), and a refund there is recorded like any other.
// The webhook that follows (customer.subscription.deleted) finds no member and changes nothing:
// the state row went with the membership. A rerun finds the subscription canceled and does nothing.
import { eq, memberTierState, type TenantScope } from "@guild/db";
import Stripe from "stripe";
import { AppError } from "../errors.ts";
import type { JobDeps } from "../jobs/define.ts";
import { connectStatus } from "./connect.ts";
import type { Tenant } from "./organization-plan.ts";

declare module "@guild/db/scope" {
  interface JobPayloads {
    /**
     * Queued by migration 0042's trigger when a member's tier state with a running subscription is
     * deleted (the membership ended). stripeAccount: the organization's connected account if the
     * deleting transaction could still see it.
     */
    "member-tier.cancel-subscription": { subscriptionId: string; stripeAccount: string | null };
  }
}

/**
 * Before an organization is deleted: its members' tier states go first, while its connected
 * account is still there for migration 0042's trigger to name in the cancellation jobs (the
 * organization's cascade may delete the account before the states, and the job, running after the
 * organization is gone, could not find it).
 */
export async function endTiersOfOrganization(scope: TenantScope): Promise<void> {
  await scope.db
    .delete(memberTierState)
    .where(eq(memberTierState.organizationId, scope.organizationId));
}

const endedStatuses: readonly Stripe.Subscription.Status[] = ["canceled", "incomplete_expired"];

const isMissing = (error: unknown) =>
  error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "resource_missing";

/**
 * Cancels a former member's tier subscription at Stripe, at once and without proration (see the
 * file's comment). Answers what it found: "canceled" by this call, "already" ended, or "gone" (no
 * connected account any more, or Stripe no longer knows the subscription): nothing to cancel.
 */
export async function cancelFormerMemberSubscription(
  tenant: Tenant,
  deps: Pick<JobDeps, "stripe" | "log">,
  job: { subscriptionId: string; stripeAccount: string | null },
): Promise<"canceled" | "already" | "gone"> {
  const stripeAccount = job.stripeAccount ?? (await tenant(connectStatus))?.stripeAccountId;
  if (!stripeAccount) {
    deps.log("warn", "a former member's tier subscription with no connected account to cancel it", {
      subscriptionId: job.subscriptionId,
    });
    return "gone";
  }
  if (!deps.stripe)
    throw new AppError("SERVICE_UNAVAILABLE", "Billing is not set up on this server");
  const { client } = deps.stripe;
  const options = { stripeAccount };
  try {
    const subscription = await client.subscriptions.retrieve(job.subscriptionId, {}, options);
    if (endedStatuses.includes(subscription.status)) return "already";
    await client.subscriptions.cancel(
      job.subscriptionId,
      { prorate: false, invoice_now: false },
      { ...options, idempotencyKey: `guild-tier-leaver:${job.subscriptionId}` },
    );
    return "canceled";
  } catch (error) {
    if (!isMissing(error)) throw error;
    deps.log("warn", "a former member's tier subscription Stripe does not know", {
      subscriptionId: job.subscriptionId,
      stripeAccount,
    });
    return "gone";
  }
}
