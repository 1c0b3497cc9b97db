import { hasRole } from "@guild/db/enums";
import { useEffect, useRef } from "react";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { useCurrentOrganization } from "../organizations/current-organization.tsx";
import { useConnectMutations, useConnectStatus } from "./use-tiers.ts";

/**
 * Stripe Connect in billing settings (admins see it; the owner connects): the organization's own
 * Stripe account, which member tiers are paid to. `arrival` is how Stripe's onboarding page sent
 * the owner back: `return` reads the account again at once (its webhook may still be on the way),
 * `refresh` means the link expired, so a new one is made and followed.
 */
export function ConnectSection({
  arrival,
  onArrivalHandled,
}: {
  arrival?: "return" | "refresh" | undefined;
  onArrivalHandled?: () => void;
}) {
  const me = useCurrentOrganization().membership;
  const isOwner = hasRole(me.role, "owner");
  const status = useConnectStatus(true);
  const { start, sync } = useConnectMutations();
  const handled = useRef(false);

  const connect = () =>
    start.mutate(undefined, { onSuccess: ({ url }) => window.location.assign(url) });

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per arrival from Stripe's page.
  useEffect(() => {
    if (!arrival || handled.current) return;
    handled.current = true;
    if (arrival === "return") sync.mutate(undefined, { onSettled: onArrivalHandled });
    else if (isOwner) connect();
    else onArrivalHandled?.();
  }, [arrival]);

  const account = status.data;
  const failure = start.error ?? sync.error;
  return (
    <Card
      title="Stripe for member tiers"
      description="Members pay for tiers into this organization's own Stripe account."
    >
      {status.isPending ? (
        <LoadingState label="Loading the Stripe account…" />
      ) : status.error ? (
        <ErrorState error={status.error} onRetry={() => void status.refetch()} />
      ) : (
        <div className="flex flex-col gap-3">
          {!account ? (
            <p className="text-sm text-foreground">Not connected yet.</p>
          ) : account.chargesEnabled ? (
            <p className="text-sm text-foreground">
              <span className="font-medium text-success">Connected</span> · payments{" "}
              {account.payoutsEnabled ? "and payouts " : ""}enabled ·{" "}
              <span className="wrap-anywhere text-muted-foreground">{account.stripeAccountId}</span>
            </p>
          ) : (
            <p className="text-sm text-foreground">
              Connected, but Stripe does not take payments for it yet: finish the onboarding.
            </p>
          )}
          {failure && <FormAlert>{errorMessage(failure)}</FormAlert>}
          {!account?.chargesEnabled &&
            (isOwner ? (
              <div>
                <Button type="button" pending={start.isPending} onClick={connect}>
                  {account ? "Finish connecting Stripe" : "Connect Stripe"}
                </Button>
              </div>
            ) : (
              <p className="text-sm text-muted-foreground">The owner connects Stripe.</p>
            ))}
          {sync.isPending && <LoadingState label="Checking with Stripe…" />}
        </div>
      )}
    </Card>
  );
}
