import { createRoute } from "@tanstack/react-router";
import { LeadDetail } from "../features/leads/lead-detail";
import { organizationRoute } from "./organization";

export const leadDetailRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/leads/$leadId",
  component: function Screen() {
    const { leadId } = leadDetailRoute.useParams();
    return <LeadDetail leadId={leadId} />;
  },
});
