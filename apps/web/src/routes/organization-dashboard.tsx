import { createRoute } from "@tanstack/react-router";
import { Dashboard } from "../features/dashboard/dashboard.tsx";
import { organizationScreenHead } from "./head.ts";
import { organizationRoute } from "./organization.tsx";

export const organizationDashboardRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/",
  head: organizationScreenHead("Dashboard"),
  component: Dashboard,
});
