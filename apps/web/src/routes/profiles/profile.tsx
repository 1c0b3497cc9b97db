import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const profileRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/u/$username",
  head: organizationScreenHead("Profile"),
}).lazy(() => import("./profile.lazy.tsx").then((m) => m.lazyRoute));
