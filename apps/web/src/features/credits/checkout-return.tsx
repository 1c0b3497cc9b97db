import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type ReactNode, useEffect, useState } from "react";
import { Button } from "../../components/button.tsx";
import { FormAlert, SuccessMessage } from "../../components/states.tsx";
import { useOrgTRPC } from "../../lib/trpc.ts";

const route = getRouteApi("/authed/o/$slug/credits");

/** Stripe's webhook usually lands within a second; stop asking after a minute. */
const POLL_MS = 1000;
const GIVE_UP_MS = 60_000;

/**
 * Back from Stripe's checkout (`?checkout=cs_…`): the payment is recorded by Stripe's webhook,
 * which may land just after the buyer does, so this asks until the order is there, then refreshes
 * the balance and history. `?checkout=canceled`: nothing was charged.
 */
export function CheckoutReturn() {
  const { checkout } = route.useSearch();
  const navigate = route.useNavigate();
  const dismiss = () => void navigate({ search: {}, replace: true });
  if (!checkout) return null;
  if (checkout === "canceled")
    return (
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-border bg-surface px-4 py-3 text-sm">
        <p role="status">Checkout canceled: nothing was charged.</p>
        <Button variant="secondary" size="sm" onClick={dismiss}>
          Dismiss
        </Button>
      </div>
    );
  return <PaidCheckout checkoutSessionId={checkout} onDismiss={dismiss} />;
}

function PaidCheckout({
  checkoutSessionId,
  onDismiss,
}: {
  checkoutSessionId: string;
  onDismiss: () => void;
}) {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const [startedAt] = useState(() => Date.now());
  const status = useQuery({
    ...trpc.payment.checkout.queryOptions({ checkoutSessionId }),
    refetchInterval: (query) => {
      const order = query.state.data?.order;
      const waiting = !order || order.status === "pending";
      return waiting && Date.now() - startedAt < GIVE_UP_MS ? POLL_MS : false;
    },
  });
  const order = status.data?.order ?? null;
  const paid = order?.status === "paid";
  useEffect(() => {
    if (!paid) return;
    void queryClient.invalidateQueries(trpc.credit.pathFilter());
    void queryClient.invalidateQueries(trpc.payment.pathFilter());
  }, [paid, queryClient, trpc]);

  let message: ReactNode;
  if (status.error)
    message = <FormAlert>Could not check the payment. Reload the page to try again.</FormAlert>;
  else if (paid)
    message = (
      <SuccessMessage>
        Payment received: {order.credits.toLocaleString()} credits were added to your balance.
      </SuccessMessage>
    );
  else if (order?.status === "failed")
    message = <FormAlert>The payment failed: no credits were added.</FormAlert>;
  else if (status.data && status.dataUpdatedAt - startedAt >= GIVE_UP_MS)
    message = (
      <p role="status" className="text-sm text-muted-foreground">
        Your payment is still being confirmed. Your credits will show here once it is.
      </p>
    );
  else
    message = (
      <p role="status" className="text-sm text-muted-foreground">
        Payment received, adding your credits…
      </p>
    );
  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-border bg-surface px-4 py-3">
      <div className="min-w-0 flex-1">{message}</div>
      <Button variant="secondary" size="sm" onClick={onDismiss}>
        Dismiss
      </Button>
    </div>
  );
}
