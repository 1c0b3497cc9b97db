// Member tiers' Stripe webhooks (Connect events: they carry `event.account`, the organization's
// connected account): checkout.session.completed for a tier (a lifetime payment, or the start of a
// subscription), and customer.subscription.created/updated/deleted. Each finds the organization,
// person and tier in the metadata Guild set (services/member-tier.ts), checks the event's account
// is that organization's connected account, and applies the Stripe object to the member's one tier
// state row, as the system actor.
//
// Idempotent and out-of-order safe (decideTierUpdate): the row keeps the `created` of the last
// event applied and of the Stripe object it follows. An event about the same object applies if it
// is newer, or as new and no earlier in the subscription's life (Stripe's times are seconds: a
// subscription's creation and first payment often share one); a canceled subscription stays
// canceled. An event about another object (a second purchase) replaces the row if that object is
// newer and live, or if the row's has ended and the incoming one is live. A redelivery finds the
// row already saying what it says, and changes nothing. A full refund of a lifetime purchase
// (charge.refunded) is that purchase's end, by the same rules.
//
// A lifetime purchase is also an order with its item (the tier), as credit packs and lifetime
// plans are (services/order.ts: once per checkout session, so redeliveries record nothing more;
// its refunds are recorded there from charge.refunded). Subscriptions are recorded by their
// invoices instead.
import {
  and,
  asSystem,
  connectedAccount,
  eq,
  type MemberTierInterval,
  type MemberTierSource,
  type MemberTierState,
  member,
  memberTier,
  memberTierIntervals,
  memberTierState,
  type StripeEventPayload,
  type TenantScope,
  withTenant,
} from "@guild/db";
import { z } from "zod";
import type { JobDeps } from "../jobs/define.ts";
import { recordActivity } from "./activity.ts";
import { admitMember, bannedFromJoining, JOIN_METADATA_KEY } from "./admission.ts";
import { fromStripeTime } from "./billing-context.ts";
import { releaseSeatsOutOfSight } from "./event-rsvp.ts";
import { readChargeOf, recordPaidOrder } from "./order.ts";
import type { StripeEventHandlerSet } from "./stripe-event.ts";
import { guildMetadata, metadataSealed } from "./stripe-metadata.ts";

/** A Stripe object (subscription, or lifetime checkout session) as it bears on a member's tier. */
export interface TierObject {
  organizationId: string;
  userId: string;
  tierId: string;
  kind: "subscription" | "lifetime";
  /** The subscription's id, or the lifetime checkout session's. */
  objectId: string;
  status: MemberTierState;
  interval: MemberTierInterval | null;
  customerId: string | null;
  /** The current period's start: for a past_due subscription, the renewal that failed. */
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  objectCreatedAt: Date;
  /** The event's `created` (or, for Stripe's answer to our own call, the time of the call). */
  eventAt: Date;
  /**
   * Learnt from the checkout session, not the subscription: it only fills a row that knows nothing
   * of the subscription yet (the subscription's own events say more: its period, its status).
   */
  fromSession: boolean;
}

const tierMetadata = z.object({
  guild_purpose: z.literal("member_tier"),
  organization_id: z.uuid(),
  user_id: z.uuid(),
  tier_id: z.uuid(),
  interval: z.enum(memberTierIntervals).optional(),
});

const idOf = z.union([z.string(), z.object({ id: z.string() }).transform((o) => o.id)]);

const subscriptionObject = z.object({
  id: z.string(),
  object: z.literal("subscription"),
  status: z.string(),
  created: z.number(),
  customer: idOf,
  cancel_at_period_end: z.boolean(),
  metadata: z.unknown(),
  items: z.object({
    data: z.array(
      z.object({
        current_period_start: z.number().nullish(),
        current_period_end: z.number().nullish(),
        price: z.object({ recurring: z.object({ interval: z.string() }).nullish() }),
      }),
    ),
  }),
});

const chargeObject = z.object({
  id: z.string(),
  object: z.literal("charge"),
  amount: z.number().int(),
  amount_refunded: z.number().int(),
  payment_intent: idOf.nullable(),
  metadata: z.unknown(),
});

