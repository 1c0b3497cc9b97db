import { createLazyRoute } from "@tanstack/react-router";
import { AdminOrganizationsScreen } from "../../features/admin/organizations-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/admin/organizations")({
  component: AdminOrganizationsScreen,
});
