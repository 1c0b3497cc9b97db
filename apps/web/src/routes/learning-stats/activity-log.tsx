import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const activityLogRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/activity",
  head: organizationScreenHead("Activity"),
}).lazy(() => import("./activity-log.lazy.tsx").then((m) => m.lazyRoute));
