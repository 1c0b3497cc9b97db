import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** The member's unread count (kept live by the organization's event stream). */
export function useUnreadNotifications() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.notification.unreadCount.queryOptions());
}

export function useNotificationList() {
  const trpc = useOrgTRPC();
  return useInfiniteQuery(
    trpc.notification.list.infiniteQueryOptions(
      { limit: 20 },
      { initialCursor: null, getNextPageParam: (page) => page.nextCursor },
    ),
  );
}

function useInvalidateNotifications() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries(trpc.notification.pathFilter());
}

export function useMarkNotificationRead() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateNotifications();
  return useMutation(trpc.notification.markRead.mutationOptions({ onSuccess: () => invalidate() }));
}

export function useMarkAllNotificationsRead() {
  const trpc = useOrgTRPC();
  const invalidate = useInvalidateNotifications();
  return useMutation(
    trpc.notification.markAllRead.mutationOptions({ onSuccess: () => invalidate() }),
  );
}

export function useNotificationPreferences() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.notification.preferences.queryOptions());
}

/** Saves one choice, shown at once (and put back if the server refuses it). */
export function useSetNotificationPreference() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  const key = trpc.notification.preferences.queryKey();
  return useMutation(
    trpc.notification.setPreference.mutationOptions({
      onMutate: async (choice) => {
        await queryClient.cancelQueries({ queryKey: key });
        const previous = queryClient.getQueryData(key);
        queryClient.setQueryData(key, (old) =>
          old?.map((p) =>
            p.kind === choice.kind ? { ...p, inApp: choice.inApp, mail: choice.mail } : p,
          ),
        );
        return { previous };
      },
      onError: (_error, _choice, context) => {
        if (context?.previous) queryClient.setQueryData(key, context.previous);
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
    }),
  );
}

export function useNotificationDigest() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.notification.digest.queryOptions());
}

export function useSetNotificationDigest() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.notification.setDigest.mutationOptions({
      onSuccess: (answer) => queryClient.setQueryData(trpc.notification.digest.queryKey(), answer),
    }),
  );
}
