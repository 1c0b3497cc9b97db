// The organization's Guild plan, as its owners manage it (issue 10 §1): the billing screen's
// state, checkout for a plan price (a subscription, or a one-time lifetime purchase), the Stripe
// billing portal, change of plan with proration, cancel at period end and resume, and the staff
// seat quantity kept in step with the staff (a job: member changes never wait on Stripe).
//
// Procedures that call Stripe hold no transaction while they wait (orgLongProcedure): they read
// in one short tenant transaction, call Stripe, and write what Stripe answered in another,
// through the same applyStripeSubscription the webhooks use. The webhook of the same change
// follows within seconds and is what the row finally says (organization-plan-stripe.ts).
import {
  and,
  asc,
  billingCustomer,
  billingInvoice,
  desc,
  endedSubscriptionStatuses,
  eq,
  inArray,
  isNotNull,
  member,
  notInArray,
  organizationSubscription,
  organizationSubscriptionItem,
  type PlanEntitlements,
  type PlanInterval,
  plan,
  planPrice,
  type SubscriptionSource,
  type SubscriptionStatus,
  sql,
  type TenantScope,
} from "@guild/db";
import type Stripe from "stripe";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import type { planCheckoutInput } from "../schemas/organization-plan.ts";
import { subscriptionGrantsPlan } from "./entitlements.ts";
import {
  applyStripeSubscription,
  claimStripeCustomer,
  LIFETIME_PLAN_PURPOSE,
  ORGANIZATION_PLAN_PURPOSE,
} from "./organization-plan-stripe.ts";
import { countSeats, isStaffMember } from "./seats.ts";
import type { StripeDeps } from "./stripe-client.ts";

declare module "@guild/db/scope" {
  interface JobPayloads {
    /** The per-seat subscription item's quantity follows the staff count (jobs/organization-plan.ts). */
    "organization-plan.sync-seats": Record<string, unknown>;
  }
}

/** Runs fn in a short tenant transaction (orgLongProcedure's ctx.tenant, a job's tenant()). */
export type Tenant = <T>(fn: (scope: TenantScope) => Promise<T>) => Promise<T>;

/** What a plan procedure needs around its transactions. */
export interface PlanCall {
  tenant: Tenant;
  stripe: StripeDeps | null;
  appUrl: string;
  organization: { id: string; slug: string; name: string };
  /** Who asks: their address goes on a new Stripe customer. */
  user: { email: string };
}

const notConfigured = () =>
  new AppError("SERVICE_UNAVAILABLE", "Billing is not set up on this server (no Stripe keys)");

function stripeOf(call: PlanCall): Stripe {
  if (!call.stripe) throw notConfigured();
  return call.stripe.client;
}

/** Stripe's refusals as the caller's errors: its message, never a 500. */
async function atStripe<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error && "type" in error && typeof error.type === "string")
      throw new AppError(
        error.type === "StripeCardError" || error.type === "StripeInvalidRequestError"
          ? "BAD_REQUEST"
          : "SERVICE_UNAVAILABLE",
        `Stripe could not ${action}: ${error.message}`,
        { cause: error },
      );
    throw error;
  }
}

/** Statuses in which a Stripe subscription can still be changed, canceled or resumed. */
const changeableStatuses: readonly SubscriptionStatus[] = ["trialing", "active", "past_due"];

/** The organization's current subscription (not ended), with its plan and price. */
async function currentSubscription(scope: TenantScope) {
  const [row] = await scope.db
    .select({
      id: organizationSubscription.id,
      status: organizationSubscription.status,
      source: organizationSubscription.source,
      stripeSubscriptionId: organizationSubscription.stripeSubscriptionId,
      seats: organizationSubscription.seats,
      currentPeriodStart: organizationSubscription.currentPeriodStart,
      currentPeriodEnd: organizationSubscription.currentPeriodEnd,
      trialEnd: organizationSubscription.trialEnd,
      cancelAtPeriodEnd: organizationSubscription.cancelAtPeriodEnd,
      graceUntil: organizationSubscription.graceUntil,
      planPriceId: organizationSubscription.planPriceId,
      planKey: plan.key,
      planName: plan.name,
      entitlements: plan.entitlements,
    })
    .from(organizationSubscription)
    .innerJoin(plan, eq(plan.id, organizationSubscription.planId))
    .where(
      and(
        eq(organizationSubscription.organizationId, scope.organizationId),
        notInArray(organizationSubscription.status, [...endedSubscriptionStatuses]),
      ),
    );
  if (!row) return null;
  const price = row.planPriceId ? await priceById(scope, row.planPriceId) : null;
  return { ...row, price };
}

