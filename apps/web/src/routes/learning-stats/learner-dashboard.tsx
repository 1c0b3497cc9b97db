import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const learnerDashboardRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/learning",
  head: organizationScreenHead("Your learning"),
}).lazy(() => import("./learner-dashboard.lazy.tsx").then((m) => m.lazyRoute));
