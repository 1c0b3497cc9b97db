import { createRoute } from "@tanstack/react-router";
import { Dashboard } from "../features/dashboard/dashboard";
import { organizationScreenHead } from "./head";
import { organizationRoute } from "./organization";

export const organizationDashboardRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/",
  head: organizationScreenHead("Dashboard"),
  component: Dashboard,
});
