import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const eventNewRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/s/$spaceSlug/events/new",
  head: organizationScreenHead("New event"),
}).lazy(() => import("./event-new.lazy.tsx").then((m) => m.lazyRoute));