async function priceById(scope: TenantScope, id: string) {
  const [row] = await scope.db
    .select({
      id: planPrice.id,
      interval: planPrice.interval,
      currency: planPrice.currency,
      unitAmount: planPrice.unitAmount,
      perSeat: planPrice.perSeat,
      stripePriceId: planPrice.stripePriceId,
      active: planPrice.active,
      planId: plan.id,
      planKey: plan.key,
      planName: plan.name,
      planActive: plan.active,
      trialDays: plan.trialDays,
    })
    .from(planPrice)
    .innerJoin(plan, eq(plan.id, planPrice.planId))
    .where(eq(planPrice.id, id));
  return row ?? null;
}

/**
 * The staff seats Stripe bills: the staff who are members now (seats.ts isStaffMember, the rule
 * the limit counts by; pending invitations are billed once accepted).
 */
export async function staffSeatsUsed(scope: TenantScope): Promise<number> {
  const [row] = await scope.db
    .select({ count: sql<number>`count(*)::int` })
    .from(member)
    .where(and(eq(member.organizationId, scope.organizationId), isStaffMember));
  return row?.count ?? 0;
}

async function customerOf(scope: TenantScope) {
  const [row] = await scope.db
    .select({ stripeCustomerId: billingCustomer.stripeCustomerId })
    .from(billingCustomer)
    .where(eq(billingCustomer.organizationId, scope.organizationId));
  return row?.stripeCustomerId ?? null;
}

/** Whether the organization ever had a subscription (a trial is for a first one only). */
async function hadSubscription(scope: TenantScope) {
  const [row] = await scope.db
    .select({ id: organizationSubscription.id })
    .from(organizationSubscription)
    .where(
      and(
        eq(organizationSubscription.organizationId, scope.organizationId),
        eq(organizationSubscription.source, "stripe"),
      ),
    )
    .limit(1);
  return Boolean(row);
}

// ---------------------------------------------------------------------------------------------
// The billing screen's state.

export interface PlanOption {
  priceId: string;
  planKey: string;
  planName: string;
  description: string;
  interval: PlanInterval;
  currency: string;
  unitAmount: number;
  perSeat: boolean;
  trialDays: number;
}

export interface BillingState {
  /** The plan that applies now: the subscription's, or Free. */
  plan: { key: string; name: string; entitlements: PlanEntitlements };
  subscription: {
    status: SubscriptionStatus;
    source: SubscriptionSource;
    planKey: string;
    planName: string;
    priceId: string | null;
    interval: PlanInterval | null;
    currency: string | null;
    unitAmount: number | null;
    perSeat: boolean;
    seats: number;
    currentPeriodEnd: Date | null;
    trialEnd: Date | null;
    cancelAtPeriodEnd: boolean;
    graceUntil: Date | null;
    /** False when the subscription no longer gives its plan (unpaid, past its grace period). */
    applies: boolean;
  } | null;
  /**
   * Staff seats as the limit counts them: `used` is staff members plus pending staff invitations
   * (`pending` of them), as invitations and promotions are checked; `limit` the plan's (null:
   * unlimited); `billed` the quantity a per-seat subscription bills now (it follows the staff
   * members, not invitations), null without one.
   */
  seats: { used: number; pending: number; limit: number | null; billed: number | null };
  /** What the next renewal will charge, from the catalog (prorations are Stripe's, on the invoice). */
  nextInvoice: { amount: number; currency: string; at: Date } | null;
  /**
   * The plan's invoice whose payment failed, while the subscription is past due or unpaid: the
   * banner's "Pay" goes to its hosted page (Stripe's, where a new card pays it at once).
   */
  unpaidInvoice: { url: string; amount: number; currency: string } | null;
  /** Whether the organization has a Stripe customer (the portal needs one). */
  hasBillingAccount: boolean;
  /** Plans one may choose (active plans' active prices, cheapest plan first). */
  options: PlanOption[];
  /** Whether billing is configured on this server. */
  billingEnabled: boolean;
}

