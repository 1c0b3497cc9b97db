import { createRoute } from "@tanstack/react-router";
import { authedRoute } from "./authed.tsx";
import { pageTitle } from "./head.ts";

export const newOrganizationRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/organizations/new",
  head: () => pageTitle("Create an organization"),
}).lazy(() => import("./new-organization.lazy.tsx").then((m) => m.lazyRoute));
