import { hasRole } from "@guild/db/enums";
import { Link } from "@tanstack/react-router";
import { formatAmount, formatDate } from "../../lib/format.ts";
import type { CurrentOrganization } from "../organizations/current-organization.tsx";
import { useBillingState } from "./use-billing.ts";

/**
 * Above every screen of the organization, for its owners and admins: the plan's last payment
 * failed (past due, within the grace period) or the grace period is over (unpaid). Links to the
 * unpaid invoice's hosted page (Stripe's: a new card there pays it at once) and to the billing
 * screen, where the owner changes the payment method for later invoices.
 */
export function PastDueBanner({ organization }: { organization: CurrentOrganization }) {
  if (!hasRole(organization.membership.role, "admin")) return null;
  return <PastDueNotice slug={organization.slug} />;
}

function PastDueNotice({ slug }: { slug: string }) {
  const state = useBillingState();
  const subscription = state.data?.subscription;
  if (subscription?.source !== "stripe") return null;
  const failing = subscription.status === "past_due" || subscription.status === "unpaid";
  if (!failing) return null;
  const message = subscription.applies
    ? `The last payment for ${subscription.planName} failed.${subscription.graceUntil ? ` The plan stays on until ${formatDate(subscription.graceUntil)}.` : ""}`
    : `The payment for ${subscription.planName} failed and the grace period is over: the organization is on Free until it is paid.`;
  return (
    <div
      role="alert"
      className="border-b border-danger-border bg-danger-muted px-3 py-2 text-sm text-danger sm:px-6"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1">
        <span>{message}</span>
        {state.data?.unpaidInvoice && (
          <a
            href={state.data.unpaidInvoice.url}
            target="_blank"
            rel="noreferrer"
            className="font-medium underline underline-offset-2"
          >
            Pay {formatAmount(state.data.unpaidInvoice.amount, state.data.unpaidInvoice.currency)}
            <span className="sr-only"> now (opens in a new tab)</span>
          </a>
        )}
        <Link
          to="/o/$slug/billing"
          params={{ slug }}
          className="font-medium underline underline-offset-2"
        >
          Update payment
        </Link>
      </div>
    </div>
  );
}
