import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatAmount, formatDate } from "../../lib/format.ts";
import type { BillingState } from "./billing-screen.tsx";
import { describePrice } from "./price.ts";
import { useCancelPlan, usePortal, useResumePlan } from "./use-billing.ts";

type Subscription = NonNullable<BillingState["subscription"]>;

const statusLabels: Record<Subscription["status"], string> = {
  trialing: "Trial",
  active: "Active",
  past_due: "Past due",
  unpaid: "Unpaid",
  canceled: "Canceled",
  incomplete: "Payment pending",
  incomplete_expired: "Expired",
  paused: "Paused",
};

function statusTone(subscription: Subscription): string {
  if (!subscription.applies || subscription.status === "past_due")
    return "bg-danger-muted text-danger ring-danger-border";
  if (subscription.cancelAtPeriodEnd || subscription.status === "trialing")
    return "bg-warning-muted text-warning ring-warning-border";
  return "bg-success-muted text-success ring-success-border";
}

/** The plan now: its status, seats, what the next invoice will be, and the owner's actions. */
export function PlanSummary({ state, canManage }: { state: BillingState; canManage: boolean }) {
  const { subscription, seats } = state;
  return (
    <Card
      title="Current plan"
      actions={subscription && canManage ? <PlanActions subscription={subscription} /> : null}
    >
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-2xl font-semibold text-foreground" data-testid="current-plan">
          {state.plan.name}
        </p>
        {subscription && (
          <span
            className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${statusTone(subscription)}`}
          >
            {subscription.source === "lifetime"
              ? "Lifetime"
              : subscription.source === "comp"
                ? "Granted"
                : subscription.cancelAtPeriodEnd
                  ? "Ends at period end"
                  : statusLabels[subscription.status]}
          </span>
        )}
      </div>
      <StatusNote state={state} />
      <dl className="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-muted-foreground">Staff seats</dt>
          <dd className="font-medium text-foreground tabular-nums">
            {seats.limit === null
              ? `${seats.used} used (no limit)`
              : `${seats.used} of ${seats.limit} staff seats used`}
            {seats.pending > 0 &&
              ` (${seats.pending} ${seats.pending === 1 ? "invitation" : "invitations"} pending)`}
            {seats.billed !== null && subscription?.applies && (
              <span className="block font-normal text-muted-foreground">
                {seats.billed} {seats.billed === 1 ? "seat" : "seats"} billed; seats follow your
                staff as they join and leave
              </span>
            )}
          </dd>
        </div>
        {subscription?.unitAmount != null && subscription.currency && subscription.interval && (
          <div>
            <dt className="text-muted-foreground">Price</dt>
            <dd className="font-medium text-foreground">
              {describePrice({
                unitAmount: subscription.unitAmount,
                currency: subscription.currency,
                interval: subscription.interval,
                perSeat: subscription.perSeat,
              })}
            </dd>
          </div>
        )}
        <div>
          <dt className="text-muted-foreground">Next invoice</dt>
          <dd className="font-medium text-foreground">
            {state.nextInvoice
              ? `${formatAmount(state.nextInvoice.amount, state.nextInvoice.currency)} on ${formatDate(state.nextInvoice.at)}`
              : "None scheduled"}
          </dd>
        </div>
      </dl>
    </Card>
  );
}

/** One sentence on what the status means for the organization, when it needs saying. */
function StatusNote({ state }: { state: BillingState }) {
  const subscription = state.subscription;
  if (!subscription)
    return (
      <p className="mt-1 text-sm text-muted-foreground">
        Your organization is on the free plan. Choose a plan below for more seats, members and
        credits.
      </p>
    );
  const periodEnd = subscription.currentPeriodEnd
    ? formatDate(subscription.currentPeriodEnd)
    : null;
  let text: string | null = null;
  if (subscription.source === "lifetime") text = "Paid once: it never renews and never expires.";
  else if (!subscription.applies)
    text = `The last payment failed and the grace period is over: your organization is on ${state.plan.name} until the invoice is paid. Nothing has been deleted.`;
  else if (subscription.status === "past_due")
    text = `The last payment failed. ${subscription.planName} stays on${subscription.graceUntil ? ` until ${formatDate(subscription.graceUntil)}` : ""}: update the payment method to keep it.`;
  else if (subscription.cancelAtPeriodEnd)
    text = `Canceled: ${subscription.planName} stays on until ${periodEnd ?? "the end of the period"}, then your organization moves to Free. Resume to keep it.`;
  else if (subscription.status === "trialing" && subscription.trialEnd)
    text = `Free trial until ${formatDate(subscription.trialEnd)}; the first payment is due then.`;
  if (!text) return null;
  return (
    <p
      className={`mt-1 text-sm ${subscription.status === "past_due" || !subscription.applies ? "text-danger" : "text-muted-foreground"}`}
    >
      {text}
    </p>
  );
}

/** The owner's actions on a Stripe subscription: the portal, cancel at period end or resume. */
function PlanActions({ subscription }: { subscription: Subscription }) {
  const portal = usePortal();
  const cancel = useCancelPlan();
  const resume = useResumePlan();
  const [confirming, setConfirming] = useState(false);
  if (subscription.source !== "stripe") return null;
  const changeable = ["trialing", "active", "past_due"].includes(subscription.status);
  return (
    <div className="flex flex-wrap gap-2">
      <Button
        variant="secondary"
        size="sm"
        pending={portal.isPending}
        onClick={() =>
          portal.mutate(undefined, {
            onError: (error) => toast.error(`Could not open the portal: ${errorMessage(error)}`),
          })
        }
      >
        Payment method and invoices
      </Button>
      {changeable &&
        (subscription.cancelAtPeriodEnd ? (
          <Button
            variant="secondary"
            size="sm"
            pending={resume.isPending}
            onClick={() =>
              resume.mutate(undefined, {
                onSuccess: () => toast.success(`${subscription.planName} will renew as before.`),
                onError: (error) => toast.error(`Could not resume: ${errorMessage(error)}`),
              })
            }
          >
            Resume plan
          </Button>
        ) : (
          <Button variant="danger-ghost" size="sm" onClick={() => setConfirming(true)}>
            Cancel plan
          </Button>
        ))}
      <ConfirmDialog
        open={confirming}
        title={`Cancel ${subscription.planName}?`}
        confirmLabel="Cancel at period end"
        cancelLabel="Keep plan"
        pending={cancel.isPending}
        error={cancel.error ? errorMessage(cancel.error) : null}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          cancel.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              toast.success(`${subscription.planName} ends at the end of the period.`);
            },
          })
        }
      >
        <p className="text-sm text-muted-foreground">
          The plan stays on until{" "}
          {subscription.currentPeriodEnd
            ? formatDate(subscription.currentPeriodEnd)
            : "the end of the period"}
          , then your organization moves to Free. Nothing is deleted, and you can resume until then.
        </p>
      </ConfirmDialog>
    </div>
  );
}
