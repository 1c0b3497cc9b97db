// An organization's Guild plan as Stripe reports it (issue 10 §1, §2): the one upsert of a Stripe
// subscription into organization_subscription and its items (applyStripeSubscription, used by the
// webhooks below, by the plan procedures after their own Stripe calls and by the nightly
// reconciliation), and the platform webhook handlers of the organization plan: checkout
// completed (a subscription's or a lifetime purchase's), subscription created, updated, deleted,
// paused and resumed, invoice paid (the plan's monthly credits to every member) and payment
// failed.
//
// Out of order and more than once: Stripe neither orders nor dedupes its deliveries, and a replay
// from the admin console may send an old event today. So a subscription row keeps the Stripe time
// it was last brought to (stripe_updated_at: the event's `created`) and an older event changes
// nothing; at the same second (a test clock's advance emits several events at once) the status
// that comes later in a subscription's life wins, then a fixed order of the two states, so every
// order of delivery ends in one state. An ended subscription (canceled, incomplete_expired) never
// comes back: Stripe never revives one. Credits are keyed by the billing period they are for
// (services/credit.ts), so a redelivered or replayed invoice grants nothing more.
import {
  and,
  asc,
  asSystem,
  billingCustomer,
  type Database,
  endedSubscriptionStatuses,
  eq,
  gte,
  inArray,
  isNotNull,
  member,
  ne,
  notInArray,
  or,
  organization,
  organizationSubscription,
  organizationSubscriptionItem,
  type PlanEntitlements,
  plan,
  planPrice,
  type StripeEventPayload,
  type SubscriptionStatus,
  sql,
  stripeEvent,
  type TenantScope,
  withTenant,
} from "@guild/db";
import { z } from "zod";
import type { JobDeps } from "../jobs/define.ts";
import { grantMonthlyCredits } from "./credit.ts";
import { graceEndsAt } from "./payment-grace.ts";
import type { StripeEventHandler, StripeEventHandlerSet } from "./stripe-event.ts";
import {
  type StripeCheckoutSessionObject,
  type StripeInvoiceObject,
  type StripeSubscriptionObject,
  stripeCheckoutSessionSchema,
  stripeInvoiceSchema,
  stripeObjectOf,
  stripeSubscriptionSchema,
} from "./stripe-objects.ts";

/** guild_purpose of an organization's plan subscription (its checkout, subscription, invoices). */
export const ORGANIZATION_PLAN_PURPOSE = "organization_plan";
/** guild_purpose of a one-time lifetime plan purchase. */
export const LIFETIME_PLAN_PURPOSE = "lifetime_plan";

const isEnded = (status: SubscriptionStatus) =>
  (endedSubscriptionStatuses as readonly SubscriptionStatus[]).includes(status);

/**
 * Where a status comes in a subscription's life: at the same Stripe second, the later one is the
 * newer state (a renewal that fails is `active` and then `past_due` in the same second).
 */
const lifeOrder: Record<SubscriptionStatus, number> = {
  incomplete: 0,
  trialing: 1,
  active: 2,
  paused: 3,
  past_due: 4,
  unpaid: 5,
  incomplete_expired: 6,
  canceled: 7,
};

/**
 * Where a subscription reading comes from:
 * - event: a webhook event; its `created` (Stripe's clock) orders it against what is stored;
 * - read: Stripe's answer to our own call (change plan, cancel) or reconciliation's read: the
 *   newest state Stripe had, applied unless the subscription has ended here. It leaves the stored
 *   event time as it is, so the events of that same change still apply when they come.
 */
export type SubscriptionReading = { kind: "event"; created: number } | { kind: "read" };

export type ApplyOutcome =
  /** Written: the row now says what Stripe said. */
  | { applied: true; subscriptionId: string }
  /** Older than (or, at a tie, before) what is stored; or an ended subscription: nothing changed. */
  | { applied: false; reason: "stale" | "ended" }
  /** Not the organization's: its customer is another organization's, or it is not a plan's. */
  | { applied: false; reason: "foreign" };

