// Orders (issue 10 §1): one-time purchases — credit packs here; lifetime plans and lifetime tiers,
// whose domains call recordPaidOrder — recorded from Stripe's checkout.session.completed, and
// their refunds from charge.refunded. schema/order.ts has the tables and why the pack catalog is
// global.
//
// "Buy credits": credit.buy makes a Checkout Session (mode payment, on the platform's account)
// whose metadata (also copied onto its payment intent, and by Stripe onto the charge) names the
// pack, the organization and the member's user. Its completion records the order and grants the
// pack's credits, both keyed by the session: the order is unique per checkout session, the grant
// per order (credit entry key purchase:<order id>), so a redelivered or replayed event records
// and grants nothing more. A full refund takes back what is left of the pack (never more than the
// balance; the ledger says how much was already spent); a partial refund records the money only,
// and the credits stay until the refunds add up to the whole price.
//
// A lifetime plan's completion is recorded the same way (its item the plan); the plan itself is
// the subscriptions domain's (organization-plan-stripe.ts). A completion or refund is recorded
// only when it is the organization's: a lifetime plan's names the organization's Stripe customer,
// a Connect event comes from its connected account, and a credit pack (a member's own purchase,
// no customer) carries Guild's seal over its metadata: the metadata alone records nothing. The order keeps its charge and receipt from the completion on, read from
// Stripe, so the payment history links the receipt before any refund.
import {
  and,
  creditPack,
  eq,
  isNull,
  type OrderPurpose,
  or,
  order,
  orderItem,
  plan,
  planPrice,
  type StripeEventPayload,
  sql,
  type TenantScope,
} from "@guild/db";
import Stripe from "stripe";
import { z } from "zod";
import { AppError } from "../errors.ts";
import type { JobDeps } from "../jobs/define.ts";
import type { buyCreditsInput } from "../schemas/payment.ts";
import { grantPurchasedCredits, refundPurchasedCredits } from "./credit.ts";
import type { StripeDeps } from "./stripe-client.ts";
import type { StripeEventHandlerSet } from "./stripe-event.ts";
import {
  asOrganization,
  eventIsOrganizations,
  fromStripeTime,
  guildMetadata,
  memberIdOfUser,
  metadataSealed,
  sealMetadata,
} from "./stripe-metadata.ts";

/** The packs on sale, in the catalog's order. */
export function listCreditPacks(scope: TenantScope) {
  return scope.db
    .select({
      id: creditPack.id,
      name: creditPack.name,
      credits: creditPack.credits,
      unitAmount: creditPack.unitAmount,
      currency: creditPack.currency,
    })
    .from(creditPack)
    .where(eq(creditPack.active, true))
    .orderBy(creditPack.position, creditPack.id);
}

async function activePack(scope: TenantScope, packId: string) {
  const [pack] = await scope.db
    .select()
    .from(creditPack)
    .where(and(eq(creditPack.id, packId), eq(creditPack.active, true)));
  if (!pack)
    throw new AppError("NOT_FOUND", "This credit pack is not on sale", { field: "packId" });
  return pack;
}

/** What credit.buy needs besides its input: the caller and where to send them back. */
export interface BuyCreditsContext {
  stripe: StripeDeps | null;
  tenant: <T>(fn: (scope: TenantScope) => Promise<T>) => Promise<T>;
  userId: string;
  email: string;
  /** The app's secret: seals the checkout's metadata (sealMetadata). */
  secret: string;
  organization: { id: string; name: string };
  /** The Credits screen's address (the session's id is added on return). */
  returnUrl: string;
}

/**
 * credit.buy: a Checkout Session for the pack (mode payment), whose hosted page the web opens.
 * Nothing is recorded yet: an abandoned checkout leaves nothing behind, and the order is made
 * when Stripe says it was paid.
 */
