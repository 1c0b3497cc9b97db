import { createLazyRoute } from "@tanstack/react-router";
import { CrmOnly } from "../../features/leads/crm-access.tsx";
import { LeadDetail } from "../../features/leads/lead-detail.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/leads/$leadId")({ component: Screen });

function Screen() {
  const { leadId } = lazyRoute.useParams();
  return (
    <CrmOnly>
      <LeadDetail leadId={leadId} />
    </CrmOnly>
  );
}
