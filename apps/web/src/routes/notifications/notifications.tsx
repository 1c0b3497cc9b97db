import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const notificationsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/notifications",
  head: organizationScreenHead("Notifications"),
}).lazy(() => import("./notifications.lazy.tsx").then((m) => m.lazyRoute));