/** The fields a subscription row takes from Stripe, as one comparable state. */
interface SubscriptionState {
  planId: string;
  planPriceId: string | null;
  status: SubscriptionStatus;
  seats: number;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  endedAt: Date | null;
  graceUntil: Date | null;
}

const fromUnix = (seconds: number | null | undefined) =>
  seconds === null || seconds === undefined ? null : new Date(seconds * 1000);

/** A state as text with a fixed field order: the last tie-break, the same in every run. */
function fingerprint(state: SubscriptionState): string {
  return JSON.stringify([
    state.status,
    state.planPriceId,
    state.seats,
    state.currentPeriodStart?.getTime() ?? null,
    state.currentPeriodEnd?.getTime() ?? null,
    state.trialEnd?.getTime() ?? null,
    state.cancelAtPeriodEnd,
    state.canceledAt?.getTime() ?? null,
    state.endedAt?.getTime() ?? null,
  ]);
}

/** Whether `incoming`, stamped `incomingAt`, replaces `stored`, stamped `storedAt`. */
function isNewer(
  incoming: SubscriptionState,
  incomingAt: number,
  stored: SubscriptionState,
  storedAt: number,
): boolean {
  if (incomingAt !== storedAt) return incomingAt > storedAt;
  const order = lifeOrder[incoming.status] - lifeOrder[stored.status];
  if (order !== 0) return order > 0;
  return fingerprint(incoming) > fingerprint(stored);
}

interface CatalogPrice {
  id: string;
  planId: string;
  stripePriceId: string;
  perSeat: boolean;
  interval: string;
}

/** The catalog's prices for Stripe price ids (global tables, readable in a tenant transaction). */
async function catalogPrices(scope: TenantScope, stripePriceIds: string[]) {
  if (stripePriceIds.length === 0) return new Map<string, CatalogPrice>();
  const rows = await scope.db
    .select({
      id: planPrice.id,
      planId: planPrice.planId,
      stripePriceId: planPrice.stripePriceId,
      perSeat: planPrice.perSeat,
      interval: planPrice.interval,
    })
    .from(planPrice)
    .where(inArray(planPrice.stripePriceId, stripePriceIds));
  const byStripeId = new Map<string, CatalogPrice>();
  for (const row of rows)
    if (row.stripePriceId)
      byStripeId.set(row.stripePriceId, { ...row, stripePriceId: row.stripePriceId });
  return byStripeId;
}

/**
 * The organization's Stripe customer: claimed by the first object that names one (checkout,
 * subscription, invoice, whichever comes first) and checked against every later one. False: the
 * organization already has another customer, so this object is not its (a metadata mix-up).
 */
export async function claimStripeCustomer(
  scope: TenantScope,
  stripeCustomerId: string,
): Promise<boolean> {
  await scope.db
    .insert(billingCustomer)
    .values({ organizationId: scope.organizationId, stripeCustomerId })
    .onConflictDoNothing();
  const [row] = await scope.db
    .select({ stripeCustomerId: billingCustomer.stripeCustomerId })
    .from(billingCustomer)
    .where(eq(billingCustomer.organizationId, scope.organizationId));
  return row?.stripeCustomerId === stripeCustomerId;
}

/**
 * The one upsert of a Stripe subscription into the organization's plan (webhooks, the plan
 * procedures after their Stripe calls, the nightly reconciliation). `object` is Stripe's
 * subscription as an event or the SDK gives it. Safe in any order and any number of times: see
 * the top of this file. A price that is not in the plan catalog throws (the event is retried
 * once the catalog has it: the price webhooks and `pnpm db:sync-stripe` bring it).
 */
