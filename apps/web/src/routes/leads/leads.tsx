import { createRoute } from "@tanstack/react-router";
import { leadListSearch } from "../../features/leads/lead-list-search.ts";
import { backOffice } from "../back-office.ts";
import { organizationScreenHead, prefetchLeads } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const leadsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/leads",
  staticData: backOffice("crm"),
  head: organizationScreenHead("Leads"),
  validateSearch: leadListSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ params, deps }) => prefetchLeads(params.slug, deps),
}).lazy(() => import("./leads.lazy.tsx").then((m) => m.lazyRoute));
