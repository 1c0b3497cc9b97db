import { createRoute } from "@tanstack/react-router";
import { taskListSearch } from "../../features/tasks/task-list-search.ts";
import { backOffice } from "../back-office.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const tasksRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/tasks",
  staticData: backOffice("crm"),
  head: organizationScreenHead("My tasks"),
  // The table's filters and order (?status=&assignee=&sort=&dir=); ?new opens the new-task form
  // (the command palette's "New task").
  validateSearch: taskListSearch,
}).lazy(() => import("./tasks.lazy.tsx").then((m) => m.lazyRoute));
