import { createLazyRoute } from "@tanstack/react-router";
import { MembersScreen } from "../../features/members/members-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/members")({ component: Screen });

function Screen() {
  const search = lazyRoute.useSearch();
  const navigate = lazyRoute.useNavigate();
  return (
    <MembersScreen
      search={search}
      onSearchChange={(next) => void navigate({ search: next, replace: true })}
    />
  );
}
