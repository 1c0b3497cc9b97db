import { createRoute } from "@tanstack/react-router";
import { CrmOnly } from "../../features/leads/crm-access.tsx";
import { TasksScreen } from "../../features/tasks/tasks-screen.tsx";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const tasksRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/tasks",
  head: organizationScreenHead("My tasks"),
  component: () => (
    <CrmOnly>
      <TasksScreen />
    </CrmOnly>
  ),
});
