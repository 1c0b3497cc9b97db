import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const tasksRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/tasks",
  head: organizationScreenHead("My tasks"),
}).lazy(() => import("./tasks.lazy.tsx").then((m) => m.lazyRoute));
