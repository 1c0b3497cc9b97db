// Invoices (issue 10 §1, "Orders and payments"): every invoice Stripe paid or failed to collect,
// for the organization's own plan (platform events) and for members' tiers (Connect events,
// `event.account`), with its amount, currency, status, period and Stripe's hosted page. Recorded by
// the invoice.* webhook handlers (services/billing-invoice.ts); the subscription's state is the
// subscriptions domain's. Unique per Stripe invoice id, and each write compares the event's
// `created` with the last one applied, so redelivered and late events change nothing.
import { index, integer, text, unique, uuid } from "drizzle-orm/pg-core";
import { invoiceStatuses, invoiceSubjects } from "../enums/order.ts";
import { user } from "./auth.ts";
import { instant, memberRef, tenantTable, textEnum, updatedAt } from "./helpers.ts";

export const billingInvoice = tenantTable(
  "billing_invoice",
  {
    subject: textEnum(invoiceSubjects).notNull(),
    status: textEnum(invoiceStatuses).notNull(),
    /** A member tier's payer: their membership (null once they left) and account. */
    memberId: uuid(),
    userId: uuid().references(() => user.id, { onDelete: "set null" }),
    stripeInvoiceId: text().notNull(),
    /** The connected account (acct_…) of a tier's invoice; null for the platform's. */
    stripeAccountId: text(),
    stripeCustomerId: text(),
    stripeSubscriptionId: text(),
    /** Stripe's invoice number (e.g. "A1B2C3-0001"), once finalized. */
    number: text(),
    billingReason: text(),
    /** What it bills, in Stripe's words (the first line's description: "1 × Pro (at $29.00 / month)"). */
    description: text(),
    amountDue: integer().notNull(),
    amountPaid: integer().notNull(),
    currency: text().notNull(),
    hostedInvoiceUrl: text(),
    invoicePdf: text(),
    periodStart: instant(),
    periodEnd: instant(),
    /** When Stripe created the invoice: the history's order. */
    issuedAt: instant().notNull(),
    paidAt: instant(),
    attemptCount: integer().notNull().default(0),
    /** Stripe's `created` of the last event applied (see order.stripeEventAt). */
    stripeEventAt: instant().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("billing_invoice_org_stripe_unique").on(t.organizationId, t.stripeInvoiceId),
    memberRef(t, t.memberId, "billing_invoice_member_fk"),
    index("billing_invoice_org_issued_idx").on(t.organizationId, t.issuedAt, t.id),
    index("billing_invoice_org_user_issued_idx").on(t.organizationId, t.userId, t.issuedAt, t.id),
  ],
);
