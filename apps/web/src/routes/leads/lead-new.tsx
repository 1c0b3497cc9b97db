import { createRoute } from "@tanstack/react-router";
import { NewLead } from "../../features/leads/new-lead.tsx";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const leadNewRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/leads/new",
  head: organizationScreenHead("Add a lead"),
  component: NewLead,
});
