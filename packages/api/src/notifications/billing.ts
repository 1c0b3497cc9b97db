import {
  and,
  billingInvoice,
  eq,
  inArray,
  memberTier,
  memberTierState,
  type TenantScope,
  user,
} from "@guild/db";
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

/**
 * Members' tier invoices of these ids with the tier they pay for and the payer's name, linked to
 * the tiers screen; `who` decides which the reader may see (the payer their own, admins all).
 */
async function describeTierInvoices(
  scope: TenantScope,
  targetIds: string[],
  who: "payer" | "admin",
) {
  if (scope.actor.kind !== "member") return new Map();
  if (who === "admin" && !hasRole(scope.actor.role, "admin")) return new Map();
  const rows = await scope.db
    .select({
      id: billingInvoice.id,
      memberId: billingInvoice.memberId,
      amountDue: billingInvoice.amountDue,
      currency: billingInvoice.currency,
      tierName: memberTier.name,
      payerName: user.name,
    })
    .from(billingInvoice)
    .leftJoin(
      memberTierState,
      and(
        eq(memberTierState.organizationId, billingInvoice.organizationId),
        eq(memberTierState.memberId, billingInvoice.memberId),
      ),
    )
    .leftJoin(
      memberTier,
      and(
        eq(memberTier.organizationId, memberTierState.organizationId),
        eq(memberTier.id, memberTierState.tierId),
      ),
    )
    .leftJoin(user, eq(user.id, billingInvoice.userId))
    .where(
      and(
        eq(billingInvoice.organizationId, scope.organizationId),
        eq(billingInvoice.subject, "member_tier"),
        inArray(billingInvoice.id, targetIds),
      ),
    );
  const reader = scope.actor.memberId;
  return new Map(
    rows
      .filter((row) => who === "admin" || row.memberId === reader)
      .map((row) => {
        const tier = row.tierName ? `the ${row.tierName} tier` : "a tier";
        const amount = money(row.amountDue, row.currency);
        return [
          row.id,
          {
            name:
              who === "payer"
                ? `${amount} for ${tier}`
                : `${row.payerName ?? "A former member"}'s ${amount} for ${tier}`,
            // The member's own tier, where the failed invoice is paid; admins see who has which.
            path: "/tiers",
          },
        ];
      }),
  );
}

/**
 * A renewal of a member's own tier failed (invoice.payment_failed on the organization's connected
 * account): the member is told once per invoice, with a link to their tier, where they pay the
 * invoice on Stripe's page before the grace period ends.
 */
export const tierPaymentFailed = notificationKind({
  kind: "billing.tier_payment_failed",
  label: "A payment for your tier failed",
  defaults: { inApp: true, mail: true },
  describe: (scope, ids) => describeTierInvoices(scope, ids, "payer"),
  text: ({ target }) =>
    target
      ? `Your payment of ${target.name} failed: pay it to keep your tier`
      : "A payment for your tier failed",
});

/**
 * The same failure, for the organization's owners and admins, as they hear of their own plan's:
 * the member may lose the paid spaces when the grace period ends.
 */
export const memberTierPaymentFailed = notificationKind({
  kind: "billing.member_tier_payment_failed",
  label: "A member's payment for their tier failed",
  defaults: { inApp: true, mail: true },
  describe: (scope, ids) => describeTierInvoices(scope, ids, "admin"),
  text: ({ target }) =>
    target ? `Payment failed: ${target.name}` : "A member's payment for their tier failed",
});
