import { createRoute } from "@tanstack/react-router";
import { dashboardSearch } from "../features/dashboard/dashboard-search.ts";
import { organizationScreenHead } from "./head.ts";
import { organizationRoute } from "./organization.tsx";

export const organizationDashboardRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/",
  head: organizationScreenHead("Dashboard"),
  validateSearch: dashboardSearch,
}).lazy(() => import("./organization-dashboard.lazy.tsx").then((m) => m.lazyRoute));
