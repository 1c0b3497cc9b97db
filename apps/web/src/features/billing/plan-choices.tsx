import type { PlanInterval } from "@guild/db/enums";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { errorMessage } from "../../lib/errors.ts";
import type { BillingState } from "./billing-screen.tsx";
import { describePrice } from "./price.ts";
import { useChangePlan, useCheckout } from "./use-billing.ts";

type Option = BillingState["options"][number];

const intervalLabels: Record<PlanInterval, string> = {
  month: "Monthly",
  year: "Yearly",
  lifetime: "Lifetime",
};

/**
 * The catalog's paid plans, each with its prices: a first plan goes through Stripe Checkout (a
 * trial where the plan has one), another recurring price changes the subscription (prorated), a
 * lifetime price is one checkout payment. Only owners get the buttons.
 */
export function PlanChoices({ state, canManage }: { state: BillingState; canManage: boolean }) {
  const checkout = useCheckout();
  const change = useChangePlan();
  const [switchTo, setSwitchTo] = useState<Option | null>(null);
  const current = state.subscription;
  const paid = state.options.filter((option) => option.planKey !== "free");
  const plans = [...new Set(paid.map((option) => option.planKey))];
  const locked = current?.source === "lifetime" || current?.source === "comp";
  const subscribed =
    current?.source === "stripe" && ["trialing", "active", "past_due"].includes(current.status);

  function choose(option: Option) {
    if (subscribed && option.interval !== "lifetime") {
      setSwitchTo(option);
      return;
    }
    checkout.mutate(
      { priceId: option.priceId },
      { onError: (error) => toast.error(`Could not start the checkout: ${errorMessage(error)}`) },
    );
  }

  return (
    <Card
      title="Plans"
      description={
        canManage
          ? "Changes between plans are prorated: the difference is on the next invoice."
          : "Only owners can change the plan."
      }
    >
      {!state.billingEnabled && (
        <p className="mb-4 text-sm text-muted-foreground">
          Billing is not set up on this server: plans can be looked at, not bought.
        </p>
      )}
      <ul className="grid gap-4 md:grid-cols-2">
        {plans.map((planKey) => {
          const prices = paid.filter((option) => option.planKey === planKey);
          const first = prices[0];
          if (!first) return null;
          return (
            <li key={planKey} className="flex flex-col gap-3 rounded-md border border-border p-4">
              <div>
                <h3 className="text-base font-semibold text-foreground">{first.planName}</h3>
                <p className="text-sm text-muted-foreground">{first.description}</p>
                {first.trialDays > 0 && !current && (
                  <p className="mt-1 text-sm text-muted-foreground">
                    {first.trialDays}-day free trial on a first subscription.
                  </p>
                )}
              </div>
              <ul className="flex flex-col gap-2">
                {prices.map((option) => {
                  const isCurrent = current?.priceId === option.priceId;
                  const label =
                    option.interval === "lifetime"
                      ? `Buy lifetime ${option.planName}`
                      : subscribed
                        ? `Switch to ${option.planName} (${intervalLabels[option.interval].toLowerCase()})`
                        : `Upgrade to ${option.planName} (${intervalLabels[option.interval].toLowerCase()})`;
                  return (
                    <li
                      key={option.priceId}
                      className="flex flex-wrap items-center justify-between gap-2"
                    >
                      <span className="text-sm text-foreground">
                        <span className="font-medium">{intervalLabels[option.interval]}</span>:{" "}
                        {describePrice(option)}
                      </span>
                      {canManage &&
                        (isCurrent ? (
                          <span className="text-sm font-medium text-muted-foreground">
                            Current plan
                          </span>
                        ) : (
                          <Button
                            size="sm"
                            variant={option.interval === "lifetime" ? "secondary" : "primary"}
                            disabled={locked || !state.billingEnabled}
                            pending={
                              checkout.isPending && checkout.variables?.priceId === option.priceId
                            }
                            aria-label={label}
                            onClick={() => choose(option)}
                          >
                            {option.interval === "lifetime"
                              ? "Buy lifetime"
                              : subscribed
                                ? "Switch"
                                : "Upgrade"}
                          </Button>
                        ))}
                    </li>
                  );
                })}
              </ul>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={switchTo !== null}
        tone="primary"
        title={switchTo ? `Switch to ${switchTo.planName}?` : "Switch plan?"}
        confirmLabel="Switch plan"
        pending={change.isPending}
        error={change.error ? errorMessage(change.error) : null}
        onClose={() => {
          setSwitchTo(null);
          change.reset();
        }}
        onConfirm={() => {
          if (!switchTo) return;
          change.mutate(
            { priceId: switchTo.priceId },
            {
              onSuccess: () => {
                toast.success(`Switched to ${switchTo.planName}.`);
                setSwitchTo(null);
              },
            },
          );
        }}
      >
        <p className="text-sm text-muted-foreground">
          {switchTo ? describePrice(switchTo) : ""}, from now on. The rest of this period is
          prorated on the next invoice.
        </p>
      </ConfirmDialog>
    </Card>
  );
}