async function freePlan(scope: TenantScope) {
  const [row] = await scope.db
    .select({ key: plan.key, name: plan.name, entitlements: plan.entitlements })
    .from(plan)
    .where(eq(plan.key, "free"));
  if (!row) throw new Error("the Free plan is missing from the catalog");
  return row;
}

async function planOptions(scope: TenantScope): Promise<PlanOption[]> {
  const rows = await scope.db
    .select({
      priceId: planPrice.id,
      planKey: plan.key,
      planName: plan.name,
      description: plan.description,
      interval: planPrice.interval,
      currency: planPrice.currency,
      unitAmount: planPrice.unitAmount,
      perSeat: planPrice.perSeat,
      trialDays: plan.trialDays,
    })
    .from(planPrice)
    .innerJoin(plan, eq(plan.id, planPrice.planId))
    .where(and(eq(plan.active, true), eq(planPrice.active, true)))
    .orderBy(asc(plan.sortOrder), asc(planPrice.unitAmount));
  return rows;
}

async function unpaidInvoiceOf(scope: TenantScope, stripeSubscriptionId: string) {
  const [row] = await scope.db
    .select({
      url: billingInvoice.hostedInvoiceUrl,
      amount: billingInvoice.amountDue,
      currency: billingInvoice.currency,
    })
    .from(billingInvoice)
    .where(
      and(
        eq(billingInvoice.organizationId, scope.organizationId),
        eq(billingInvoice.subject, "organization_plan"),
        eq(billingInvoice.stripeSubscriptionId, stripeSubscriptionId),
        inArray(billingInvoice.status, ["open", "payment_failed"]),
        isNotNull(billingInvoice.hostedInvoiceUrl),
      ),
    )
    .orderBy(desc(billingInvoice.issuedAt))
    .limit(1);
  return row?.url ? { url: row.url, amount: row.amount, currency: row.currency } : null;
}

export async function billingState(
  scope: TenantScope,
  billingEnabled: boolean,
): Promise<BillingState> {
  const now = scope.now();
  const [current, counts, customer, options, free] = [
    await currentSubscription(scope),
    await countSeats(scope.db, scope.organizationId, now),
    await customerOf(scope),
    await planOptions(scope),
    await freePlan(scope),
  ];
  const applies = current ? subscriptionGrantsPlan(current.status, current.graceUntil, now) : false;
  const applied =
    current && applies
      ? { key: current.planKey, name: current.planName, entitlements: current.entitlements }
      : free;
  const perSeat = current?.price?.perSeat ?? false;
  // The plan's cap, also on a per-seat price: the seats paid for follow the staff (sync-seats).
  const limit = applied.entitlements.staffSeats;
  const renews =
    current?.source === "stripe" &&
    current.price &&
    current.currentPeriodEnd &&
    !current.cancelAtPeriodEnd &&
    changeableStatuses.includes(current.status);
  return {
    plan: applied,
    subscription: current
      ? {
          status: current.status,
          source: current.source,
          planKey: current.planKey,
          planName: current.planName,
          priceId: current.price?.id ?? null,
          interval: current.price?.interval ?? null,
          currency: current.price?.currency ?? null,
          unitAmount: current.price?.unitAmount ?? null,
          perSeat,
          seats: current.seats,
          currentPeriodEnd: current.currentPeriodEnd,
          trialEnd: current.status === "trialing" ? current.trialEnd : null,
          cancelAtPeriodEnd: current.cancelAtPeriodEnd,
          graceUntil: current.graceUntil,
          applies,
        }
      : null,
    seats: {
      used: counts.staffSeats,
      pending: counts.pending.staffSeats,
      limit,
      billed: perSeat && current?.source === "stripe" ? current.seats : null,
    },
    nextInvoice:
      renews && current.price && current.currentPeriodEnd
        ? {
            amount: current.price.unitAmount * (perSeat ? current.seats : 1),
            currency: current.price.currency,
            at: current.currentPeriodEnd,
          }
        : null,
    unpaidInvoice:
      current?.source === "stripe" &&
      current.stripeSubscriptionId &&
      (current.status === "past_due" || current.status === "unpaid")
        ? await unpaidInvoiceOf(scope, current.stripeSubscriptionId)
        : null,
    hasBillingAccount: customer !== null,
    options,
    billingEnabled,
  };
}