export async function buyCredits(
  context: BuyCreditsContext,
  input: z.output<typeof buyCreditsInput>,
): Promise<{ url: string; checkoutSessionId: string }> {
  const pack = await context.tenant((scope) => activePack(scope, input.packId));
  if (!context.stripe)
    throw new AppError("SERVICE_UNAVAILABLE", "Payments are not set up on this server");
  // No Stripe customer: the organization's carries the owner's billing address, which the hosted
  // page would show the member. The seal (the app's secret over the metadata) is what the
  // completion is checked against instead.
  const metadata = sealMetadata(context.secret, {
    guild_purpose: "credit_pack",
    organization_id: context.organization.id,
    user_id: context.userId,
    pack_id: pack.id,
    // The grant is what was sold: a catalog edit between checkout and payment changes nothing.
    credits: String(pack.credits),
  });
  const back = new URL(context.returnUrl);
  back.searchParams.set("checkout", "{CHECKOUT_SESSION_ID}");
  const cancel = new URL(context.returnUrl);
  cancel.searchParams.set("checkout", "canceled");
  let session: { id: string; url: string | null };
  try {
    session = await context.stripe.client.checkout.sessions.create({
      mode: "payment",
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: pack.currency,
            unit_amount: pack.unitAmount,
            product_data: { name: pack.name },
          },
        },
      ],
      customer_email: context.email,
      client_reference_id: context.userId,
      metadata,
      // The receipt goes to the member who pays.
      payment_intent_data: { metadata, receipt_email: context.email },
      // Stripe writes the placeholder itself; URLSearchParams encoded its braces.
      success_url: back.toString().replace("%7BCHECKOUT_SESSION_ID%7D", "{CHECKOUT_SESSION_ID}"),
      cancel_url: cancel.toString(),
    });
  } catch (error) {
    throw new AppError(
      "SERVICE_UNAVAILABLE",
      "The payment page could not be opened. Nothing was charged; try again in a moment.",
      { cause: error },
    );
  }
  if (!session.url) throw new AppError("SERVICE_UNAVAILABLE", "Stripe gave no payment page");
  return { url: session.url, checkoutSessionId: session.id };
}

/** One line of an order. */
export interface OrderItemInput {
  /** What was bought: the pack's id, the plan's key, the tier's id. */
  productRef: string;
  description: string;
  quantity: number;
  unitAmount: number;
  amount: number;
  /** Credits it grants (credit packs). */
  credits?: number | null;
}

/** A completed checkout, as recordPaidOrder takes it. */
export interface PaidOrderInput {
  purpose: OrderPurpose;
  checkoutSessionId: string;
  paymentIntentId: string | null;
  /** The connected account of a sale on the organization's own Stripe; null for the platform. */
  stripeAccountId: string | null;
  buyerUserId: string | null;
  amountTotal: number;
  currency: string;
  /** "pending": completed with a payment still to arrive (delayed methods). */
  status: "paid" | "pending";
  /** The event's `created`. */
  eventAt: Date;
  /** The payment's charge, once Stripe has made it (readChargeOf), for the receipt's link. */
  charge?: PaidCharge | null;
  items: OrderItemInput[];
}

/** A payment intent's charge as an order keeps it. */
export interface PaidCharge {
  id: string;
  receiptUrl: string | null;
}

export type OrderRow = typeof order.$inferSelect;

/**
 * Records a completed checkout as an order with its items, once per checkout session: a second
 * call (a redelivered event, a replay) returns the order already there and changes nothing, but
 * for a pending order that the call says is now paid. For the lifetime plan and tier domains as
 * for credit packs. Returns the order and whether this call made it paid.
 */
