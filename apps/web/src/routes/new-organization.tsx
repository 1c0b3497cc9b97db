import { createRoute } from "@tanstack/react-router";
import { NewOrganization } from "../features/organizations/new-organization";
import { authedRoute } from "./authed";
import { pageTitle } from "./head";

export const newOrganizationRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/organizations/new",
  head: () => pageTitle("Create an organization"),
  component: NewOrganization,
});
