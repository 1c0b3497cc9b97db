import { createLazyRoute } from "@tanstack/react-router";
import { TiersScreen } from "../../features/tiers/tiers-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/tiers")({ component: Screen });

function Screen() {
  const search = lazyRoute.useSearch();
  const navigate = lazyRoute.useNavigate();
  return (
    <TiersScreen
      search={search}
      onSearchChange={(next) => void navigate({ search: next, replace: true })}
    />
  );
}
