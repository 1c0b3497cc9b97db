// Invoice records (issue 10 §1, "Orders and payments"): invoice.paid and invoice.payment_failed
// record the invoice — amount, currency, status, period, Stripe's hosted page — for the
// organization's own plan (platform events) and for members' tiers (Connect events, which carry
// `event.account`). The subscription's state is the subscriptions domain's, from the same events;
// this handler only keeps the payment record.
//
// Which organization: the subscription's metadata, which Stripe copies onto its invoices
// (`parent.subscription_details.metadata`; older API versions `subscription_details.metadata`).
// Out of order and twice: one row per Stripe invoice, and an event older than the last one
// applied changes nothing — except that a payment always wins: once paid, a late failure event
// cannot make the invoice look unpaid.
//
// Only the organization's own: a plan's invoice must name its customer (billing_customer), a
// tier's come from its connected account, whatever the metadata says. A plan's first failed
// payment of an invoice tells its owners and admins (notifications/billing.ts), once; a tier's
// tells the member who pays it, and the owners and admins, once.

import type { InvoiceStatus, InvoiceSubject } from "@guild/db";
import {
  and,
  billingInvoice,
  eq,
  inArray,
  member,
  type StripeEventPayload,
  sql,
  type TenantScope,
} from "@guild/db";
import { z } from "zod";
import type { JobDeps } from "../jobs/define.ts";
import { notify } from "./notification.ts";
import type { StripeEventHandlerSet } from "./stripe-event.ts";
import {
  asOrganization,
  eventIsOrganizations,
  fromStripeTime,
  guildMetadata,
  memberIdOfUser,
} from "./stripe-metadata.ts";

const metadataHolder = z.object({ metadata: z.unknown().optional() }).nullish();

const invoiceSchema = z.object({
  id: z.string(),
  customer: z.string().nullable().optional(),
  number: z.string().nullable().optional(),
  billing_reason: z.string().nullable().optional(),
  amount_due: z.number().int(),
  amount_paid: z.number().int(),
  currency: z.string(),
  hosted_invoice_url: z.string().nullable().optional(),
  invoice_pdf: z.string().nullable().optional(),
  period_start: z.number().nullable().optional(),
  period_end: z.number().nullable().optional(),
  created: z.number(),
  attempt_count: z.number().int().optional(),
  status: z.string().nullable(),
  status_transitions: z.object({ paid_at: z.number().nullable().optional() }).optional(),
  metadata: z.unknown().optional(),
  parent: z
    .object({
      subscription_details: z
        .object({ subscription: z.string().nullable().optional(), metadata: z.unknown() })
        .nullish(),
    })
    .nullish(),
  subscription_details: metadataHolder,
  subscription: z.string().nullable().optional(),
  lines: z
    .object({ data: z.array(z.object({ description: z.string().nullable().optional() })) })
    .optional(),
  // Stripe's period of what is billed is on the lines; the invoice's own is when it was drafted.
});
type StripeInvoice = z.infer<typeof invoiceSchema>;

/** The subscription's metadata on the invoice, wherever this API version puts it. */
function invoiceMetadata(invoice: StripeInvoice) {
  return (
    guildMetadata(invoice.parent?.subscription_details?.metadata) ??
    guildMetadata(invoice.subscription_details?.metadata) ??
    guildMetadata(invoice.metadata)
  );
}

const knownStatuses = ["draft", "open", "paid", "uncollectible", "void"] as const;

/**
 * Upserts the invoice's record from an event: newer (or as new) events overwrite, older ones
 * are ignored, and a paid record is only ever refreshed by another paid one.
 */
