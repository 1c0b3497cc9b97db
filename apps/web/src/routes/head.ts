import { hasCrmAccess } from "@guild/api/policies/lead";
import {
  type DashboardSearch,
  recentLeadsInput,
  salesReportInput,
} from "../features/dashboard/dashboard-search.ts";
import {
  type LeadListSearch,
  leadListFilter,
  leadListInput,
} from "../features/leads/lead-list-search.ts";
import { isUuid } from "../lib/search-params.ts";
import { organizationTRPC, queryClient } from "../lib/trpc.ts";

// Each screen names itself in the tab's title through its route's `head` (rendered by
// <HeadContent> in the root route): the screen first, then where it is, then the app, e.g.
// "Leads · Demo Guild · Guild", so tabs and history entries tell screens apart.

export function pageTitle(...parts: Array<string | undefined>) {
  return { meta: [{ title: [...parts.filter(Boolean), "Guild"].join(" · ") }] };
}

/**
 * Loaders put what a title names in the cache before the heads run: the screens read the same
 * entries. A failure is left for the screen, which shows it in place (Not found, Try again).
 */
export async function loadOrganization(slug: string) {
  await queryClient
    .ensureQueryData(organizationTRPC(slug).organization.current.queryOptions())
    .catch(() => undefined);
}

export async function loadLead(slug: string, leadId: string) {
  // Not a lead's id (a mistyped address): nothing to ask for, the screen says Not found.
  if (!isUuid(leadId)) return;
  await queryClient
    .ensureQueryData(organizationTRPC(slug).lead.byId.queryOptions({ id: leadId }))
    .catch(() => undefined);
}

/**
 * The leads list's first page, total and the member's saved views and column choice, asked for
 * while the screen's code is still loading: one batched request instead of a second round trip
 * after it mounts (on a phone's connection that round trip was most of the screen's wait). Not
 * awaited: the screen shows its loading state and picks the answers up from the cache.
 */
export function prefetchLeads(slug: string, search: LeadListSearch) {
  const trpc = organizationTRPC(slug);
  const quietly = () => undefined;
  void queryClient
    .prefetchInfiniteQuery(
      trpc.lead.list.infiniteQueryOptions(leadListInput(search), {
        initialCursor: null,
        getNextPageParam: (page) => page.nextCursor,
      }),
    )
    .catch(quietly);
  void queryClient
    .prefetchQuery(trpc.lead.count.queryOptions(leadListFilter(search)))
    .catch(quietly);
  void queryClient.prefetchQuery(trpc.leadView.list.queryOptions()).catch(quietly);
  void queryClient
    .prefetchQuery(trpc.dataTable.preference.queryOptions({ table: "leads" }))
    .catch(quietly);
}

/**
 * The dashboard's sales report and latest leads, asked for while the screen's code is still
 * loading, as prefetchLeads does for the list. Only for the CRM's staff (the API refuses the
 * others, and their dashboard does not show these): that is in organization.current, which the
 * organization's loader asks for in the same batch, so waiting for it costs no extra request.
 */
export async function prefetchDashboard(slug: string, search: DashboardSearch) {
  const trpc = organizationTRPC(slug);
  const organization = await queryClient
    .ensureQueryData(trpc.organization.current.queryOptions())
    .catch(() => null);
  if (!organization || !hasCrmAccess(organization.membership)) return;
  const quietly = () => undefined;
  void queryClient
    .prefetchQuery(trpc.lead.salesReport.queryOptions(salesReportInput(search)))
    .catch(quietly);
  void queryClient.prefetchQuery(trpc.lead.list.queryOptions(recentLeadsInput)).catch(quietly);
}

export function organizationName(slug: string): string | undefined {
  return queryClient.getQueryData(organizationTRPC(slug).organization.current.queryKey())?.name;
}

export function leadName(slug: string, leadId: string): string | undefined {
  return queryClient.getQueryData(organizationTRPC(slug).lead.byId.queryKey({ id: leadId }))?.name;
}

/** The head of a screen inside an organization: "<screen> · <organization> · Guild". */
export function organizationScreenHead(screen: string) {
  return ({ params }: { params: { slug: string } }) =>
    pageTitle(screen, organizationName(params.slug));
}
