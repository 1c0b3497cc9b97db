import { createRoute } from "@tanstack/react-router";
import { CrmOnly } from "../../features/leads/crm-access.tsx";
import { leadListSearch } from "../../features/leads/lead-list-search.ts";
import { LeadsScreen } from "../../features/leads/leads-screen.tsx";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const leadsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/leads",
  head: organizationScreenHead("Leads"),
  validateSearch: leadListSearch,
  component: function Screen() {
    const search = leadsRoute.useSearch();
    const navigate = leadsRoute.useNavigate();
    return (
      <CrmOnly>
        <LeadsScreen
          search={search}
          onSearchChange={(next) => void navigate({ search: next, replace: true })}
        />
      </CrmOnly>
    );
  },
});
