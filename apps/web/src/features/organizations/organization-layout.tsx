import { hasCrmAccess } from "@guild/api/policies/lead";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, Outlet } from "@tanstack/react-router";
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

// The CRM's screens are offered to its staff only (policies/lead.ts).
const navItems = [
  { to: "/o/$slug", label: "Dashboard", exact: true, crm: false },
  { to: "/o/$slug/leads", label: "Leads", exact: false, crm: true },
  { to: "/o/$slug/pipeline", label: "Pipeline", exact: false, crm: true },
  { to: "/o/$slug/members", label: "Members", exact: false, crm: false },
  { to: "/o/$slug/settings", label: "Settings", exact: false, crm: false },
] as const;

function OrganizationFrame({ slug }: { slug: string }) {
  const trpc = useOrgTRPC();
  const current = useQuery(trpc.organization.current.queryOptions());

  useEffect(() => {
    if (current.data) rememberOrganization(current.data.slug);
  }, [current.data]);

  if (current.isPending)
    return (
      <main id="main" className="flex-1">
        <LoadingState label="Loading organization…" />
      </main>
    );
  if (current.error)
    return (
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
    );

  return (
    <CurrentOrganizationContext.Provider value={current.data}>
      <OrganizationEvents slug={slug} />
      <nav aria-label="Organization" className="border-b border-slate-200 bg-white">
        <ul className="relative mx-auto flex max-w-6xl overflow-x-auto px-1 sm:gap-1 sm:px-6">
          {navItems
            .filter((item) => !item.crm || hasCrmAccess(current.data.membership))
            .map((item) => (
              <li key={item.to} className="shrink-0">
                <Link
                  to={item.to}
                  params={{ slug }}
                  activeOptions={{ exact: item.exact }}
                  className="block border-b-2 border-transparent px-2.5 py-3 sm:px-3 text-sm font-medium text-slate-600 hover:text-slate-900 [&.active]:border-indigo-600 [&.active]:text-indigo-700"
                >
                  {item.label}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-3 py-6 sm:px-6">
        <Outlet />
      </main>
    </CurrentOrganizationContext.Provider>
  );
}
