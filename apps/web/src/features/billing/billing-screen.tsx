import type { RouterOutputs } from "@guild/api";
import { hasRole } from "@guild/db/enums";
import { useSearch } from "@tanstack/react-router";
import { PageHeader } from "../../components/card.tsx";
import { ErrorState, LoadingState } from "../../components/states.tsx";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { PaymentHistory } from "../payments/payment-history.tsx";
import { ConnectSection } from "../tiers/connect-section.tsx";
import { PlanChoices } from "./plan-choices.tsx";
import { PlanSummary } from "./plan-summary.tsx";
import { useBillingState } from "./use-billing.ts";

export type BillingState = RouterOutputs["subscription"]["state"];

/**
 * The organization's billing settings, one feature component per section: the plan (status,
 * seats, next invoice, cancel/resume, portal) and the plans to choose from. Payment history
 * (orders) and the Stripe Connect section for member tiers (tiers) join as their own sections
 * in the slots below.
 */
export function BillingScreen() {
  const { membership } = useCurrentOrganization();
  const { checkout } = useSearch({ from: "/authed/o/$slug/billing" });
  const state = useBillingState({ waitingForCheckout: checkout === "success" });
  const isOwner = hasRole(membership.role, "owner");

  return (
    <>
      <PageHeader
        title="Billing"
        description="Your organization's Guild plan: what it includes, what it costs and when it renews."
      />
      {state.isPending ? (
        <LoadingState label="Loading your plan…" />
      ) : state.error ? (
        <ErrorState error={state.error} onRetry={() => void state.refetch()} />
      ) : (
        <div className="flex flex-col gap-6">
          <CheckoutNotice checkout={checkout} state={state.data} />
          <PlanSummary state={state.data} canManage={isOwner} />
          <PlanChoices state={state.data} canManage={isOwner} />
          <PaymentHistory scope="organization" title="Organization payments" />
          <ConnectSection />
        </div>
      )}
    </>
  );
}

/** Back from Stripe's checkout: what happened, while the webhook catches up. */
function CheckoutNotice({
  checkout,
  state,
}: {
  checkout: "success" | "canceled" | undefined;
  state: BillingState;
}) {
  if (checkout === "canceled")
    return (
      <p role="status" className="rounded-md border border-border bg-muted px-4 py-3 text-sm">
        Checkout canceled: nothing was charged and your plan is unchanged.
      </p>
    );
  if (checkout === "success" && !state.subscription)
    return (
      <p
        role="status"
        className="rounded-md border border-border bg-muted px-4 py-3 text-sm text-foreground"
      >
        Payment received. Your new plan shows here as soon as Stripe confirms it…
      </p>
    );
  return null;
}