export async function applyStripeSubscription(
  scope: TenantScope,
  object: object,
  reading: SubscriptionReading,
): Promise<ApplyOutcome> {
  const subscription = stripeObjectOf("subscription", stripeSubscriptionSchema, object);
  if (!subscription) throw new Error("applyStripeSubscription needs a Stripe subscription");
  if (!(await claimStripeCustomer(scope, subscription.customer)))
    return { applied: false, reason: "foreign" };
  const state = await stateOf(scope, subscription);
  const { organizationId } = scope;
  const [stored] = await scope.db
    .select()
    .from(organizationSubscription)
    .where(
      and(
        eq(organizationSubscription.organizationId, organizationId),
        eq(organizationSubscription.stripeSubscriptionId, subscription.id),
      ),
    )
    .for("update");
  const at = reading.kind === "event" ? new Date(reading.created * 1000) : null;
  if (stored) {
    if (isEnded(stored.status) && stored.status !== state.status && !isEnded(state.status))
      return { applied: false, reason: "ended" };
    if (at && stored.stripeUpdatedAt) {
      const storedAt = stored.stripeUpdatedAt.getTime();
      if (!isNewer(state, at.getTime(), stored, storedAt))
        return { applied: false, reason: "stale" };
    }
  }
  if (!isEnded(state.status)) await refuseSecondCurrent(scope, subscription.id);
  const now = scope.now();
  const values = {
    ...state,
    stripeUpdatedAt: at ?? stored?.stripeUpdatedAt ?? null,
    updatedAt: now,
  };
  const [row] = stored
    ? await scope.db
        .update(organizationSubscription)
        .set(values)
        .where(
          and(
            eq(organizationSubscription.organizationId, organizationId),
            eq(organizationSubscription.id, stored.id),
          ),
        )
        .returning({ id: organizationSubscription.id })
    : await scope.db
        .insert(organizationSubscription)
        .values({
          organizationId,
          source: "stripe",
          stripeSubscriptionId: subscription.id,
          ...values,
          createdAt: now,
        })
        .returning({ id: organizationSubscription.id });
  if (!row) throw new Error("organization subscription upsert returned nothing");
  await applyItems(scope, row.id, subscription);
  return { applied: true, subscriptionId: row.id };
}

/**
 * An organization has one current plan (a partial unique index). Another current Stripe
 * subscription means its own ending has not reached us yet: the event is retried (and the
 * nightly reconciliation settles it if that ending was lost). A lifetime or comped plan is
 * Guild's own: checkout refuses a subscription on top of it.
 */
async function refuseSecondCurrent(scope: TenantScope, stripeSubscriptionId: string) {
  const [other] = await scope.db
    .select({ id: organizationSubscription.id, source: organizationSubscription.source })
    .from(organizationSubscription)
    .where(
      and(
        eq(organizationSubscription.organizationId, scope.organizationId),
        notInArray(organizationSubscription.status, [...endedSubscriptionStatuses]),
        or(
          ne(organizationSubscription.source, "stripe"),
          ne(organizationSubscription.stripeSubscriptionId, stripeSubscriptionId),
        ),
      ),
    );
  if (other)
    throw new Error(
      `organization ${scope.organizationId} already has a current ${other.source} plan (${other.id}); ${stripeSubscriptionId} waits for it to end`,
    );
}

/** What the row should say, from the subscription and the catalog. */
async function stateOf(
  scope: TenantScope,
  subscription: StripeSubscriptionObject,
): Promise<SubscriptionState> {
  const prices = await catalogPrices(
    scope,
    subscription.items.data.map((item) => item.price.id),
  );
  const main = subscription.items.data
    .map((item) => ({ item, price: prices.get(item.price.id) }))
    .find(
      (x): x is { item: (typeof subscription.items.data)[number]; price: CatalogPrice } =>
        x.price !== undefined && x.price.interval !== "lifetime",
    );
  if (!main)
    throw new Error(
      `subscription ${subscription.id}: none of its prices (${subscription.items.data.map((i) => i.price.id).join(", ")}) is in the plan catalog`,
    );
  const periodStart = fromUnix(main.item.current_period_start);
  const status = subscription.status;
  return {
    planId: main.price.planId,
    planPriceId: main.price.id,
    status,
    seats: main.price.perSeat ? (main.item.quantity ?? 1) : 1,
    currentPeriodStart: periodStart,
    currentPeriodEnd: fromUnix(main.item.current_period_end),
    trialEnd: fromUnix(subscription.trial_end),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    canceledAt: fromUnix(subscription.canceled_at),
    endedAt: fromUnix(subscription.ended_at),
    // From the subscription itself, so every order of events computes the same: a past-due
    // subscription failed its renewal at the start of its current period.
    graceUntil: status === "past_due" && periodStart ? graceEndsAt(periodStart) : null,
  };
}

