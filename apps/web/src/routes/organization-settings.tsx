import { createRoute } from "@tanstack/react-router";
import { OrganizationSettings } from "../features/organizations/organization-settings.tsx";
import { organizationScreenHead } from "./head.ts";
import { organizationRoute } from "./organization.tsx";

export const organizationSettingsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/settings",
  head: organizationScreenHead("Settings"),
  component: OrganizationSettings,
});
