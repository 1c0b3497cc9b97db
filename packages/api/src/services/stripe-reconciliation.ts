// Nightly reconciliation with Stripe (issue 10 §2): Stripe retries a webhook for three days and
// then gives up, and an endpoint can be down longer than that, so a lost event must not leave a
// subscription wrong for good. Every night (jobs/stripe.ts) each billing domain's subscriptions
// are read from Stripe through the SDK and applied with the same upsert the webhooks use, which
// is safe to apply any number of times:
// - what Stripe lists as current (not canceled, not incomplete_expired) with the domain's
//   guild_purpose: this finds a subscription whose creation was never delivered;
// - what the database holds as current but Stripe did not list: read one by one, this finds a
//   cancellation that was never delivered (Stripe lists a canceled subscription only when asked
//   for all of them, which would grow with every subscription ever ended).
// Each domain (member tiers, on each organization's connected account; organization plans, on the
// platform's account) is a SubscriptionReconciler: one line in subscriptionReconcilers. A subscription that fails (a price
// the catalog does not know yet…) is logged and the run goes on; the job then fails with the list
// so it is retried, and what was repaired stays repaired.
import {
  and,
  asSystem,
  connectedAccount,
  endedSubscriptionStatuses,
  eq,
  gt,
  inArray,
  isNotNull,
  memberTierState,
  notInArray,
  organization,
  organizationSubscription,
  type TenantScope,
  withTenant,
} from "@guild/db";
import type Stripe from "stripe";
import { z } from "zod";
import type { JobDeps } from "../jobs/define.ts";
import { applyTierObject, parseTierSubscription } from "./member-tier-stripe.ts";
import { applyStripeSubscription, ORGANIZATION_PLAN_PURPOSE } from "./organization-plan-stripe.ts";

export interface SubscriptionReconciler {
  /** For logs and the run's summary. */
  name: string;
  /** The guild_purpose in the metadata of the Stripe subscriptions this domain owns. */
  purpose: string;
  /** Whether its subscriptions are on the platform's own Stripe account (organization plans). */
  platform: boolean;
  /** The organization's connected accounts its subscriptions are on (member tiers). */
  accounts?: (scope: TenantScope) => Promise<string[]>;
  /** The Stripe subscriptions the organization's rows hold as current, with their account. */
  stored(scope: TenantScope): Promise<Array<{ id: string; account: string | null }>>;
  /**
   * Applies Stripe's subscription through the domain's webhook upsert; answers whether the
   * stored state changed (drift that was repaired).
   */
  apply(
    scope: TenantScope,
    subscription: Stripe.Subscription,
    account: string | null,
  ): Promise<boolean>;
}

const endedStatuses = [...endedSubscriptionStatuses];

/** What an organization plan's row says, to tell whether applying changed anything. */
async function planState(scope: TenantScope, stripeSubscriptionId: string) {
  const [row] = await scope.db
    .select({
      planId: organizationSubscription.planId,
      planPriceId: organizationSubscription.planPriceId,
      status: organizationSubscription.status,
      seats: organizationSubscription.seats,
      currentPeriodEnd: organizationSubscription.currentPeriodEnd,
      trialEnd: organizationSubscription.trialEnd,
      cancelAtPeriodEnd: organizationSubscription.cancelAtPeriodEnd,
      endedAt: organizationSubscription.endedAt,
    })
    .from(organizationSubscription)
    .where(
      and(
        eq(organizationSubscription.organizationId, scope.organizationId),
        eq(organizationSubscription.stripeSubscriptionId, stripeSubscriptionId),
      ),
    );
  return JSON.stringify(row ?? null);
}

const organizationPlans: SubscriptionReconciler = {
  name: "organization plans",
  purpose: ORGANIZATION_PLAN_PURPOSE,
  platform: true,
  async stored(scope) {
    const rows = await scope.db
      .select({ id: organizationSubscription.stripeSubscriptionId })
      .from(organizationSubscription)
      .where(
        and(
          eq(organizationSubscription.organizationId, scope.organizationId),
          eq(organizationSubscription.source, "stripe"),
          notInArray(organizationSubscription.status, endedStatuses),
        ),
      );
    return rows.flatMap((r) => (r.id ? [{ id: r.id, account: null }] : []));
  },
  async apply(scope, subscription) {
    const before = await planState(scope, subscription.id);
    await applyStripeSubscription(scope, subscription, { kind: "read" });
    return (await planState(scope, subscription.id)) !== before;
  },
};

/** The organization's connected account, where its members' tier subscriptions are. */
async function connectedAccountOf(scope: TenantScope) {
  const [row] = await scope.db
    .select({ id: connectedAccount.stripeAccountId })
    .from(connectedAccount)
    .where(eq(connectedAccount.organizationId, scope.organizationId));
  return row?.id ?? null;
}

/** What a member's tier row says about a subscription, to tell whether applying changed it. */
async function tierState(scope: TenantScope, stripeSubscriptionId: string) {
  const [row] = await scope.db
    .select({
      memberId: memberTierState.memberId,
      tierId: memberTierState.tierId,
      status: memberTierState.status,
      interval: memberTierState.interval,
      currentPeriodEnd: memberTierState.currentPeriodEnd,
      cancelAtPeriodEnd: memberTierState.cancelAtPeriodEnd,
    })
    .from(memberTierState)
    .where(
      and(
        eq(memberTierState.organizationId, scope.organizationId),
        eq(memberTierState.stripeSubscriptionId, stripeSubscriptionId),
      ),
    );
  return JSON.stringify(row ?? null);
}

