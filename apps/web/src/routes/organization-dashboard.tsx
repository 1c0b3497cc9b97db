import { createRoute } from "@tanstack/react-router";
import { Dashboard } from "../features/dashboard/dashboard.tsx";
import { dashboardSearch } from "../features/dashboard/dashboard-search.ts";
import { organizationScreenHead } from "./head.ts";
import { organizationRoute } from "./organization.tsx";

export const organizationDashboardRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/",
  head: organizationScreenHead("Dashboard"),
  validateSearch: dashboardSearch,
  component: function Screen() {
    const search = organizationDashboardRoute.useSearch();
    const navigate = organizationDashboardRoute.useNavigate();
    return (
      <Dashboard
        search={search}
        onSearchChange={(next) => void navigate({ search: next, replace: true })}
      />
    );
  },
});
