import type { ActivityLogKind } from "@guild/db/enums";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** The learning activity log, newest first, a page at a time: the member's own or everyone's. */
export function useActivityLog(whose: "mine" | "organization", kinds: ActivityLogKind[]) {
  const trpc = useOrgTRPC();
  const paging = {
    initialCursor: null,
    getNextPageParam: (page: { nextCursor: { createdAt: Date; id: string } | null }) =>
      page.nextCursor,
    placeholderData: keepPreviousData,
  };
  const mine = useInfiniteQuery({
    ...trpc.activity.mine.infiniteQueryOptions({ kinds, limit: 30 }, paging),
    enabled: whose === "mine",
  });
  const organization = useInfiniteQuery({
    ...trpc.activity.organization.infiniteQueryOptions({ kinds, limit: 30 }, paging),
    enabled: whose === "organization",
  });
  return whose === "mine" ? mine : organization;
}

export function useLearnerDashboard() {
  const trpc = useOrgTRPC();
  return useQuery(trpc.learning.dashboard.queryOptions({ days: 30 }));
}

export function useLessonAnalytics(courseId: string | undefined) {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.learning.analytics.queryOptions(courseId ? { courseId } : {}),
    placeholderData: keepPreviousData,
  });
}