// ---------------------------------------------------------------------------------------------
// Checkout.

const guildMetadata = (
  organizationId: string,
  purpose: string,
  price: { id: string; planKey: string },
) => ({
  guild_purpose: purpose,
  organization_id: organizationId,
  plan_key: price.planKey,
  plan_price_id: price.id,
});

/** What making the organization's Stripe customer needs; `user: null` makes it with no address. */
export interface CustomerCall {
  tenant: Tenant;
  stripe: StripeDeps | null;
  organization: { id: string; name: string };
  user: { email: string } | null;
}

/**
 * The organization's Stripe customer, created at its first checkout (a plan's, or a member's credit
 * pack) and kept (billing_customer): every platform purchase names it, so the webhooks can tell an
 * object is the organization's. The idempotency key makes two first checkouts at once one
 * customer (one key per set of parameters, as Stripe wants); the row's unique organization keeps
 * the first one stored if two were ever made, and both callers use that one.
 */
export async function ensureCustomer(call: CustomerCall): Promise<string> {
  const existing = await call.tenant(customerOf);
  if (existing) return existing;
  if (!call.stripe) throw notConfigured();
  const stripe = call.stripe.client;
  const customer = await atStripe("create the billing account", () =>
    stripe.customers.create(
      {
        name: call.organization.name,
        ...(call.user ? { email: call.user.email } : {}),
        metadata: {
          guild_purpose: ORGANIZATION_PLAN_PURPOSE,
          organization_id: call.organization.id,
        },
      },
      {
        idempotencyKey: `guild-organization-customer-${call.organization.id}${call.user ? "" : "-unnamed"}`,
      },
    ),
  );
  return call.tenant(async (scope) => {
    await claimStripeCustomer(scope, customer.id);
    const stored = await customerOf(scope);
    if (!stored) throw new Error("billing customer not stored");
    return stored;
  });
}

const billingUrl = (call: PlanCall, query = "") =>
  `${call.appUrl}/o/${encodeURIComponent(call.organization.slug)}/billing${query}`;

/**
 * A Stripe Checkout for a plan price: a subscription (trial days from the plan on a first
 * subscription, seat quantity = the staff seats in use on a per-seat price), or a one-time
 * payment for a lifetime price. Answers the hosted page's address.
 */
export async function startPlanCheckout(
  call: PlanCall,
  input: z.output<typeof planCheckoutInput>,
): Promise<{ url: string }> {
  const stripe = stripeOf(call);
  const prepared = await call.tenant(async (scope) => {
    const price = await priceById(scope, input.priceId);
    if (!price?.active || !price.planActive)
      throw new AppError("NOT_FOUND", "This plan is not offered", { field: "priceId" });
    if (price.planKey === "free")
      throw new AppError("BAD_REQUEST", "The Free plan needs no checkout", { field: "priceId" });
    const current = await currentSubscription(scope);
    if (current?.source === "lifetime" || current?.source === "comp")
      throw new AppError(
        "CONFLICT",
        current.source === "lifetime"
          ? "This organization has a lifetime plan"
          : "This organization's plan is granted by the platform",
      );
    if (current && price.interval !== "lifetime" && current.status !== "incomplete")
      throw new AppError("CONFLICT", "This organization already has a plan: change it instead");
    return {
      price,
      seats: Math.max(1, await staffSeatsUsed(scope)),
      trial: price.trialDays > 0 && !(await hadSubscription(scope)),
    };
  });
  const { price } = prepared;
  if (!price.stripePriceId)
    throw new AppError(
      "SERVICE_UNAVAILABLE",
      "This price is not in Stripe yet: run pnpm db:sync-stripe",
    );
  const stripePriceId = price.stripePriceId;
  const customer = await ensureCustomer(call);
  const lifetime = price.interval === "lifetime";
  const metadata = guildMetadata(
    call.organization.id,
    lifetime ? LIFETIME_PLAN_PURPOSE : ORGANIZATION_PLAN_PURPOSE,
    { id: price.id, planKey: price.planKey },
  );
  const common = {
    customer,
    client_reference_id: call.organization.id,
    metadata,
    success_url: billingUrl(call, "?checkout=success"),
    cancel_url: billingUrl(call, "?checkout=canceled"),
  };
  const session = await atStripe("start the checkout", () =>
    lifetime
      ? stripe.checkout.sessions.create({
          ...common,
          mode: "payment",
          line_items: [{ price: stripePriceId, quantity: 1 }],
          payment_intent_data: { metadata },
        })
      : stripe.checkout.sessions.create({
          ...common,
          mode: "subscription",
          line_items: [{ price: stripePriceId, quantity: price.perSeat ? prepared.seats : 1 }],
          subscription_data: {
            metadata,
            ...(prepared.trial ? { trial_period_days: price.trialDays } : {}),
          },
        }),
  );
  if (!session.url) throw new AppError("SERVICE_UNAVAILABLE", "Stripe gave no checkout page");
  return { url: session.url };
}

