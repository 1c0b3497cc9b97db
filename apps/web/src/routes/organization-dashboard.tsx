import { createRoute } from "@tanstack/react-router";
import { Dashboard } from "../features/dashboard/dashboard";
import { organizationRoute } from "./organization";

export const organizationDashboardRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/",
  component: Dashboard,
});
