import { createRoute } from "@tanstack/react-router";
import { EditLead } from "../features/leads/edit-lead";
import { organizationRoute } from "./organization";

export const leadEditRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/leads/$leadId/edit",
  component: function Screen() {
    const { leadId } = leadEditRoute.useParams();
    return <EditLead leadId={leadId} />;
  },
});