const memberTiers: SubscriptionReconciler = {
  name: "member tiers",
  purpose: "member_tier",
  platform: false,
  async accounts(scope) {
    const account = await connectedAccountOf(scope);
    return account ? [account] : [];
  },
  async stored(scope) {
    const account = await connectedAccountOf(scope);
    if (!account) return [];
    const rows = await scope.db
      .select({ id: memberTierState.stripeSubscriptionId })
      .from(memberTierState)
      .where(
        and(
          eq(memberTierState.organizationId, scope.organizationId),
          eq(memberTierState.source, "stripe"),
          isNotNull(memberTierState.stripeSubscriptionId),
          inArray(memberTierState.status, ["active", "trialing", "past_due", "unpaid", "none"]),
        ),
      );
    return rows.flatMap((r) => (r.id ? [{ id: r.id, account }] : []));
  },
  async apply(scope, subscription) {
    // Read now: newer than any event already applied, and older events arriving later lose.
    const incoming = parseTierSubscription(subscription, scope.now());
    if (!incoming || incoming.organizationId !== scope.organizationId) return false;
    const before = await tierState(scope, subscription.id);
    await applyTierObject(scope, incoming);
    return (await tierState(scope, subscription.id)) !== before;
  },
};

/** Every domain's reconciler, one line each. */
export const subscriptionReconcilers: readonly SubscriptionReconciler[] = [
  organizationPlans,
  memberTiers,
];

export interface ReconcileSummary {
  /** Subscriptions read from Stripe and applied, per domain. */
  checked: Record<string, number>;
  /** Of those, the ones whose stored state changed: drift repaired. */
  repaired: Record<string, number>;
  failed: Array<{ subscription: string; error: string }>;
}

const uuid = z.uuid();

/** The organization a Stripe subscription's metadata names, if it exists. */
async function organizationOf(deps: JobDeps, metadata: Stripe.Metadata | null) {
  const id = uuid.safeParse(metadata?.organization_id);
  if (!id.success) return null;
  const [found] = await deps.db
    .select({ id: organization.id })
    .from(organization)
    .where(eq(organization.id, id.data));
  return found?.id ?? null;
}

const accountKey = (account: string | null, id: string) => `${account ?? "platform"}/${id}`;

export async function reconcileStripeSubscriptions(
  deps: JobDeps,
  reconcilers: readonly SubscriptionReconciler[] = subscriptionReconcilers,
): Promise<ReconcileSummary | null> {
  const stripe = deps.stripe;
  if (!stripe) return null;
  const summary: ReconcileSummary = { checked: {}, repaired: {}, failed: [] };
  for (const reconciler of reconcilers) {
    summary.checked[reconciler.name] = 0;
    summary.repaired[reconciler.name] = 0;
    const one = async (
      organizationId: string,
      subscription: Stripe.Subscription,
      account: string | null,
    ) => {
      try {
        const changed = await withTenant(
          deps.db,
          asSystem(organizationId, "stripe.reconcile", deps.clock),
          (scope) => reconciler.apply(scope, subscription, account),
        );
        summary.checked[reconciler.name] = (summary.checked[reconciler.name] ?? 0) + 1;
        if (changed) {
          summary.repaired[reconciler.name] = (summary.repaired[reconciler.name] ?? 0) + 1;
          deps.log("warn", "stripe reconciliation repaired a subscription (a lost webhook)", {
            domain: reconciler.name,
            organizationId,
            subscription: subscription.id,
            status: subscription.status,
          });
        }
      } catch (error) {
        summary.failed.push({
          subscription: accountKey(account, subscription.id),
          error: error instanceof Error ? error.message : String(error),
        });
      }
    };

    // What Stripe holds as current, on the platform's account: any organization's.
    const seen = new Set<string>();
    const current = (account: string | null) =>
      stripe.client.subscriptions.list({ limit: 100 }, account ? { stripeAccount: account } : {});
    if (reconciler.platform)
      for await (const subscription of current(null)) {
        if (subscription.metadata?.guild_purpose !== reconciler.purpose) continue;
        seen.add(accountKey(null, subscription.id));
        const organizationId = await organizationOf(deps, subscription.metadata);
        if (organizationId) await one(organizationId, subscription, null);
      }

    let after: string | null = null;
    for (;;) {
      const batch: Array<{ id: string }> = await deps.db
        .select({ id: organization.id })
        .from(organization)
        .where(after ? gt(organization.id, after) : undefined)
        .orderBy(organization.id)
        .limit(500);
      for (const org of batch) {
        const { stored, accounts } = await withTenant(
          deps.db,
          asSystem(org.id, "stripe.reconcile", deps.clock),
          async (scope) => ({
            stored: await reconciler.stored(scope),
            accounts: (await reconciler.accounts?.(scope)) ?? [],
          }),
        );
        // What Stripe holds as current on the organization's own connected accounts.
        for (const account of accounts)
          for await (const subscription of current(account)) {
            if (subscription.metadata?.guild_purpose !== reconciler.purpose) continue;
            seen.add(accountKey(account, subscription.id));
            await one(org.id, subscription, account);
          }
        // What the database holds as current and Stripe did not list: ended there, most likely.
        for (const { id, account } of stored) {
          if (seen.has(accountKey(account, id))) continue;
          let subscription: Stripe.Subscription;
          try {
            subscription = await stripe.client.subscriptions.retrieve(
              id,
              {},
              account ? { stripeAccount: account } : {},
            );
          } catch (error) {
            summary.failed.push({
              subscription: accountKey(account, id),
              error: error instanceof Error ? error.message : String(error),
            });
            continue;
          }
          await one(org.id, subscription, account);
        }
      }
      if (batch.length < 500) break;
      after = batch.at(-1)?.id ?? after;
    }
  }
  deps.log("info", "stripe reconciliation done", {
    checked: summary.checked,
    repaired: summary.repaired,
    failed: summary.failed.length,
  });
  return summary;
}