/** The Stripe billing portal (payment method, invoices, plan) for the organization's customer. */
export async function openBillingPortal(call: PlanCall): Promise<{ url: string }> {
  const stripe = stripeOf(call);
  const customer = await call.tenant(customerOf);
  if (!customer)
    throw new AppError("CONFLICT", "There is no billing account yet: choose a plan first");
  const session = await atStripe("open the billing portal", () =>
    stripe.billingPortal.sessions.create({ customer, return_url: billingUrl(call) }),
  );
  return { url: session.url };
}

// ---------------------------------------------------------------------------------------------
// Changing the subscription.

/** The organization's Stripe subscription that can be changed, with its plan item. */
async function changeableSubscription(scope: TenantScope) {
  const current = await currentSubscription(scope);
  if (current?.source !== "stripe" || !current.stripeSubscriptionId)
    throw new AppError("CONFLICT", "This organization has no subscription to change");
  if (!changeableStatuses.includes(current.status))
    throw new AppError("CONFLICT", `A subscription that is ${current.status} cannot be changed`);
  const [item] = await scope.db
    .select({ stripeId: organizationSubscriptionItem.stripeSubscriptionItemId })
    .from(organizationSubscriptionItem)
    .where(
      and(
        eq(organizationSubscriptionItem.organizationId, scope.organizationId),
        eq(organizationSubscriptionItem.subscriptionId, current.id),
      ),
    )
    .orderBy(asc(organizationSubscriptionItem.createdAt))
    .limit(1);
  if (!item?.stripeId) throw new AppError("CONFLICT", "The subscription has no plan item yet");
  return { ...current, stripeSubscriptionId: current.stripeSubscriptionId, itemId: item.stripeId };
}

/** Writes Stripe's answer to our change (the webhook of the change follows and confirms it). */
async function applyAnswer(call: PlanCall, subscription: Stripe.Subscription) {
  await call.tenant((scope) => applyStripeSubscription(scope, subscription, { kind: "read" }));
}

/**
 * Moves the subscription to another plan price, prorated: the difference for the rest of the
 * period is on the next invoice (Stripe's create_prorations). The seat quantity stays the staff's.
 */
export async function changePlan(
  call: PlanCall,
  input: z.output<typeof planCheckoutInput>,
): Promise<BillingChange> {
  const stripe = stripeOf(call);
  const { current, target, seats } = await call.tenant(async (scope) => {
    const target = await priceById(scope, input.priceId);
    if (!target?.active || !target.planActive)
      throw new AppError("NOT_FOUND", "This plan is not offered", { field: "priceId" });
    if (target.interval === "lifetime" || target.planKey === "free")
      throw new AppError(
        "BAD_REQUEST",
        target.interval === "lifetime"
          ? "A lifetime plan is bought at checkout"
          : "To go back to Free, cancel the subscription",
        { field: "priceId" },
      );
    const current = await changeableSubscription(scope);
    if (current.planPriceId === target.id)
      throw new AppError("BAD_REQUEST", "This is already the organization's plan", {
        field: "priceId",
      });
    return { current, target, seats: Math.max(1, await staffSeatsUsed(scope)) };
  });
  if (!target.stripePriceId)
    throw new AppError(
      "SERVICE_UNAVAILABLE",
      "This price is not in Stripe yet: run pnpm db:sync-stripe",
    );
  const stripePriceId = target.stripePriceId;
  const updated = await atStripe("change the plan", () =>
    stripe.subscriptions.update(current.stripeSubscriptionId, {
      items: [{ id: current.itemId, price: stripePriceId, quantity: target.perSeat ? seats : 1 }],
      proration_behavior: "create_prorations",
      metadata: guildMetadata(call.organization.id, ORGANIZATION_PLAN_PURPOSE, {
        id: target.id,
        planKey: target.planKey,
      }),
    }),
  );
  await applyAnswer(call, updated);
  return { status: updated.status, cancelAtPeriodEnd: updated.cancel_at_period_end };
}

