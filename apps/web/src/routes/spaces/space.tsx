import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const spaceRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/s/$spaceSlug",
  head: organizationScreenHead("Space"),
}).lazy(() => import("./space.lazy.tsx").then((m) => m.lazyRoute));
