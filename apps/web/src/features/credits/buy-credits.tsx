import { useState } from "react";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/card.tsx";
import { ErrorState, FormAlert, LoadingState } from "../../components/states.tsx";
import { errorMessage } from "../../lib/errors.ts";
import { formatAmount } from "../../lib/format.ts";
import { useBuyCredits, useCreditPacks } from "./use-credits.ts";

/**
 * "Buy credits": the member picks a pack and pays on Stripe's checkout page, which sends them
 * back to Credits (checkout-return.tsx waits there for the payment to be recorded).
 */
export function BuyCredits() {
  const packs = useCreditPacks();
  const buy = useBuyCredits();
  const [chosen, setChosen] = useState<string | null>(null);
  const packId = chosen ?? packs.data?.[0]?.id ?? null;
  // Leaving for Stripe: the button stays busy until the page is gone.
  const leaving = buy.isPending || buy.isSuccess;

  return (
    <Card
      title="Buy credits"
      description="Pay once, by card, on Stripe's secure page. Purchased credits never expire."
    >
      {packs.isPending ? (
        <LoadingState label="Loading credit packs…" />
      ) : packs.error ? (
        <ErrorState error={packs.error} onRetry={() => void packs.refetch()} />
      ) : packs.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">No credit packs are on sale right now.</p>
      ) : (
        <form
          className="flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (!packId || leaving) return;
            buy.mutate({ packId }, { onSuccess: ({ url }) => window.location.assign(url) });
          }}
        >
          <fieldset>
            <legend className="sr-only">Credit pack</legend>
            <div className="grid gap-3 sm:grid-cols-3">
              {packs.data.map((pack) => (
                <label
                  key={pack.id}
                  className="flex cursor-pointer items-center gap-3 rounded-md border border-border px-3 py-3 text-sm has-[:checked]:border-accent has-[:checked]:ring-1 has-[:checked]:ring-accent has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring"
                >
                  <input
                    type="radio"
                    name="credit-pack"
                    value={pack.id}
                    checked={packId === pack.id}
                    onChange={() => setChosen(pack.id)}
                  />
                  <span className="flex flex-col">
                    <span className="font-semibold text-foreground">{pack.name}</span>
                    <span className="tabular-nums text-muted-foreground">
                      {formatAmount(pack.unitAmount, pack.currency)}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {buy.error && <FormAlert>{errorMessage(buy.error)}</FormAlert>}
          <div>
            <Button type="submit" pending={leaving} disabled={!packId}>
              {leaving ? "Opening checkout…" : "Buy credits"}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
