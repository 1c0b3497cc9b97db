import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** The organization's audit log, newest first, a page at a time (admins; the API decides). */
export function useOrganizationAuditLog() {
  const trpc = useOrgTRPC();
  return useInfiniteQuery(
    trpc.activity.list.infiniteQueryOptions(
      { limit: 50 },
      {
        initialCursor: null,
        getNextPageParam: (page) => page.nextCursor,
        placeholderData: keepPreviousData,
      },
    ),
  );
}
