import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const homeFeedRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/feed",
  head: organizationScreenHead("Feed"),
}).lazy(() => import("./home-feed.lazy.tsx").then((m) => m.lazyRoute));
