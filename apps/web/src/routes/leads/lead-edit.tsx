import { createRoute } from "@tanstack/react-router";
import { backOffice } from "../back-office.ts";
import { leadName, loadLead, organizationName, pageTitle } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const leadEditRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/leads/$leadId/edit",
  staticData: backOffice("crm"),
  loader: ({ params }) => loadLead(params.slug, params.leadId),
  head: ({ params }) => {
    const name = leadName(params.slug, params.leadId);
    return pageTitle(name ? `Edit ${name}` : "Edit lead", organizationName(params.slug));
  },
}).lazy(() => import("./lead-edit.lazy.tsx").then((m) => m.lazyRoute));
