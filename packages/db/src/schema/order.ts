// Orders (issue 10 §1, "Orders and payments"): one-time purchases — credit packs, lifetime plans,
// lifetime tiers — each an order with its items, recorded from Stripe's checkout.session.completed
// (services/order.ts). The checkout session's id is unique per organization, so a redelivered or
// replayed event finds its order and records nothing twice; refunds (charge.refunded) only ever
// raise amount_refunded, so refunds delivered out of order end in the same state.
//
// The credit pack catalog is global (the platform's, like the plan catalog): credits pay for what
// Guild runs, a pack is paid to the platform's Stripe account, so its price is the platform's to
// set. An order copies the pack's credits and price, so editing the catalog changes no history.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, text, unique, uuid } from "drizzle-orm/pg-core";
import { orderPurposes, orderStatuses } from "../enums/order.ts";
import { user } from "./auth.ts";
import {
  globalTable,
  instant,
  memberRef,
  tenantRef,
  tenantTable,
  textEnum,
  updatedAt,
} from "./helpers.ts";

/** The credit packs members can buy ("buy credits"), the platform's catalog. */
export const creditPack = globalTable(
  "credit_pack",
  {
    /** Stable key, Stripe metadata `pack_id` (e.g. "credits-200"). */
    id: text().primaryKey(),
    name: text().notNull(),
    credits: integer().notNull(),
    /** In the currency's smallest unit (cents). */
    unitAmount: integer().notNull(),
    /** ISO 4217, lower case as Stripe writes it. */
    currency: text().notNull(),
    /** Inactive packs are no longer sold; past orders keep their copy. */
    active: boolean().notNull().default(true),
    /** The catalog's order on screen. */
    position: integer().notNull().default(0),
    createdAt: instant().notNull().defaultNow(),
  },
  (t) => [
    check("credit_pack_credits_check", sql`${t.credits} > 0`),
    // Stripe's minimum charge.
    check("credit_pack_unit_amount_check", sql`${t.unitAmount} >= 50`),
    check("credit_pack_currency_check", sql`${t.currency} ~ '^[a-z]{3}$'`),
  ],
);

export const order = tenantTable(
  "order",
  {
    purpose: textEnum(orderPurposes).notNull(),
    status: textEnum(orderStatuses).notNull(),
    /** Who paid: their membership (null once they left) and their account (kept after). */
    buyerMemberId: uuid(),
    buyerUserId: uuid().references(() => user.id, { onDelete: "set null" }),
    /** Smallest currency unit. */
    amountTotal: integer().notNull(),
    amountRefunded: integer().notNull().default(0),
    currency: text().notNull(),
    /** The connected account (acct_…) for a sale on the organization's own Stripe; null: platform. */
    stripeAccountId: text(),
    stripeCheckoutSessionId: text().notNull(),
    stripePaymentIntentId: text(),
    stripeChargeId: text(),
    /** The charge's receipt, to link from the payment history. */
    receiptUrl: text(),
    paidAt: instant(),
    refundedAt: instant(),
    /**
     * Stripe's `created` of the last event applied (seconds, as an instant): an older event
     * arriving late never overwrites what a newer one wrote.
     */
    stripeEventAt: instant(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("order_org_checkout_session_unique").on(t.organizationId, t.stripeCheckoutSessionId),
    unique("order_org_payment_intent_unique").on(t.organizationId, t.stripePaymentIntentId),
    unique("order_org_charge_unique").on(t.organizationId, t.stripeChargeId),
    memberRef(t, t.buyerMemberId, "order_buyer_member_fk"),
    // A buyer's orders, newest first; the organization's, newest first.
    index("order_org_buyer_created_idx").on(t.organizationId, t.buyerUserId, t.createdAt, t.id),
    index("order_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    check("order_amount_total_check", sql`${t.amountTotal} >= 0`),
    check("order_amount_refunded_check", sql`${t.amountRefunded} between 0 and ${t.amountTotal}`),
    check("order_currency_check", sql`${t.currency} ~ '^[a-z]{3}$'`),
  ],
);

export const orderItem = tenantTable(
  "order_item",
  {
    orderId: uuid().notNull(),
    /** What was bought: a credit pack's id, a plan's key, a tier's id. */
    productRef: text().notNull(),
    description: text().notNull(),
    quantity: integer().notNull(),
    unitAmount: integer().notNull(),
    amount: integer().notNull(),
    /** Credits it grants (credit packs), copied from the pack at purchase. */
    credits: integer(),
  },
  (t) => [
    tenantRef(t, t.orderId, () => order, { onDelete: "cascade", name: "order_item_order_fk" }),
    index("order_item_org_order_idx").on(t.organizationId, t.orderId),
    check("order_item_quantity_check", sql`${t.quantity} > 0`),
    check("order_item_amount_check", sql`${t.amount} >= 0 and ${t.unitAmount} >= 0`),
    check("order_item_credits_check", sql`${t.credits} is null or ${t.credits} > 0`),
  ],
);
