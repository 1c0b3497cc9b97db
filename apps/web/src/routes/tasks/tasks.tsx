import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const tasksRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/tasks",
  head: organizationScreenHead("My tasks"),
  // ?new opens the new-task form (the command palette's "New task").
  validateSearch: z.object({ new: z.boolean().optional().catch(undefined) }),
}).lazy(() => import("./tasks.lazy.tsx").then((m) => m.lazyRoute));
