import { createLazyRoute } from "@tanstack/react-router";
import { CrmOnly } from "../../features/leads/crm-access.tsx";
import { TasksScreen } from "../../features/tasks/tasks-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/tasks")({
  component: () => (
    <CrmOnly>
      <TasksScreen />
    </CrmOnly>
  ),
});
