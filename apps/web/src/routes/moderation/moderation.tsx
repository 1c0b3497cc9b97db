import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const moderationRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/moderation",
  head: organizationScreenHead("Moderation"),
}).lazy(() => import("./moderation.lazy.tsx").then((m) => m.lazyRoute));
