import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** The caller's credit balance and next expiry in this organization. */
export function useCreditBalance() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.credit.balance.queryOptions({}));
}

/** The caller's ledger, newest first, a page at a time (keyset by the entry's seq). */
export function useCreditHistory() {
  const trpc = useOrgTRPC();
  return useInfiniteQuery(
    trpc.credit.history.infiniteQueryOptions(
      { limit: 20 },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
  );
}

/** The members an admin may give credits to (the directory's first 100, by name). */
export function useCreditMembers() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.member.list.queryOptions({ limit: 100 }));
}

export function useGiveCredits() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.credit.adminGrant.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.credit.pathFilter()),
    }),
  );
}

/** The credit packs on sale. */
export function useCreditPacks() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.credit.packs.queryOptions());
}

/** Opens a Stripe checkout for a pack: answers with the page to send the member to. */
export function useBuyCredits() {
  const trpc = useOrgTRPC();
  return useMutation(trpc.credit.buy.mutationOptions());
}