const checkoutSessionObject = z.object({
  id: z.string(),
  object: z.literal("checkout.session"),
  mode: z.string(),
  status: z.string().nullish(),
  payment_status: z.string(),
  created: z.number(),
  customer: idOf.nullish(),
  subscription: idOf.nullish(),
  metadata: z.unknown(),
});

/** Stripe's subscription statuses in the tier's terms (seed 001's set). */
export function tierStateOf(stripeStatus: string): MemberTierState {
  switch (stripeStatus) {
    case "active":
    case "trialing":
    case "past_due":
    case "unpaid":
    case "canceled":
      return stripeStatus;
    case "incomplete_expired":
      return "canceled";
    // Paused: no payment method at the trial's end; nothing is paid, so nothing opens.
    case "paused":
      return "unpaid";
    default:
      // incomplete: the first payment has not gone through.
      return "none";
  }
}

/** A subscription's place in its life, for two changes within one of Stripe's seconds. */
const lifeOrder: Record<MemberTierState, number> = {
  none: 0,
  trialing: 1,
  active: 2,
  past_due: 3,
  unpaid: 4,
  canceled: 5,
};
const live = (status: MemberTierState) =>
  status === "active" || status === "trialing" || status === "past_due";

/** A subscription (from an event, or the SDK's answer) as a tier object, or null if not a tier's. */
export function parseTierSubscription(value: unknown, eventAt: Date): TierObject | null {
  const parsed = subscriptionObject.safeParse(value);
  if (!parsed.success) return null;
  const sub = parsed.data;
  const metadata = tierMetadata.safeParse(sub.metadata);
  if (!metadata.success) return null;
  const item = sub.items.data[0];
  const recurring = item?.price.recurring?.interval;
  return {
    organizationId: metadata.data.organization_id,
    userId: metadata.data.user_id,
    tierId: metadata.data.tier_id,
    kind: "subscription",
    objectId: sub.id,
    status: tierStateOf(sub.status),
    interval: recurring === "month" || recurring === "year" ? recurring : null,
    customerId: sub.customer,
    currentPeriodStart: item?.current_period_start
      ? fromStripeTime(item.current_period_start)
      : null,
    currentPeriodEnd: item?.current_period_end ? fromStripeTime(item.current_period_end) : null,
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    objectCreatedAt: fromStripeTime(sub.created),
    eventAt,
    fromSession: false,
  };
}

/** A completed checkout session for a tier as a tier object, or null. */
export function parseTierCheckout(value: unknown, eventAt: Date): TierObject | null {
  const parsed = checkoutSessionObject.safeParse(value);
  if (!parsed.success) return null;
  const session = parsed.data;
  const metadata = tierMetadata.safeParse(session.metadata);
  if (!metadata.success) return null;
  const common = {
    organizationId: metadata.data.organization_id,
    userId: metadata.data.user_id,
    tierId: metadata.data.tier_id,
    customerId: session.customer ?? null,
    currentPeriodStart: null,
    currentPeriodEnd: null,
    cancelAtPeriodEnd: false,
    objectCreatedAt: fromStripeTime(session.created),
    eventAt,
  };
  if (session.mode === "subscription" && session.subscription)
    return {
      ...common,
      kind: "subscription",
      objectId: session.subscription,
      status: session.payment_status === "no_payment_required" ? "trialing" : "active",
      interval: metadata.data.interval === "year" ? "year" : "month",
      fromSession: true,
    };
  if (session.mode === "payment" && session.payment_status === "paid")
    return {
      ...common,
      kind: "lifetime",
      objectId: session.id,
      status: "active",
      interval: "lifetime",
      fromSession: false,
    };
  return null;
}

/** What the row holds that decides whether an incoming object wins. */
export interface TierRowState {
  source: MemberTierSource;
  status: MemberTierState;
  /** The subscription's id, or the lifetime session's. */
  objectId: string | null;
  objectCreatedAt: Date | null;
  eventAt: Date | null;
}

