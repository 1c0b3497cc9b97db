import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useOrgTRPC } from "../../lib/trpc.ts";

/** The organization's certificates (admins), newest issued first, a page at a time. */
export function useCertificateList(filter: { courseId?: string; search?: string }) {
  const trpc = useOrgTRPC();
  return useInfiniteQuery(
    trpc.certificate.list.infiniteQueryOptions(
      { ...filter, limit: 25 },
      {
        initialCursor: null,
        getNextPageParam: (page) => page.nextCursor,
        placeholderData: keepPreviousData,
      },
    ),
  );
}

/** The courses to filter by: learning analytics' list, which is the same admins'. */
export function useCertificateCourses() {
  const trpc = useOrgTRPC();
  return useQuery({
    ...trpc.learning.analytics.queryOptions({}),
    select: (data) => data.courses,
  });
}

export function useRevokeCertificate() {
  const trpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.certificate.revoke.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.certificate.pathFilter()),
    }),
  );
}
