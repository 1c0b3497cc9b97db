import { createRoute } from "@tanstack/react-router";
import { dashboardSearch } from "../features/dashboard/dashboard-search.ts";
import { organizationScreenHead, prefetchDashboard } from "./head.ts";
import { organizationRoute } from "./organization.tsx";

export const organizationDashboardRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/",
  head: organizationScreenHead("Dashboard"),
  validateSearch: dashboardSearch,
  loaderDeps: ({ search }) => search,
  // Not awaited: the screen shows its loading state and picks the answers up from the cache.
  loader: ({ params, deps }) => void prefetchDashboard(params.slug, deps),
}).lazy(() => import("./organization-dashboard.lazy.tsx").then((m) => m.lazyRoute));