/** Whether `incoming` replaces what the row says (see the file's comment). */
export function decideTierUpdate(row: TierRowState | null, incoming: TierObject): boolean {
  if (!row) return true;
  // A purchase replaces a comped or free tier; an old subscription's end does not touch it.
  // (Its stripe_event_at is what Stripe last said before: an old subscription's late event is older.)
  if (row.source !== "stripe")
    return live(incoming.status) && incoming.eventAt.getTime() > (row.eventAt?.getTime() ?? 0);
  if (row.objectId === incoming.objectId) {
    if (incoming.fromSession) return false;
    if (row.status === "canceled" && incoming.kind === "subscription") return false;
    const rowAt = row.eventAt?.getTime() ?? 0;
    const at = incoming.eventAt.getTime();
    if (at !== rowAt) return at > rowAt;
    return lifeOrder[incoming.status] >= lifeOrder[row.status];
  }
  const rowCreated = row.objectCreatedAt?.getTime() ?? 0;
  if (incoming.objectCreatedAt.getTime() > rowCreated)
    return live(incoming.status) || !live(row.status);
  return live(incoming.status) && !live(row.status);
}

/**
 * Applies a tier object to the member's row (the person's membership in the object's
 * organization, which the scope must be). Returns whether it changed the row; a person who left,
 * or a tier that is gone, changes nothing.
 */
export async function applyTierObject(scope: TenantScope, incoming: TierObject): Promise<boolean> {
  const [target] = await scope.db
    .select({ id: member.id })
    .from(member)
    .where(
      and(eq(member.organizationId, scope.organizationId), eq(member.userId, incoming.userId)),
    );
  const [tier] = await scope.db
    .select({ id: memberTier.id })
    .from(memberTier)
    .where(
      and(eq(memberTier.organizationId, scope.organizationId), eq(memberTier.id, incoming.tierId)),
    );
  if (!target || !tier) return false;
  const where = and(
    eq(memberTierState.organizationId, scope.organizationId),
    eq(memberTierState.memberId, target.id),
  );
  const values = {
    userId: incoming.userId,
    tierId: incoming.tierId,
    status: incoming.status,
    source: "stripe" as const,
    interval: incoming.interval,
    stripeCustomerId: incoming.customerId,
    stripeSubscriptionId: incoming.kind === "subscription" ? incoming.objectId : null,
    stripeCheckoutSessionId: incoming.kind === "lifetime" ? incoming.objectId : null,
    currentPeriodEnd: incoming.currentPeriodEnd,
    cancelAtPeriodEnd: incoming.cancelAtPeriodEnd,
    // The grace runs from the failed period's start (payment-grace.ts).
    pastDueSince:
      incoming.status === "past_due" ? (incoming.currentPeriodStart ?? incoming.eventAt) : null,
    stripeObjectCreatedAt: incoming.objectCreatedAt,
    stripeEventAt: incoming.eventAt,
    grantedByMemberId: null,
  };
  // A first row: inserted unless a concurrent event made one first (then compared below).
  const inserted = await scope.db
    .insert(memberTierState)
    .values({ organizationId: scope.organizationId, memberId: target.id, ...values })
    .onConflictDoNothing({ target: [memberTierState.organizationId, memberTierState.memberId] })
    .returning({ id: memberTierState.id });
  if (inserted.length > 0) return true;
  const [row] = await scope.db
    .select({
      source: memberTierState.source,
      status: memberTierState.status,
      subscriptionId: memberTierState.stripeSubscriptionId,
      sessionId: memberTierState.stripeCheckoutSessionId,
      objectCreatedAt: memberTierState.stripeObjectCreatedAt,
      eventAt: memberTierState.stripeEventAt,
      pastDueSince: memberTierState.pastDueSince,
      customerId: memberTierState.stripeCustomerId,
    })
    .from(memberTierState)
    .where(where)
    .for("update");
  if (!row) return false;
  const state: TierRowState = {
    source: row.source,
    status: row.status,
    objectId: row.source === "stripe" ? (row.subscriptionId ?? row.sessionId) : null,
    objectCreatedAt: row.source === "stripe" ? row.objectCreatedAt : null,
    eventAt: row.eventAt,
  };
  if (!decideTierUpdate(state, incoming)) return false;
  const samePastDue =
    incoming.status === "past_due" &&
    row.status === "past_due" &&
    state.objectId === incoming.objectId;
  await scope.db
    .update(memberTierState)
    .set({
      ...values,
      stripeCustomerId: incoming.customerId ?? row.customerId,
      // Without the period's start (never from Stripe's subscriptions), the grace runs from the
      // first failed renewal Guild heard of, not the latest retry.
      pastDueSince:
        samePastDue && !incoming.currentPeriodStart ? row.pastDueSince : values.pastDueSince,
    })
    .where(where);
  // Ended, unpaid or another tier: seats in paid spaces it no longer opens are given up.
  await releaseSeatsOutOfSight(scope, target.id);
  return true;
}

