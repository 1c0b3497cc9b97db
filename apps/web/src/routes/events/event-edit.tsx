import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const eventEditRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/s/$spaceSlug/events/$eventId/edit",
  head: organizationScreenHead("Edit event"),
}).lazy(() => import("./event-edit.lazy.tsx").then((m) => m.lazyRoute));
