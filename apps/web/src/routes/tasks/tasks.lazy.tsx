import { createLazyRoute } from "@tanstack/react-router";
import { CrmOnly } from "../../features/leads/crm-access.tsx";
import { TasksScreen } from "../../features/tasks/tasks-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/tasks")({ component: Screen });

function Screen() {
  const search = lazyRoute.useSearch();
  const navigate = lazyRoute.useNavigate();
  return (
    <CrmOnly>
      <TasksScreen
        search={search}
        onSearchChange={(next) => void navigate({ search: next, replace: true })}
      />
    </CrmOnly>
  );
}
