import { createRoute } from "@tanstack/react-router";
import { NewLead } from "../features/leads/new-lead";
import { organizationScreenHead } from "./head";
import { organizationRoute } from "./organization";

export const leadNewRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/leads/new",
  head: organizationScreenHead("Add a lead"),
  component: NewLead,
});