const withMetadata = z.object({ metadata: z.unknown() });

/**
 * Whether a completed tier checkout is a join from the front door (join.ts startJoinCheckout)
 * whose buyer may be admitted: the join mark under Guild's seal (metadata anyone else wrote or
 * rewrote fails it), and a person who is not banned.
 */
async function admitsJoiner(
  event: StripeEventPayload,
  deps: JobDeps,
  incoming: TierObject | null,
): Promise<boolean> {
  if (!incoming) return false;
  const object = withMetadata.safeParse(event.data.object);
  const meta = object.success ? guildMetadata(object.data.metadata) : null;
  if (!meta) return false;
  if (meta.raw[JOIN_METADATA_KEY] !== "1" || !metadataSealed(deps.secret, meta.raw)) return false;
  if (
    await bannedFromJoining(deps.db, incoming.userId, incoming.organizationId, deps.clock.now())
  ) {
    deps.log("warn", "a paid join by a banned person was not admitted", { eventId: event.id });
    return false;
  }
  return true;
}

/**
 * Applies a Connect event's tier object, if the event's account is the organization's; with
 * `admit`, first makes its buyer a plain member (a paid join's completed checkout: only that
 * event admits, so a later renewal of someone who has left never brings them back); `record`
 * then runs in the same transaction (a lifetime purchase's order).
 */
async function applyFromEvent(
  event: StripeEventPayload,
  deps: JobDeps,
  incoming: TierObject | null,
  options: {
    admit?: boolean;
    record?: (scope: TenantScope, incoming: TierObject) => Promise<void>;
  } = {},
): Promise<void> {
  if (!incoming || !event.account) return;
  const account = event.account;
  await withTenant(
    deps.db,
    asSystem(incoming.organizationId, `stripe.${event.type}`, deps.clock),
    async (scope) => {
      const [connected] = await scope.db
        .select({ id: connectedAccount.id })
        .from(connectedAccount)
        .where(
          and(
            eq(connectedAccount.organizationId, scope.organizationId),
            eq(connectedAccount.stripeAccountId, account),
          ),
        );
      if (!connected) {
        deps.log("warn", "a tier event from an account that is not the organization's", {
          eventId: event.id,
          account,
        });
        return;
      }
      if (options.admit) {
        const admission = await admitMember(scope, incoming.userId, "paid");
        if (admission.joined)
          await recordActivity(scope, {
            action: "member.joined",
            target: { type: "member", id: admission.memberId },
          });
      }
      await applyTierObject(scope, incoming);
      await options.record?.(scope, incoming);
    },
  );
}

const lifetimeSessionAmounts = z.object({
  amount_total: z.number().int().nullable(),
  currency: z.string().nullable(),
  payment_intent: idOf.nullable(),
});

/**
 * checkout.session.completed of a tier: the member's tier, and for a lifetime purchase its order
 * with one item (the tier), recorded whether or not the row changed (a refund that came first
 * keeps the row ended, but the payment happened) and even if the member left or the tier is gone
 * since (the order keeps the money's record; its item says what was sold).
 */