/** The row's items become the subscription's (by Stripe's item id; gone ones deleted). */
async function applyItems(
  scope: TenantScope,
  subscriptionId: string,
  subscription: StripeSubscriptionObject,
) {
  const { organizationId } = scope;
  const prices = await catalogPrices(
    scope,
    subscription.items.data.map((item) => item.price.id),
  );
  const kept: string[] = [];
  for (const item of subscription.items.data) {
    const price = prices.get(item.price.id);
    if (!price) continue;
    kept.push(item.id);
    const quantity = item.quantity ?? 1;
    await scope.db
      .insert(organizationSubscriptionItem)
      .values({
        organizationId,
        subscriptionId,
        planPriceId: price.id,
        stripeSubscriptionItemId: item.id,
        quantity,
      })
      .onConflictDoUpdate({
        target: [
          organizationSubscriptionItem.organizationId,
          organizationSubscriptionItem.stripeSubscriptionItemId,
        ],
        set: { planPriceId: price.id, quantity, updatedAt: scope.now() },
      });
  }
  await scope.db
    .delete(organizationSubscriptionItem)
    .where(
      and(
        eq(organizationSubscriptionItem.organizationId, organizationId),
        eq(organizationSubscriptionItem.subscriptionId, subscriptionId),
        kept.length > 0
          ? notInArray(organizationSubscriptionItem.stripeSubscriptionItemId, kept)
          : undefined,
      ),
    );
}

// ---------------------------------------------------------------------------------------------
// Webhook handlers (platform events only: a Connect event belongs to member tiers).

const uuid = z.uuid();

/**
 * The organization an object's metadata names, when its purpose is `purpose` and the
 * organization exists; null otherwise (another domain's object, or a deleted organization).
 */
async function organizationFor(
  db: Database,
  metadata: Record<string, string> | null | undefined,
  purposes: readonly string[],
): Promise<string | null> {
  if (!metadata?.guild_purpose || !purposes.includes(metadata.guild_purpose)) return null;
  const id = uuid.safeParse(metadata.organization_id);
  if (!id.success) return null;
  const [found] = await db
    .select({ id: organization.id })
    .from(organization)
    .where(eq(organization.id, id.data));
  return found?.id ?? null;
}

const asStripe = (organizationId: string, event: StripeEventPayload, deps: JobDeps) =>
  asSystem(organizationId, `stripe:${event.type}`, deps.clock);

const onSubscription: StripeEventHandler = async (event, { deps }) => {
  if (event.account) return;
  const subscription = stripeObjectOf("subscription", stripeSubscriptionSchema, event.data.object);
  if (!subscription) return;
  const organizationId = await organizationFor(deps.db, subscription.metadata, [
    ORGANIZATION_PLAN_PURPOSE,
  ]);
  if (!organizationId) return;
  const outcome = await withTenant(deps.db, asStripe(organizationId, event, deps), (scope) =>
    applyStripeSubscription(scope, event.data.object, { kind: "event", created: event.created }),
  );
  if (!outcome.applied && outcome.reason === "foreign")
    deps.log("warn", "stripe subscription of another customer than the organization's", {
      eventId: event.id,
      organizationId,
      subscription: subscription.id,
    });
};

