import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const assistantRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/assistant",
  head: organizationScreenHead("Assistant"),
}).lazy(() => import("./assistant.lazy.tsx").then((m) => m.lazyRoute));