export async function recordPaidOrder(
  scope: TenantScope,
  input: PaidOrderInput,
): Promise<{ order: OrderRow; becamePaid: boolean }> {
  const buyerMemberId = input.buyerUserId ? await memberIdOfUser(scope, input.buyerUserId) : null;
  const paidAt = input.status === "paid" ? input.eventAt : null;
  const [created] = await scope.db
    .insert(order)
    .values({
      organizationId: scope.organizationId,
      purpose: input.purpose,
      status: input.status,
      buyerMemberId,
      buyerUserId: input.buyerUserId,
      amountTotal: input.amountTotal,
      currency: input.currency.toLowerCase(),
      stripeAccountId: input.stripeAccountId,
      stripeCheckoutSessionId: input.checkoutSessionId,
      stripePaymentIntentId: input.paymentIntentId,
      stripeChargeId: input.charge?.id ?? null,
      receiptUrl: input.charge?.receiptUrl ?? null,
      paidAt,
      stripeEventAt: input.eventAt,
      createdAt: scope.now(),
    })
    .onConflictDoNothing({ target: [order.organizationId, order.stripeCheckoutSessionId] })
    .returning();
  if (created) {
    if (input.items.length > 0)
      await scope.db.insert(orderItem).values(
        input.items.map((item) => ({
          organizationId: scope.organizationId,
          orderId: created.id,
          productRef: item.productRef,
          description: item.description,
          quantity: item.quantity,
          unitAmount: item.unitAmount,
          amount: item.amount,
          credits: item.credits ?? null,
          createdAt: scope.now(),
        })),
      );
    return { order: created, becamePaid: created.status === "paid" };
  }
  // Already recorded: only pending → paid moves (a delayed payment arriving).
  if (input.status === "paid") {
    const [paid] = await scope.db
      .update(order)
      .set({
        status: "paid",
        paidAt,
        stripePaymentIntentId: sql`coalesce(${order.stripePaymentIntentId}, ${input.paymentIntentId})`,
        ...chargeFill(input.charge),
        stripeEventAt: sql`greatest(${order.stripeEventAt}, ${input.eventAt.toISOString()}::timestamptz)`,
      })
      .where(
        and(
          eq(order.organizationId, scope.organizationId),
          eq(order.stripeCheckoutSessionId, input.checkoutSessionId),
          eq(order.status, "pending"),
        ),
      )
      .returning();
    if (paid) return { order: paid, becamePaid: true };
  }
  // Recorded before its charge was known (a retry now knows it): the receipt, nothing else.
  if (input.charge) {
    const [filled] = await scope.db
      .update(order)
      .set(chargeFill(input.charge))
      .where(
        and(
          eq(order.organizationId, scope.organizationId),
          eq(order.stripeCheckoutSessionId, input.checkoutSessionId),
          or(isNull(order.stripeChargeId), isNull(order.receiptUrl)),
        ),
      )
      .returning();
    if (filled) return { order: filled, becamePaid: false };
  }
  const existing = await orderBySession(scope, input.checkoutSessionId);
  if (!existing) throw new Error("order vanished after its insert conflicted");
  return { order: existing, becamePaid: false };
}

/** An order's charge columns, kept where already set (a charge never changes once known). */
const chargeFill = (charge: PaidCharge | null | undefined) =>
  charge
    ? {
        stripeChargeId: sql`coalesce(${order.stripeChargeId}, ${charge.id})`,
        receiptUrl: sql`coalesce(${order.receiptUrl}, ${charge.receiptUrl})`,
      }
    : {};

async function orderBySession(scope: TenantScope, checkoutSessionId: string) {
  const [row] = await scope.db
    .select()
    .from(order)
    .where(
      and(
        eq(order.organizationId, scope.organizationId),
        eq(order.stripeCheckoutSessionId, checkoutSessionId),
      ),
    );
  return row ?? null;
}

/** The credits an order's items grant. */
async function orderCredits(scope: TenantScope, orderId: string) {
  const [row] = await scope.db
    .select({
      credits: sql<number>`coalesce(sum(${orderItem.credits} * ${orderItem.quantity}), 0)::int`,
    })
    .from(orderItem)
    .where(and(eq(orderItem.organizationId, scope.organizationId), eq(orderItem.orderId, orderId)));
  return row?.credits ?? 0;
}

/** Grants a paid credit pack order's credits to its buyer (once: keyed by the order). */
async function grantOrderCredits(scope: TenantScope, paid: OrderRow, deps: JobDeps) {
  if (paid.status !== "paid" && paid.status !== "partially_refunded") return;
  const credits = await orderCredits(scope, paid.id);
  if (credits === 0) return;
  if (!paid.buyerMemberId) {
    // They left before paying: credits belong to a membership. The order keeps the payment.
    deps.log("warn", "credit pack paid by someone no longer a member: nothing granted", {
      organizationId: scope.organizationId,
      orderId: paid.id,
    });
    return;
  }
  await grantPurchasedCredits(scope, {
    memberId: paid.buyerMemberId,
    amount: credits,
    orderId: paid.id,
    description: `Bought ${credits.toLocaleString("en")} credits`,
  });
}