async function recordInvoice(
  event: StripeEventPayload,
  deps: JobDeps,
  outcome: "paid" | "payment_failed",
) {
  const parsed = invoiceSchema.safeParse(event.data.object);
  if (!parsed.success) return;
  const invoice = parsed.data;
  const meta = invoiceMetadata(invoice);
  if (!meta) return;
  // A plan is billed on the platform's account, a tier on the organization's connected one.
  const subject: InvoiceSubject | null =
    meta.purpose === "organization_plan" && !event.account
      ? "organization_plan"
      : meta.purpose === "member_tier" && event.account
        ? "member_tier"
        : null;
  if (!subject) return;
  const stripeStatus = z.enum(knownStatuses).safeParse(invoice.status);
  const status: InvoiceStatus =
    outcome === "paid"
      ? "paid"
      : stripeStatus.data === "open" || !stripeStatus.success
        ? "payment_failed"
        : stripeStatus.data;
  const eventAt = fromStripeTime(event.created);
  const paidAt = invoice.status_transitions?.paid_at;
  const lineFrom =
    invoice.lines?.data.map((line) => line.description).find((d) => typeof d === "string") ?? null;
  await asOrganization(deps, meta.organizationId, "stripe invoice", async (scope) => {
    // A tier's invoice comes from the organization's connected account, a plan's names its
    // customer: the metadata alone records nothing.
    if (!(await eventIsOrganizations(scope, event, invoice.customer))) {
      deps.log("warn", "an invoice of another customer or account than the organization's", {
        eventId: event.id,
        organizationId: scope.organizationId,
        invoice: invoice.id,
      });
      return;
    }
    const userId = subject === "member_tier" ? meta.userId : null;
    const values = {
      organizationId: scope.organizationId,
      subject,
      status,
      memberId: await memberIdOfUser(scope, userId),
      userId,
      stripeInvoiceId: invoice.id,
      stripeAccountId: event.account ?? null,
      stripeCustomerId: invoice.customer ?? null,
      stripeSubscriptionId:
        invoice.parent?.subscription_details?.subscription ?? invoice.subscription ?? null,
      number: invoice.number ?? null,
      billingReason: invoice.billing_reason ?? null,
      description: lineFrom,
      amountDue: invoice.amount_due,
      amountPaid: invoice.amount_paid,
      currency: invoice.currency.toLowerCase(),
      hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
      invoicePdf: invoice.invoice_pdf ?? null,
      periodStart: invoice.period_start ? fromStripeTime(invoice.period_start) : null,
      periodEnd: invoice.period_end ? fromStripeTime(invoice.period_end) : null,
      issuedAt: fromStripeTime(invoice.created),
      paidAt: outcome === "paid" ? fromStripeTime(paidAt ?? event.created) : null,
      attemptCount: invoice.attempt_count ?? 0,
      stripeEventAt: eventAt,
      createdAt: scope.now(),
    };
    const incomingPaid = status === "paid";
    const [written] = await scope.db
      .insert(billingInvoice)
      .values(values)
      .onConflictDoUpdate({
        target: [billingInvoice.organizationId, billingInvoice.stripeInvoiceId],
        set: {
          status: sql`excluded.status`,
          memberId: sql`coalesce(excluded.member_id, ${billingInvoice.memberId})`,
          number: sql`coalesce(excluded.number, ${billingInvoice.number})`,
          description: sql`coalesce(excluded.description, ${billingInvoice.description})`,
          amountDue: sql`excluded.amount_due`,
          amountPaid: sql`excluded.amount_paid`,
          hostedInvoiceUrl: sql`coalesce(excluded.hosted_invoice_url, ${billingInvoice.hostedInvoiceUrl})`,
          invoicePdf: sql`coalesce(excluded.invoice_pdf, ${billingInvoice.invoicePdf})`,
          paidAt: sql`coalesce(excluded.paid_at, ${billingInvoice.paidAt})`,
          attemptCount: sql`greatest(excluded.attempt_count, ${billingInvoice.attemptCount})`,
          stripeEventAt: sql`excluded.stripe_event_at`,
          updatedAt: scope.now(),
        },
        // Paid wins; otherwise the newer event (ties: the later delivery).
        setWhere: incomingPaid
          ? sql`${billingInvoice.status} <> 'paid' or excluded.stripe_event_at >= ${billingInvoice.stripeEventAt}`
          : sql`${billingInvoice.status} <> 'paid' and excluded.stripe_event_at >= ${billingInvoice.stripeEventAt}`,
      })
      // xmax is 0 on a row this statement inserted, not on one it updated.
      .returning({ id: billingInvoice.id, inserted: sql<boolean>`(xmax = 0)` });
    // The plan's first failure of this invoice (Stripe's retries, a redelivery and a replay find
    // it recorded): its owners and admins hear of it once, in the app and by mail.
    if (written?.inserted && status === "payment_failed")
      await notifyPaymentFailed(scope, written.id, subject, values.memberId);
  });
}

/**
 * Tells the people who manage billing (owners, admins) that an invoice failed, and for a tier
 * the member who pays it (not twice: an admin paying a tier hears of it as its payer).
 */
async function notifyPaymentFailed(
  scope: TenantScope,
  invoiceId: string,
  subject: InvoiceSubject,
  payerMemberId: string | null,
) {
  const managers = await scope.db
    .select({ id: member.id })
    .from(member)
    .where(
      and(
        eq(member.organizationId, scope.organizationId),
        inArray(member.role, ["owner", "admin"]),
      ),
    );
  const target = { type: "billing_invoice", id: invoiceId };
  if (subject === "organization_plan") {
    await notify(scope, {
      kind: "billing.payment_failed",
      target,
      recipients: managers.map((m) => m.id),
    });
    return;
  }
  if (payerMemberId)
    await notify(scope, {
      kind: "billing.tier_payment_failed",
      target,
      recipients: [payerMemberId],
    });
  await notify(scope, {
    kind: "billing.member_tier_payment_failed",
    target,
    recipients: managers.map((m) => m.id).filter((id) => id !== payerMemberId),
  });
}

/** The invoice records' Stripe event handlers (services/stripe-event.ts combines them). */
export const billingInvoiceStripeEventHandlers: StripeEventHandlerSet = {
  "invoice.paid": (event, { deps }) => recordInvoice(event, deps, "paid"),
  "invoice.payment_failed": (event, { deps }) => recordInvoice(event, deps, "payment_failed"),
};
