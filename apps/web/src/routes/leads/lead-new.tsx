import { createRoute } from "@tanstack/react-router";
import { backOffice } from "../back-office.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const leadNewRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/leads/new",
  staticData: backOffice("crm"),
  head: organizationScreenHead("Add a lead"),
}).lazy(() => import("./lead-new.lazy.tsx").then((m) => m.lazyRoute));
