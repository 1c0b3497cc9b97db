import { createRoute } from "@tanstack/react-router";
import { backOffice } from "../back-office.ts";
import { leadName, loadLead, organizationName, pageTitle } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const leadDetailRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/leads/$leadId",
  staticData: backOffice("crm"),
  loader: ({ params }) => loadLead(params.slug, params.leadId),
  head: ({ params }) =>
    pageTitle(leadName(params.slug, params.leadId), organizationName(params.slug)),
}).lazy(() => import("./lead-detail.lazy.tsx").then((m) => m.lazyRoute));
