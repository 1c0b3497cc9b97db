import { createRoute } from "@tanstack/react-router";
import { backOffice } from "./back-office.ts";
import { organizationScreenHead } from "./head.ts";
import { organizationRoute } from "./organization.tsx";

export const organizationSettingsRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/settings",
  staticData: backOffice("settings"),
  head: organizationScreenHead("Settings"),
}).lazy(() => import("./organization-settings.lazy.tsx").then((m) => m.lazyRoute));