/** A completed checkout: a plan subscription claims the customer; a lifetime purchase is the plan. */
const onCheckoutCompleted: StripeEventHandler = async (event, { deps }) => {
  if (event.account) return;
  const session = stripeObjectOf(
    "checkout.session",
    stripeCheckoutSessionSchema,
    event.data.object,
  );
  if (!session) return;
  const organizationId = await organizationFor(deps.db, session.metadata, [
    ORGANIZATION_PLAN_PURPOSE,
    LIFETIME_PLAN_PURPOSE,
  ]);
  if (!organizationId) return;
  await withTenant(deps.db, asStripe(organizationId, event, deps), async (scope) => {
    if (session.customer && !(await claimStripeCustomer(scope, session.customer))) {
      deps.log("warn", "checkout of another customer than the organization's", {
        eventId: event.id,
        organizationId,
      });
      return;
    }
    // The subscription itself comes with customer.subscription.created.
    if (session.metadata?.guild_purpose === LIFETIME_PLAN_PURPOSE)
      await applyLifetimePurchase(scope, session, event.created);
  });
  if (session.metadata?.guild_purpose === LIFETIME_PLAN_PURPOSE)
    await endSubscriptionsReplacedByLifetime(deps, organizationId, event);
};

/**
 * A paid lifetime checkout becomes the organization's plan, once (a redelivery finds it). A
 * Stripe subscription it replaces is ended first (endSubscriptionsReplacedByLifetime).
 */
async function applyLifetimePurchase(
  scope: TenantScope,
  session: StripeCheckoutSessionObject,
  created: number,
) {
  if (session.payment_status !== "paid") return;
  const priceId = uuid.safeParse(session.metadata?.plan_price_id);
  if (!priceId.success) throw new Error(`lifetime checkout ${session.id} names no plan price`);
  const [price] = await scope.db
    .select({ id: planPrice.id, planId: planPrice.planId, interval: planPrice.interval })
    .from(planPrice)
    .where(eq(planPrice.id, priceId.data));
  if (price?.interval !== "lifetime")
    throw new Error(`lifetime checkout ${session.id}: ${priceId.data} is not a lifetime price`);
  const { organizationId } = scope;
  const [existing] = await scope.db
    .select({ id: organizationSubscription.id })
    .from(organizationSubscription)
    .where(
      and(
        eq(organizationSubscription.organizationId, organizationId),
        eq(organizationSubscription.source, "lifetime"),
        notInArray(organizationSubscription.status, [...endedSubscriptionStatuses]),
      ),
    );
  if (existing) return;
  // A current Stripe subscription steps aside here (ended in Stripe right after this commits).
  const at = new Date(created * 1000);
  await scope.db
    .update(organizationSubscription)
    .set({ status: "canceled", endedAt: at, canceledAt: at, updatedAt: scope.now() })
    .where(
      and(
        eq(organizationSubscription.organizationId, organizationId),
        eq(organizationSubscription.source, "stripe"),
        notInArray(organizationSubscription.status, [...endedSubscriptionStatuses]),
      ),
    );
  await scope.db.insert(organizationSubscription).values({
    organizationId,
    planId: price.planId,
    planPriceId: price.id,
    status: "active",
    source: "lifetime",
    seats: 1,
    currentPeriodStart: at,
    stripeUpdatedAt: at,
    createdAt: scope.now(),
    updatedAt: scope.now(),
  });
}

const refundedChargeSchema = z.object({
  id: z.string(),
  object: z.literal("charge"),
  amount: z.number().int(),
  amount_refunded: z.number().int(),
  payment_intent: z.string().nullable(),
  metadata: z.record(z.string(), z.string()).nullish(),
});