// The parts of Stripe's objects these handlers read (the stored payload is untyped JSON).
const checkoutSessionSchema = z.object({
  id: z.string(),
  mode: z.string(),
  amount_total: z.number().int().nullable(),
  currency: z.string().nullable(),
  customer: z.string().nullable().optional(),
  payment_intent: z.string().nullable(),
  payment_status: z.string(),
  metadata: z.unknown(),
});
type CheckoutSession = z.infer<typeof checkoutSessionSchema>;

const chargeSchema = z.object({
  id: z.string(),
  amount: z.number().int(),
  amount_refunded: z.number().int(),
  customer: z.string().nullable().optional(),
  payment_intent: z.string().nullable(),
  receipt_url: z.string().nullable().optional(),
  metadata: z.unknown(),
});

/**
 * The payment intent's charge, read from Stripe (the completion event names only the intent): its
 * id and receipt, so the payment history links the receipt from the start. Null while there is
 * none yet (a delayed payment: async_payment_succeeded reads it again) or without Stripe. Stripe
 * failing throws: the event is retried and nothing was written. "unknown-payment": Stripe knows no
 * such intent (on that account), so the completion is not a payment of ours, and waiting will not
 * change that: the caller records nothing and says why, instead of retrying it for ever.
 */
export async function readChargeOf(
  deps: JobDeps,
  paymentIntentId: string | null,
  account: string | undefined,
): Promise<PaidCharge | null | "unknown-payment"> {
  if (!paymentIntentId || !deps.stripe) return null;
  let intent: Stripe.PaymentIntent;
  try {
    intent = await deps.stripe.client.paymentIntents.retrieve(
      paymentIntentId,
      { expand: ["latest_charge"] },
      account ? { stripeAccount: account } : undefined,
    );
  } catch (error) {
    if (
      error instanceof Stripe.errors.StripeInvalidRequestError &&
      error.code === "resource_missing"
    )
      return "unknown-payment";
    throw error;
  }
  const charge = intent.latest_charge;
  if (!charge || typeof charge === "string" || charge.status !== "succeeded") return null;
  return { id: charge.id, receiptUrl: charge.receipt_url };
}

/** What a completed checkout of a platform purchase (a credit pack, a lifetime plan) is. */
interface CheckoutPurchase {
  purpose: "credit_pack" | "lifetime_plan";
  item: (scope: TenantScope, amount: number) => Promise<OrderItemInput | null>;
}

/** The checkout's order line, by its purpose; null when it is not an order of ours. */
function purchaseOf(event: StripeEventPayload, session: CheckoutSession): CheckoutPurchase | null {
  const meta = guildMetadata(session.metadata);
  // Platform sales only: a connected account's checkouts are tiers' (their domain records them).
  if (session.mode !== "payment" || !meta || event.account) return null;
  if (meta.purpose === "credit_pack") {
    const packId = meta.raw.pack_id ?? "";
    const sold = z.coerce.number().int().positive().safeParse(meta.raw.credits);
    return {
      purpose: "credit_pack",
      item: async (scope, amount) => {
        const [pack] = await scope.db.select().from(creditPack).where(eq(creditPack.id, packId));
        // The grant is what was sold (the metadata), whatever the catalog says now.
        const credits = sold.success ? sold.data : pack?.credits;
        if (!credits) return null;
        return {
          productRef: packId,
          description: pack?.name ?? `${credits.toLocaleString("en")} credits`,
          quantity: 1,
          unitAmount: amount,
          amount,
          credits,
        };
      },
    };
  }
  if (meta.purpose === "lifetime_plan") {
    const priceId = z.uuid().safeParse(meta.raw.plan_price_id);
    return {
      purpose: "lifetime_plan",
      item: async (scope, amount) => {
        if (!priceId.success) return null;
        const [bought] = await scope.db
          .select({ key: plan.key, name: plan.name })
          .from(planPrice)
          .innerJoin(plan, eq(plan.id, planPrice.planId))
          .where(eq(planPrice.id, priceId.data));
        if (!bought) return null;
        return {
          productRef: bought.key,
          description: `${bought.name} plan, lifetime`,
          quantity: 1,
          unitAmount: amount,
          amount,
        };
      },
    };
  }
  return null;
}

