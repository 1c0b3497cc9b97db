import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { organizationKeyPrefix, useOrgTRPC, useTRPC } from "../../lib/trpc.ts";

export function useMyOrganizations() {
  const trpc = useTRPC();
  return useQuery(trpc.me.organizations.list.queryOptions());
}

export function useMyInvitations() {
  const trpc = useTRPC();
  return useQuery(trpc.me.invitations.list.queryOptions());
}

/** Live check while typing; only asks once the slug has settled (the caller debounces). */
export function useSlugAvailability(slug: string, enabled: boolean) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.me.organizations.slugAvailable.queryOptions({ slug }),
    enabled: enabled && slug.length > 0,
    staleTime: 5_000,
  });
}

export function useCreateOrganization() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.me.organizations.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.me.organizations.list.pathFilter()),
    }),
  );
}

export function useUpdateOrganization() {
  const trpc = useTRPC();
  const orgTrpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    orgTrpc.organization.update.mutationOptions({
      onSuccess: async (organization) => {
        // A read sent before the save (the live stream's catch-up read on arrival, a reload of
        // the route) would land after this and put the old name back: drop it, then write.
        await queryClient.cancelQueries({ queryKey: orgTrpc.organization.current.queryKey() });
        queryClient.setQueryData(orgTrpc.organization.current.queryKey(), (previous) =>
          previous ? { ...previous, ...organization } : previous,
        );
        await queryClient.invalidateQueries(trpc.me.organizations.list.pathFilter());
      },
    }),
  );
}

export function useRemoveOrganization() {
  const trpc = useTRPC();
  const orgTrpc = useOrgTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    orgTrpc.organization.remove.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.me.organizations.list.pathFilter()),
    }),
  );
}

/**
 * Drops everything cached for an organization the person no longer belongs to. Call it after
 * leaving its pages: while they are mounted, their queries would only fetch again (and fail).
 */
export function useForgetOrganization() {
  const queryClient = useQueryClient();
  return (slug: string) => queryClient.removeQueries({ queryKey: [[organizationKeyPrefix(slug)]] });
}

/**
 * Lowercase words joined by single dashes, e.g. "Acme & Sons, Ltd." → "acme-sons-ltd", at most
 * `maxLength` characters (an organization's slug: 40; a space's address: 60).
 */
export function slugify(name: string, maxLength = 40): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
}
