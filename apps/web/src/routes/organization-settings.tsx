import { createRoute } from "@tanstack/react-router";
import { OrganizationSettings } from "../features/organizations/organization-settings";
import { organizationScreenHead } from "./head";
import { organizationRoute } from "./organization";

export const organizationSettingsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/settings",
  head: organizationScreenHead("Settings"),
  component: OrganizationSettings,
});