/**
 * Whether a checkout is the scope's organization's: a credit pack (no customer) by Guild's seal
 * on its metadata, anything else by the organization's customer or connected account.
 */
async function checkoutIsOrganizations(
  scope: TenantScope,
  event: StripeEventPayload,
  session: { customer?: string | null | undefined },
  meta: { purpose: string; raw: Record<string, string> },
  deps: JobDeps,
): Promise<boolean> {
  if (!event.account && !session.customer && meta.purpose === "credit_pack")
    return metadataSealed(deps.secret, meta.raw);
  return eventIsOrganizations(scope, event, session.customer);
}

/**
 * checkout.session.completed / async_payment_succeeded of a platform purchase: the order with its
 * item and its charge, and a credit pack's grant. Only for the organization's own customer: the
 * metadata alone changes nothing (eventIsOrganizations).
 */
async function checkoutOrder(event: StripeEventPayload, deps: JobDeps) {
  const parsed = checkoutSessionSchema.safeParse(event.data.object);
  if (!parsed.success) return;
  const session = parsed.data;
  const purchase = purchaseOf(event, session);
  const meta = guildMetadata(session.metadata);
  if (!purchase || !meta) return;
  // Read before the transaction: no connection is held while Stripe answers.
  const charge = await readChargeOf(deps, session.payment_intent, event.account);
  if (charge === "unknown-payment") {
    deps.log("warn", "a checkout naming a payment Stripe does not know: not ours, no order", {
      eventId: event.id,
      checkoutSessionId: session.id,
      paymentIntent: session.payment_intent,
    });
    return;
  }
  await asOrganization(deps, meta.organizationId, `stripe ${purchase.purpose}`, async (scope) => {
    if (!(await checkoutIsOrganizations(scope, event, session, meta, deps))) {
      deps.log("warn", "a checkout that is not the organization's: no order", {
        eventId: event.id,
        organizationId: scope.organizationId,
        customer: session.customer ?? null,
      });
      return;
    }
    const amount = session.amount_total ?? 0;
    const item = await purchase.item(scope, amount);
    if (!item) {
      deps.log("error", "a checkout naming nothing Guild sells", { eventId: event.id });
      return;
    }
    const { order: recorded } = await recordPaidOrder(scope, {
      purpose: purchase.purpose,
      checkoutSessionId: session.id,
      paymentIntentId: session.payment_intent,
      stripeAccountId: null,
      buyerUserId: meta.userId,
      amountTotal: amount,
      currency: session.currency ?? "usd",
      status: session.payment_status === "unpaid" ? "pending" : "paid",
      eventAt: fromStripeTime(event.created),
      charge,
      items: [item],
    });
    await grantOrderCredits(scope, recorded, deps);
  });
}

/** checkout.session.async_payment_failed: a pending order's payment never came. */
async function checkoutPaymentFailed(event: StripeEventPayload, deps: JobDeps) {
  const parsed = checkoutSessionSchema.safeParse(event.data.object);
  const meta = parsed.success ? guildMetadata(parsed.data.metadata) : null;
  if (!parsed.success || !meta) return;
  await asOrganization(deps, meta.organizationId, "stripe order payment failed", async (scope) => {
    if (!(await checkoutIsOrganizations(scope, event, parsed.data, meta, deps))) return;
    await scope.db
      .update(order)
      .set({ status: "failed", stripeEventAt: fromStripeTime(event.created) })
      .where(
        and(
          eq(order.organizationId, scope.organizationId),
          eq(order.stripeCheckoutSessionId, parsed.data.id),
          eq(order.status, "pending"),
        ),
      );
  });
}

/** The order's status for what has been refunded so far. */
const refundStatus = (total: number, refunded: number) =>
  refunded <= 0 ? "paid" : refunded >= total ? "refunded" : "partially_refunded";

/**
 * charge.refunded: the order's refunded amount (only ever raised: refunds delivered late or
 * twice change nothing), and once it is the whole price, the credit pack's credits taken back.
 */
