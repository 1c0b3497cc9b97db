import type { QueryClient } from "@tanstack/react-query";
import { trpc } from "../../lib/trpc.ts";

/** The signed-in user (or null), from the cache when it is there: for route guards. */
export function loadSession(queryClient: QueryClient) {
  return queryClient.ensureQueryData(trpc.me.session.queryOptions());
}
