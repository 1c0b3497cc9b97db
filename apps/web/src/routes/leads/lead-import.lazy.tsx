import { createLazyRoute } from "@tanstack/react-router";
import { LeadImportScreen } from "../../features/lead-import/lead-import-screen.tsx";
import { CrmOnly } from "../../features/leads/crm-access.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/leads/import")({ component: Screen });

function Screen() {
  const search = lazyRoute.useSearch();
  const navigate = lazyRoute.useNavigate();
  return (
    <CrmOnly>
      <LeadImportScreen
        importId={search.id}
        onStarted={(id) => void navigate({ search: { id }, replace: true })}
        onRestart={() => void navigate({ search: {} })}
      />
    </CrmOnly>
  );
}
