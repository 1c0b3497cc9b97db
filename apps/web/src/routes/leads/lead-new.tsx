import { createRoute } from "@tanstack/react-router";
import { CrmOnly } from "../../features/leads/crm-access.tsx";
import { NewLead } from "../../features/leads/new-lead.tsx";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const leadNewRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/leads/new",
  head: organizationScreenHead("Add a lead"),
  component: () => (
    <CrmOnly>
      <NewLead />
    </CrmOnly>
  ),
});
