import { and, billingInvoice, eq, inArray, type TenantScope } from "@guild/db";
import { hasRole } from "@guild/db/enums";
import { notificationKind } from "./define.ts";

/** The amount as the reader's mail and list show it, e.g. "$29.00". */
const money = (amount: number, currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency: currency.toUpperCase() }).format(
    amount / 100,
  );

/**
 * The organization plan's invoices of these ids, linked to billing settings, for the readers
 * who manage billing (owners and admins; billing settings are theirs).
 */
async function describeInvoices(scope: TenantScope, targetIds: string[]) {
  if (scope.actor.kind === "member" && !hasRole(scope.actor.role, "admin")) return new Map();
  const rows = await scope.db
    .select({
      id: billingInvoice.id,
      amountDue: billingInvoice.amountDue,
      currency: billingInvoice.currency,
    })
    .from(billingInvoice)
    .where(
      and(
        eq(billingInvoice.organizationId, scope.organizationId),
        eq(billingInvoice.subject, "organization_plan"),
        inArray(billingInvoice.id, targetIds),
      ),
    );
  return new Map(
    rows.map((row) => [
      row.id,
      { name: `the ${money(row.amountDue, row.currency)} invoice`, path: "/billing" },
    ]),
  );
}

/**
 * A payment of the organization's plan failed (invoice.payment_failed): its owners and admins
 * are told once per invoice (services/billing-invoice.ts), with a link to billing settings,
 * where they update the card or open Stripe's portal before the grace period ends.
 */
export const planPaymentFailed = notificationKind({
  kind: "billing.payment_failed",
  label: "A payment for the organization's plan failed",
  defaults: { inApp: true, mail: true },
  describe: describeInvoices,
  text: ({ target }) =>
    target
      ? `Payment failed for ${target.name} of your plan: update the payment method in billing settings`
      : "A payment for your plan failed",
});
