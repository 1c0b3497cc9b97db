import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const achievementsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/achievements",
  head: organizationScreenHead("Achievements"),
}).lazy(() => import("./achievements.lazy.tsx").then((m) => m.lazyRoute));