async function tierCheckoutCompleted(event: StripeEventPayload, deps: JobDeps): Promise<void> {
  const incoming = parseTierCheckout(event.data.object, fromStripeTime(event.created));
  const admit = await admitsJoiner(event, deps, incoming);
  const amounts = lifetimeSessionAmounts.safeParse(event.data.object);
  if (incoming?.kind !== "lifetime" || !amounts.success || !event.account)
    return applyFromEvent(event, deps, incoming, { admit });
  const session = amounts.data;
  const account = event.account;
  // Read before the transaction: no connection is held while Stripe answers.
  const charge = await readChargeOf(deps, session.payment_intent, account);
  if (charge === "unknown-payment") {
    deps.log("warn", "a tier checkout naming a payment Stripe does not know: not ours, no change", {
      eventId: event.id,
      checkoutSessionId: incoming.objectId,
      paymentIntent: session.payment_intent,
    });
    return;
  }
  await applyFromEvent(event, deps, incoming, {
    admit,
    record: async (scope, bought) => {
      const [tier] = await scope.db
        .select({ name: memberTier.name })
        .from(memberTier)
        .where(
          and(
            eq(memberTier.organizationId, scope.organizationId),
            eq(memberTier.id, bought.tierId),
          ),
        );
      const amount = session.amount_total ?? 0;
      await recordPaidOrder(scope, {
        purpose: "member_tier",
        checkoutSessionId: bought.objectId,
        paymentIntentId: session.payment_intent,
        stripeAccountId: account,
        buyerUserId: bought.userId,
        amountTotal: amount,
        currency: session.currency ?? "usd",
        status: "paid",
        eventAt: bought.eventAt,
        charge,
        items: [
          {
            productRef: bought.tierId,
            description: `${tier?.name ?? "Membership tier"}, lifetime`,
            quantity: 1,
            unitAmount: amount,
            amount,
          },
        ],
      });
    },
  });
}

/**
 * charge.refunded of a lifetime tier (its charge carries the checkout's metadata, copied onto the
 * payment): a full refund ends the access it bought, a partial one leaves it. The purchase is the
 * checkout session the row follows, so the refund is applied as that session's end (canceled, at
 * the refund event's time) through the same rules as every tier event: a redelivery changes
 * nothing, a refund older than a newer purchase of the member's does not touch it, and a refund
 * that arrives before its completion writes the ended state that the late completion, older, can
 * no longer overwrite (no retry needed: the order does not matter).
 */
async function lifetimeRefunded(event: StripeEventPayload, deps: JobDeps): Promise<void> {
  if (!event.account) return;
  const parsed = chargeObject.safeParse(event.data.object);
  if (!parsed.success) return;
  const charge = parsed.data;
  const metadata = tierMetadata.safeParse(charge.metadata);
  if (!metadata.success || metadata.data.interval !== "lifetime" || !charge.payment_intent) return;
  if (charge.amount_refunded < charge.amount) return;
  if (!deps.stripe) throw new Error("a lifetime tier's refund needs Stripe to find its checkout");
  const sessions = await deps.stripe.client.checkout.sessions.list(
    { payment_intent: charge.payment_intent, limit: 1 },
    { stripeAccount: event.account },
  );
  const session = sessions.data[0];
  if (!session) throw new Error(`no checkout session for payment ${charge.payment_intent}`);
  const customer = session.customer;
  await applyFromEvent(event, deps, {
    organizationId: metadata.data.organization_id,
    userId: metadata.data.user_id,
    tierId: metadata.data.tier_id,
    kind: "lifetime",
    objectId: session.id,
    status: "canceled",
    interval: "lifetime",
    customerId: typeof customer === "string" ? customer : (customer?.id ?? null),
    currentPeriodStart: null,
    currentPeriodEnd: null,
    cancelAtPeriodEnd: false,
    objectCreatedAt: fromStripeTime(session.created),
    eventAt: fromStripeTime(event.created),
    fromSession: false,
  });
}

const subscriptionHandler = async (event: StripeEventPayload, { deps }: { deps: JobDeps }) =>
  applyFromEvent(
    event,
    deps,
    parseTierSubscription(event.data.object, fromStripeTime(event.created)),
  );

/** The member tier handlers, by event type (combined in services/stripe-event.ts). */
export const memberTierStripeHandlers: StripeEventHandlerSet = {
  "checkout.session.completed": async (event, { deps }) => tierCheckoutCompleted(event, deps),
  "customer.subscription.created": subscriptionHandler,
  "customer.subscription.updated": subscriptionHandler,
  "customer.subscription.deleted": subscriptionHandler,
  "charge.refunded": async (event, { deps }) => lifetimeRefunded(event, deps),
};
