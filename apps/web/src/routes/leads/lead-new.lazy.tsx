import { createLazyRoute } from "@tanstack/react-router";
import { CrmOnly } from "../../features/leads/crm-access.tsx";
import { NewLead } from "../../features/leads/new-lead.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/leads/new")({
  component: () => (
    <CrmOnly>
      <NewLead />
    </CrmOnly>
  ),
});
