import { useInfiniteQuery } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** Whose payments a history lists: the caller's own, or the whole organization's (admins). */
export type PaymentHistoryScope = "mine" | "organization";

const PAGE = 20;

/** Orders and invoices, newest first, a page at a time (keyset by time and id). */
export function usePaymentHistory(scope: PaymentHistoryScope) {
  const trpc = useOrgTRPC();
  const mine = useInfiniteQuery({
    ...trpc.payment.memberHistory.infiniteQueryOptions(
      { limit: PAGE },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
    enabled: scope === "mine",
  });
  const organization = useInfiniteQuery({
    ...trpc.payment.organizationHistory.infiniteQueryOptions(
      { limit: PAGE },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
    enabled: scope === "organization",
  });
  return scope === "mine" ? mine : organization;
}
