import { createRoute } from "@tanstack/react-router";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const myCertificatesRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/certificates",
  head: organizationScreenHead("Your certificates"),
}).lazy(() => import("./my-certificates.lazy.tsx").then((m) => m.lazyRoute));