export interface BillingChange {
  status: string;
  cancelAtPeriodEnd: boolean;
}

/** Cancels at the end of the paid period: the plan holds until then, and it can be resumed. */
export async function cancelPlan(call: PlanCall): Promise<BillingChange> {
  return setCancelAtPeriodEnd(call, true);
}

/** Takes back a cancellation at period end: the subscription renews as before. */
export async function resumePlan(call: PlanCall): Promise<BillingChange> {
  return setCancelAtPeriodEnd(call, false);
}

async function setCancelAtPeriodEnd(call: PlanCall, cancel: boolean): Promise<BillingChange> {
  const stripe = stripeOf(call);
  const current = await call.tenant(changeableSubscription);
  if (current.cancelAtPeriodEnd === cancel)
    throw new AppError(
      "CONFLICT",
      cancel
        ? "The subscription already ends at the period's end"
        : "The subscription is not canceled",
    );
  const updated = await atStripe(
    cancel ? "cancel the subscription" : "resume the subscription",
    () =>
      stripe.subscriptions.update(current.stripeSubscriptionId, { cancel_at_period_end: cancel }),
  );
  await applyAnswer(call, updated);
  return { status: updated.status, cancelAtPeriodEnd: updated.cancel_at_period_end };
}

// ---------------------------------------------------------------------------------------------
// Seats.

/**
 * After a change of the staff (a role, CRM access, an accepted invitation, a removal): the
 * per-seat subscription's quantity follows, in a job (requests never wait on Stripe). One pending
 * job per organization: a burst of changes is one update.
 */
export async function queueSeatSync(scope: TenantScope): Promise<void> {
  const [perSeat] = await scope.db
    .select({ id: organizationSubscription.id })
    .from(organizationSubscription)
    .innerJoin(planPrice, eq(planPrice.id, organizationSubscription.planPriceId))
    .where(
      and(
        eq(organizationSubscription.organizationId, scope.organizationId),
        eq(organizationSubscription.source, "stripe"),
        notInArray(organizationSubscription.status, [...endedSubscriptionStatuses]),
        eq(planPrice.perSeat, true),
      ),
    )
    .limit(1);
  if (perSeat)
    await scope.enqueue("organization-plan.sync-seats", {}, { jobKey: "organization-plan-seats" });
}

/**
 * Sets the per-seat item's quantity to the staff seats in use, prorated (create_prorations: the
 * difference is on the next invoice). Nothing to do without a per-seat subscription, or when the
 * quantity is already right. Returns the quantity Stripe now has, or null.
 */
export async function syncSeats(tenant: Tenant, stripe: StripeDeps | null): Promise<number | null> {
  const plan = await tenant(async (scope) => {
    const current = await currentSubscription(scope);
    if (!current?.price?.perSeat || current.source !== "stripe") return null;
    if (!changeableStatuses.includes(current.status)) return null;
    const sub = await changeableSubscription(scope);
    return { sub, seats: Math.max(1, await staffSeatsUsed(scope)) };
  });
  if (!plan) return null;
  if (plan.sub.seats === plan.seats) return plan.seats;
  if (!stripe) throw notConfigured();
  await stripe.client.subscriptionItems.update(plan.sub.itemId, {
    quantity: plan.seats,
    proration_behavior: "create_prorations",
  });
  const subscription = await stripe.client.subscriptions.retrieve(plan.sub.stripeSubscriptionId);
  await tenant((scope) => applyStripeSubscription(scope, subscription, { kind: "read" }));
  return plan.seats;
}