async function chargeRefunded(event: StripeEventPayload, deps: JobDeps) {
  const parsed = chargeSchema.safeParse(event.data.object);
  if (!parsed.success) return;
  const charge = parsed.data;
  const meta = guildMetadata(charge.metadata);
  // A subscription's charges carry no Guild metadata (their invoices are recorded instead).
  if (!meta || !charge.payment_intent || meta.purpose === "organization_plan") return;
  const paymentIntentId = charge.payment_intent;
  await asOrganization(deps, meta.organizationId, "stripe charge refunded", async (scope) => {
    // The order found below by the payment intent, in this organization, is Guild's own record
    // of the purchase; beyond it, a Connect refund must come from the organization's account and
    // a charge naming a customer must name the organization's (an older credit pack's guest
    // checkout names none).
    if (
      (event.account || charge.customer) &&
      !(await eventIsOrganizations(scope, event, charge.customer))
    ) {
      deps.log("warn", "a refund of another customer's or account's charge: nothing changed", {
        eventId: event.id,
        organizationId: scope.organizationId,
      });
      return;
    }
    const [found] = await scope.db
      .select()
      .from(order)
      .where(
        and(
          eq(order.organizationId, scope.organizationId),
          eq(order.stripePaymentIntentId, paymentIntentId),
        ),
      );
    if (!found) {
      // The refund came before the checkout's completion: retry (the job backs off) until the
      // order exists. Other purposes' charges may have no order at all (a subscription's).
      if (meta.purpose === "credit_pack")
        throw new Error(`order of payment intent ${paymentIntentId} not recorded yet`);
      return;
    }
    const refunded = Math.min(
      found.amountTotal,
      Math.max(found.amountRefunded, charge.amount_refunded),
    );
    const status =
      found.status === "pending" || found.status === "failed"
        ? found.status
        : refundStatus(found.amountTotal, refunded);
    const at = fromStripeTime(event.created);
    const [updated] = await scope.db
      .update(order)
      .set({
        amountRefunded: refunded,
        status,
        stripeChargeId: charge.id,
        receiptUrl: charge.receipt_url ?? found.receiptUrl,
        refundedAt: status === "refunded" ? (found.refundedAt ?? at) : found.refundedAt,
        stripeEventAt: sql`greatest(${order.stripeEventAt}, ${at.toISOString()}::timestamptz)`,
      })
      .where(and(eq(order.organizationId, scope.organizationId), eq(order.id, found.id)))
      .returning();
    if (updated?.status !== "refunded" || updated.purpose !== "credit_pack") return;
    if (!updated.buyerMemberId) return;
    try {
      // Once per order (its key), however many times the refund is delivered.
      await refundPurchasedCredits(scope, { memberId: updated.buyerMemberId, orderId: updated.id });
    } catch (error) {
      // Nothing was granted (the buyer had left when it was paid): nothing to take back.
      if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
    }
  });
}

/** The order domain's Stripe event handlers (services/stripe-event.ts combines them). */
export const orderStripeEventHandlers: StripeEventHandlerSet = {
  "checkout.session.completed": (event, { deps }) => checkoutOrder(event, deps),
  "checkout.session.async_payment_succeeded": (event, { deps }) => checkoutOrder(event, deps),
  "checkout.session.async_payment_failed": (event, { deps }) => checkoutPaymentFailed(event, deps),
  "charge.refunded": (event, { deps }) => chargeRefunded(event, deps),
};

/** payment.checkout: the caller's order of a checkout session, once recorded (else null). */
export async function checkoutStatus(scope: TenantScope, input: { checkoutSessionId: string }) {
  if (scope.actor.kind !== "member") throw new Error("a checkout's status is a member's");
  const found = await orderBySession(scope, input.checkoutSessionId);
  // Someone else's checkout is not the caller's business: as if it were not recorded.
  if (!found || found.buyerUserId !== scope.actor.userId) return { order: null };
  return {
    order: {
      id: found.id,
      status: found.status,
      credits: await orderCredits(scope, found.id),
      amountTotal: found.amountTotal,
      currency: found.currency,
    },
  };
}
