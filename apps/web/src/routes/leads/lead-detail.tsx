import { createRoute } from "@tanstack/react-router";
import { CrmOnly } from "../../features/leads/crm-access.tsx";
import { LeadDetail } from "../../features/leads/lead-detail.tsx";
import { leadName, loadLead, organizationName, pageTitle } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const leadDetailRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/leads/$leadId",
  loader: ({ params }) => loadLead(params.slug, params.leadId),
  head: ({ params }) =>
    pageTitle(leadName(params.slug, params.leadId), organizationName(params.slug)),
  component: function Screen() {
    const { leadId } = leadDetailRoute.useParams();
    return (
      <CrmOnly>
        <LeadDetail leadId={leadId} />
      </CrmOnly>
    );
  },
});
