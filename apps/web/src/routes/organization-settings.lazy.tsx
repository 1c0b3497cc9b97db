import { createLazyRoute } from "@tanstack/react-router";
import { OrganizationSettings } from "../features/organizations/organization-settings.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/settings")({
  component: OrganizationSettings,
});
