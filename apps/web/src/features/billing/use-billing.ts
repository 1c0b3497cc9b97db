import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/**
 * The organization's plan as the billing screen shows it. `waitingForCheckout`: back from a paid
 * checkout, Stripe's webhook has not reached us yet; asked again every two seconds until it has.
 */
export function useBillingState(options: { waitingForCheckout?: boolean } = {}) {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.subscription.state.queryOptions(),
    refetchInterval: (query) =>
      options.waitingForCheckout && !query.state.data?.subscription ? 2000 : false,
  });
}

/** Every plan mutation: the state is read again after it (Stripe's webhook follows). */
function useRefreshingMutation() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return { trpc, onSettled: () => queryClient.invalidateQueries(trpc.subscription.pathFilter()) };
}

/** Starts a Stripe Checkout and goes to its hosted page. */
export function useCheckout() {
  const { trpc } = useRefreshingMutation();
  return useMutation(
    trpc.subscription.checkout.mutationOptions({
      onSuccess: ({ url }) => window.location.assign(url),
    }),
  );
}

/** Opens the Stripe billing portal (payment method, invoices). */
export function usePortal() {
  const { trpc } = useRefreshingMutation();
  return useMutation(
    trpc.subscription.portal.mutationOptions({
      onSuccess: ({ url }) => window.location.assign(url),
    }),
  );
}

export function useChangePlan() {
  const { trpc, onSettled } = useRefreshingMutation();
  return useMutation(trpc.subscription.changePlan.mutationOptions({ onSettled }));
}

export function useCancelPlan() {
  const { trpc, onSettled } = useRefreshingMutation();
  return useMutation(trpc.subscription.cancel.mutationOptions({ onSettled }));
}

export function useResumePlan() {
  const { trpc, onSettled } = useRefreshingMutation();
  return useMutation(trpc.subscription.resume.mutationOptions({ onSettled }));
}
