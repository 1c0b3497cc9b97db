import { createRoute } from "@tanstack/react-router";
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
      <LeadsScreen
        search={search}
        onSearchChange={(next) => void navigate({ search: next, replace: true })}
      />
    );
  },
});
