import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Outlet } from "@tanstack/react-router";
import { type ReactNode, useEffect } from "react";
import { ButtonLink } from "../../components/button.tsx";
import { ErrorState, LoadingState, NotFound } from "../../components/states.tsx";
import { isNotFound } from "../../lib/errors.ts";
import {
  OrganizationTRPCProvider,
  organizationClient,
  organizationKeyPrefix,
  useOrgTRPC,
} from "../../lib/trpc.ts";
import { OrganizationEvents } from "../realtime/organization-events.tsx";
import { OrganizationShell, SimpleShell } from "../shell/app-shell.tsx";
import { BackOfficeGate } from "./back-office-gate.tsx";
import { CurrentOrganizationContext } from "./current-organization.tsx";
import { rememberOrganization } from "./last-organization.ts";

/**
 * Everything under /o/$slug talks to the API through a client bound to this slug (it sends the
 * x-guild-org header) and caches under a key prefix of this slug: the organization in the URL is
 * the one every request and every cache entry is about.
 */
export function OrganizationScope({ slug, children }: { slug: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  return (
    <OrganizationTRPCProvider
      trpcClient={organizationClient(slug)}
      queryClient={queryClient}
      keyPrefix={organizationKeyPrefix(slug)}
    >
      {children}
    </OrganizationTRPCProvider>
  );
}

export function OrganizationLayout({ slug }: { slug: string }) {
  return (
    <OrganizationScope slug={slug}>
      <OrganizationFrame slug={slug} />
    </OrganizationScope>
  );
}

function OrganizationFrame({ slug }: { slug: string }) {
  const trpc = useOrgTRPC();
  const current = useQuery(trpc.organization.current.queryOptions());

  useEffect(() => {
    if (current.data) rememberOrganization(current.data.slug);
  }, [current.data]);

  // Until the membership is known there is no navigation to draw: the simple header frames the
  // wait and a refusal.
  if (current.isPending)
    return (
      <SimpleShell>
        <main id="main" className="flex-1">
          <LoadingState label="Loading organization…" />
        </main>
      </SimpleShell>
    );
  if (current.error)
    return (
      <SimpleShell>
        <main id="main" className="flex-1 px-4 py-16">
          {isNotFound(current.error) ? (
            <NotFound>
              <ButtonLink to="/" variant="secondary">
                Go to your organizations
              </ButtonLink>
            </NotFound>
          ) : (
            <div className="mx-auto max-w-lg">
              <ErrorState error={current.error} onRetry={() => void current.refetch()} />
            </div>
          )}
        </main>
      </SimpleShell>
    );

  return (
    <CurrentOrganizationContext.Provider value={current.data}>
      <OrganizationEvents slug={slug} />
      <OrganizationShell organization={current.data}>
        <BackOfficeGate>
          <Outlet />
        </BackOfficeGate>
      </OrganizationShell>
    </CurrentOrganizationContext.Provider>
  );
}
