import { createRoute } from "@tanstack/react-router";
import { optionalBoolean, type SearchInput } from "../../lib/search-params.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const tasksRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/tasks",
  head: organizationScreenHead("My tasks"),
  // ?new opens the new-task form (the command palette's "New task").
  validateSearch: (search: SearchInput): { new?: boolean | undefined } => ({
    new: optionalBoolean(search.new),
  }),
}).lazy(() => import("./tasks.lazy.tsx").then((m) => m.lazyRoute));
