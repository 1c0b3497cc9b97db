import { createRoute } from "@tanstack/react-router";
import { NewOrganization } from "../features/organizations/new-organization.tsx";
import { authedRoute } from "./authed.tsx";
import { pageTitle } from "./head.ts";

export const newOrganizationRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/organizations/new",
  head: () => pageTitle("Create an organization"),
  component: NewOrganization,
});
