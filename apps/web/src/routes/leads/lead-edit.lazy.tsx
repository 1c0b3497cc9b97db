import { createLazyRoute } from "@tanstack/react-router";
import { CrmOnly } from "../../features/leads/crm-access.tsx";
import { EditLead } from "../../features/leads/edit-lead.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/leads/$leadId/edit")({
  component: Screen,
});

function Screen() {
  const { leadId } = lazyRoute.useParams();
  return (
    <CrmOnly>
      <EditLead leadId={leadId} />
    </CrmOnly>
  );
}
