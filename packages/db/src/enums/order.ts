/**
 * What a Guild checkout or subscription is for: Stripe metadata `guild_purpose` on every object
 * Guild creates (issue 10's metadata convention). An order is a one-time purchase of one of them.
 */
export const guildPurposes = [
  "organization_plan",
  "member_tier",
  "credit_pack",
  "lifetime_plan",
] as const;
export type GuildPurpose = (typeof guildPurposes)[number];

/** The one-time purchases an order records (subscriptions are invoices, not orders). */
export const orderPurposes = [
  "credit_pack",
  "lifetime_plan",
  "member_tier",
] as const satisfies readonly GuildPurpose[];
export type OrderPurpose = (typeof orderPurposes)[number];

/**
 * pending: checkout completed, the money not yet in (a delayed payment method); paid; refunded
 * (all of it); partially_refunded; failed (the delayed payment never came).
 */
export const orderStatuses = [
  "pending",
  "paid",
  "refunded",
  "partially_refunded",
  "failed",
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/**
 * An invoice as Guild records it: Stripe's own statuses, plus payment_failed for an open invoice
 * whose last attempt failed (invoice.payment_failed), which the history shows as such.
 */
export const invoiceStatuses = [
  "draft",
  "open",
  "payment_failed",
  "paid",
  "uncollectible",
  "void",
] as const;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

/** Whom an invoice bills: the organization's own plan, or a member's tier (Connect). */
export const invoiceSubjects = ["organization_plan", "member_tier"] as const;
export type InvoiceSubject = (typeof invoiceSubjects)[number];
