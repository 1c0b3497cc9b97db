import { createLazyRoute } from "@tanstack/react-router";
import { CrmOnly } from "../../features/leads/crm-access.tsx";
import { LeadsScreen } from "../../features/leads/leads-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/leads")({ component: Screen });

function Screen() {
  const search = lazyRoute.useSearch();
  const navigate = lazyRoute.useNavigate();
  return (
    <CrmOnly>
      <LeadsScreen
        search={search}
        onSearchChange={(next) => void navigate({ search: next, replace: true })}
      />
    </CrmOnly>
  );
}
