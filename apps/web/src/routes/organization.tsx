import { createRoute } from "@tanstack/react-router";
import { authedRoute } from "./authed.tsx";
import { loadOrganization, organizationName, pageTitle } from "./head.ts";

export const organizationRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/o/$slug",
  loader: ({ params }) => loadOrganization(params.slug),
  head: ({ params }) => pageTitle(organizationName(params.slug)),
}).lazy(() => import("./organization.lazy.tsx").then((m) => m.lazyRoute));
