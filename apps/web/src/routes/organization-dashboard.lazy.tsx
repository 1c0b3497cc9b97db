import { createLazyRoute } from "@tanstack/react-router";
import { Dashboard } from "../features/dashboard/dashboard.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/")({ component: Screen });

function Screen() {
  const search = lazyRoute.useSearch();
  const navigate = lazyRoute.useNavigate();
  return (
    <Dashboard
      search={search}
      onSearchChange={(next) => void navigate({ search: next, replace: true })}
    />
  );
}