/** Whether the completion of a checkout session has been processed (the global event log). */
async function completionProcessed(db: Database, checkoutSessionId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: stripeEvent.id })
    .from(stripeEvent)
    .where(
      and(
        eq(stripeEvent.type, "checkout.session.completed"),
        sql`${stripeEvent.payload} -> 'data' -> 'object' ->> 'id' = ${checkoutSessionId}`,
        isNotNull(stripeEvent.processedAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * charge.refunded of a lifetime plan (platform; its charge carries the checkout's metadata): a full
 * refund ends the lifetime plan that purchase gave (canceled at the refund's time: the
 * organization is on Free again, nothing deleted); a partial one leaves it. A lifetime row keeps no
 * Stripe id: the purchase's row is the organization's first lifetime plan made at or after its
 * checkout session's creation (each is made at its session's completion), so a replayed refund of
 * an earlier purchase finds that one, already ended, and never a later one. A refund processed
 * before its completion fails and is retried until the completion is in; a completion that made no
 * row (a lifetime plan was already there) leaves nothing to take back.
 */
const onLifetimeRefunded: StripeEventHandler = async (event, { deps }) => {
  if (event.account) return;
  const parsed = refundedChargeSchema.safeParse(event.data.object);
  if (!parsed.success) return;
  const charge = parsed.data;
  if (charge.metadata?.guild_purpose !== LIFETIME_PLAN_PURPOSE || !charge.payment_intent) return;
  if (charge.amount_refunded < charge.amount) return;
  const organizationId = await organizationFor(deps.db, charge.metadata, [LIFETIME_PLAN_PURPOSE]);
  if (!organizationId) return;
  if (!deps.stripe) throw new Error("a lifetime plan's refund needs Stripe to find its checkout");
  const [session] = (
    await deps.stripe.client.checkout.sessions.list({
      payment_intent: charge.payment_intent,
      limit: 1,
    })
  ).data;
  if (!session) throw new Error(`no checkout session for payment ${charge.payment_intent}`);
  const completed = await completionProcessed(deps.db, session.id);
  const at = new Date(event.created * 1000);
  await withTenant(deps.db, asStripe(organizationId, event, deps), async (scope) => {
    const [bought] = await scope.db
      .select({ id: organizationSubscription.id, status: organizationSubscription.status })
      .from(organizationSubscription)
      .where(
        and(
          eq(organizationSubscription.organizationId, organizationId),
          eq(organizationSubscription.source, "lifetime"),
          gte(organizationSubscription.currentPeriodStart, new Date(session.created * 1000)),
        ),
      )
      .orderBy(asc(organizationSubscription.currentPeriodStart))
      .limit(1);
    if (!bought) {
      if (!completed) throw new Error(`lifetime checkout ${session.id} not applied yet`);
      return;
    }
    if (isEnded(bought.status)) return;
    await scope.db
      .update(organizationSubscription)
      .set({
        status: "canceled",
        canceledAt: at,
        endedAt: at,
        stripeUpdatedAt: at,
        updatedAt: scope.now(),
      })
      .where(
        and(
          eq(organizationSubscription.organizationId, organizationId),
          eq(organizationSubscription.id, bought.id),
        ),
      );
  });
};

/** Cancels in Stripe the subscriptions a lifetime plan replaced (no more renewals to pay). */
async function endSubscriptionsReplacedByLifetime(
  deps: JobDeps,
  organizationId: string,
  event: StripeEventPayload,
) {
  if (!deps.stripe) return;
  const replaced = await withTenant(deps.db, asStripe(organizationId, event, deps), (scope) =>
    scope.db
      .select({ stripeSubscriptionId: organizationSubscription.stripeSubscriptionId })
      .from(organizationSubscription)
      .where(
        and(
          eq(organizationSubscription.organizationId, organizationId),
          eq(organizationSubscription.source, "stripe"),
          eq(organizationSubscription.status, "canceled"),
        ),
      ),
  );
  for (const { stripeSubscriptionId } of replaced) {
    if (!stripeSubscriptionId) continue;
    const current = await deps.stripe.client.subscriptions.retrieve(stripeSubscriptionId);
    if (current.status !== "canceled" && current.status !== "incomplete_expired")
      await deps.stripe.client.subscriptions.cancel(stripeSubscriptionId);
  }
}

/** A platform event's invoice of an organization's plan subscription, with its organization. */
async function planInvoiceOf(event: StripeEventPayload, deps: JobDeps) {
  if (event.account) return null;
  const invoice = stripeObjectOf("invoice", stripeInvoiceSchema, event.data.object);
  if (!invoice) return null;
  const organizationId = await organizationFor(
    deps.db,
    invoice.parent?.subscription_details?.metadata,
    [ORGANIZATION_PLAN_PURPOSE],
  );
  return organizationId ? { invoice, organizationId } : null;
}

/** Reasons an invoice starts a billing period (the monthly grant's moment). */
const periodInvoiceReasons = ["subscription_create", "subscription_cycle"];

/**
 * A paid invoice of a new period (a subscription's first, trial included, or a renewal, also one
 * paid late after a failure): the plan's monthly credits to each member, expiring at the period's
 * end, once per member and period (grantMonthlyCredits' key), so a redelivery grants nothing.
 * A period already over gets nothing (its credits would be expired on arrival).
 */
const onInvoicePaid: StripeEventHandler = async (event, { deps }) => {
  const found = await planInvoiceOf(event, deps);
  if (!found || !periodInvoiceReasons.includes(found.invoice.billing_reason ?? "")) return;
  const { invoice, organizationId } = found;
  const line = periodLine(invoice);
  if (!line) return;
  await withTenant(deps.db, asStripe(organizationId, event, deps), async (scope) => {
    if (!(await claimStripeCustomer(scope, invoice.customer))) return;
    const [found] = await scope.db
      .select({ name: plan.name, entitlements: plan.entitlements })
      .from(planPrice)
      .innerJoin(plan, eq(plan.id, planPrice.planId))
      .where(eq(planPrice.stripePriceId, line.priceId));
    if (!found)
      throw new Error(`invoice ${invoice.id}: price ${line.priceId} is not in the catalog`);
    const amount = monthlyCreditsOf(found.entitlements);
    if (amount < 1) return;
    if (line.end.getTime() <= scope.now().getTime()) {
      deps.log("info", "paid invoice of a period already over: no monthly credits", {
        eventId: event.id,
        invoice: invoice.id,
      });
      return;
    }
    const members = await scope.db
      .select({ id: member.id })
      .from(member)
      .where(eq(member.organizationId, organizationId))
      .orderBy(member.id);
    for (const { id } of members)
      await grantMonthlyCredits(scope, {
        memberId: id,
        amount,
        periodStart: line.start,
        periodEnd: line.end,
        description: `${found.name} plan: monthly credits`,
      });
  });
};

function monthlyCreditsOf(entitlements: PlanEntitlements): number {
  return Number.isSafeInteger(entitlements.monthlyCredits) ? entitlements.monthlyCredits : 0;
}

/** The invoice's line for the plan's own period (not a proration), with its price. */
function periodLine(invoice: StripeInvoiceObject) {
  for (const line of invoice.lines.data) {
    const details = line.parent?.subscription_item_details;
    const priceId = line.pricing?.price_details?.price;
    if (details && !details.proration && priceId)
      return {
        priceId,
        start: new Date(line.period.start * 1000),
        end: new Date(line.period.end * 1000),
      };
  }
  return null;
}

/**
 * A failed payment: the subscription's own update (past_due, with its grace period) comes as
 * customer.subscription.updated; here the organization's customer is claimed, so an invoice
 * that arrives first still belongs somewhere, and the failure is logged for the event log.
 */
const onInvoicePaymentFailed: StripeEventHandler = async (event, { deps }) => {
  const found = await planInvoiceOf(event, deps);
  if (!found) return;
  const { invoice, organizationId } = found;
  await withTenant(deps.db, asStripe(organizationId, event, deps), (scope) =>
    claimStripeCustomer(scope, invoice.customer),
  );
  deps.log("info", "organization plan payment failed", {
    organizationId,
    invoice: invoice.id,
    attempt: invoice.attempt_count ?? null,
  });
};

/** The organization plan's handlers (combined in services/stripe-event.ts). */
export const organizationPlanStripeHandlers: StripeEventHandlerSet = {
  "checkout.session.completed": onCheckoutCompleted,
  "customer.subscription.created": onSubscription,
  "customer.subscription.updated": onSubscription,
  "customer.subscription.deleted": onSubscription,
  "customer.subscription.paused": onSubscription,
  "customer.subscription.resumed": onSubscription,
  "invoice.paid": onInvoicePaid,
  "invoice.payment_failed": onInvoicePaymentFailed,
  "charge.refunded": onLifetimeRefunded,
};
