import { type QueryClient, useQuery } from "@tanstack/react-query";
import { trpc, useTRPC } from "../../lib/trpc.ts";

/** The signed-in user (or null), from the cache when it is there: for route guards. */
export function loadSession(queryClient: QueryClient) {
  return queryClient.ensureQueryData(trpc.me.session.queryOptions());
}

/** The signed-in user (or null), kept current. */
export function useSession() {
  const trpc = useTRPC();
  return useQuery(trpc.me.session.queryOptions());
}
