import { createRoute } from "@tanstack/react-router";
import { NewLead } from "../features/leads/new-lead";
import { organizationRoute } from "./organization";

export const leadNewRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/leads/new",
  component: NewLead,
});
