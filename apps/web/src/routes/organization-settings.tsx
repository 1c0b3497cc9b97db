import { createRoute } from "@tanstack/react-router";
import { OrganizationSettings } from "../features/organizations/organization-settings";
import { organizationRoute } from "./organization";

export const organizationSettingsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/settings",
  component: OrganizationSettings,
});
