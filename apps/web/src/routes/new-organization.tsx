import { createRoute } from "@tanstack/react-router";
import { NewOrganization } from "../features/organizations/new-organization";
import { authedRoute } from "./authed";

export const newOrganizationRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/organizations/new",
  component: NewOrganization,
});
