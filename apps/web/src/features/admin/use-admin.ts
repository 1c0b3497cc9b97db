// The console's queries and mutations (routers/admin.ts), on the client without an organization.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../../lib/trpc.ts";
import type {
  AdminOrganizationSearch,
  AdminUserSearch,
  StripeEventSearch,
} from "./admin-search.ts";

const PAGE = 25;

export function useAdminUsers(search: AdminUserSearch) {
  const trpc = useTRPC();
  return useInfiniteQuery({
    ...trpc.admin.users.list.infiniteQueryOptions(
      { query: search.q?.trim() || undefined, filter: search.filter ?? "all", limit: PAGE },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
    // A new search keeps the old rows on screen (marked updating) instead of a spinner.
    placeholderData: (previous) => previous,
  });
}

/** After any action on a user: their row, and the audit log. */
function useRefreshUsers() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.admin.users.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.auditLog.pathFilter()),
    ]);
}

export function useBanUser() {
  const trpc = useTRPC();
  const refresh = useRefreshUsers();
  return useMutation(trpc.admin.users.ban.mutationOptions({ onSuccess: refresh }));
}

export function useUnbanUser() {
  const trpc = useTRPC();
  const refresh = useRefreshUsers();
  return useMutation(trpc.admin.users.unban.mutationOptions({ onSuccess: refresh }));
}

/**
 * Starts or stops an impersonation. The answer swaps the session cookie, so everything cached
 * belongs to the other person: the page is loaded afresh, at `to`.
 */
export function useStartImpersonation() {
  const trpc = useTRPC();
  return useMutation(
    trpc.admin.impersonation.start.mutationOptions({
      onSuccess: () => window.location.assign("/"),
    }),
  );
}

export function useStopImpersonation() {
  const trpc = useTRPC();
  return useMutation(
    trpc.admin.impersonation.stop.mutationOptions({
      onSuccess: ({ restored }) => window.location.assign(restored ? "/admin" : "/sign-in"),
    }),
  );
}

export function useStripeEvents(search: StripeEventSearch) {
  const trpc = useTRPC();
  return useInfiniteQuery({
    ...trpc.admin.stripeEvents.list.infiniteQueryOptions(
      { filter: search.filter ?? "all", type: search.type?.trim() || undefined, limit: PAGE },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
    placeholderData: (previous) => previous,
  });
}

export function useReplayStripeEvent() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.admin.stripeEvents.replay.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.admin.stripeEvents.pathFilter()),
          queryClient.invalidateQueries(trpc.admin.auditLog.pathFilter()),
        ]),
    }),
  );
}

export function useAuditLog() {
  const trpc = useTRPC();
  return useInfiniteQuery(
    trpc.admin.auditLog.list.infiniteQueryOptions(
      { limit: PAGE },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
  );
}

export function useAdminOrganizations(search: AdminOrganizationSearch) {
  const trpc = useTRPC();
  return useInfiniteQuery({
    ...trpc.admin.organizations.list.infiniteQueryOptions(
      { query: search.q?.trim() || undefined, limit: PAGE },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
    placeholderData: (previous) => previous,
  });
}

/** After a comp: the organizations' plans, and the audit log. */
function useRefreshOrganizations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.admin.organizations.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.auditLog.pathFilter()),
    ]);
}

export function useCompPlan() {
  const trpc = useTRPC();
  const refresh = useRefreshOrganizations();
  return useMutation(trpc.admin.organizations.compPlan.mutationOptions({ onSuccess: refresh }));
}

export function useEndComp() {
  const trpc = useTRPC();
  const refresh = useRefreshOrganizations();
  return useMutation(trpc.admin.organizations.endComp.mutationOptions({ onSuccess: refresh }));
}

export function useAdminPlans() {
  const trpc = useTRPC();
  return useQuery(trpc.admin.plans.list.queryOptions());
}

export function useUpdatePlan() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.admin.plans.update.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.admin.plans.pathFilter()),
          queryClient.invalidateQueries(trpc.admin.organizations.pathFilter()),
          queryClient.invalidateQueries(trpc.admin.auditLog.pathFilter()),
        ]),
    }),
  );
}
