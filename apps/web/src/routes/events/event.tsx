import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const eventRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/s/$spaceSlug/events/$eventId",
  head: organizationScreenHead("Event"),
}).lazy(() => import("./event.lazy.tsx").then((m) => m.lazyRoute));
