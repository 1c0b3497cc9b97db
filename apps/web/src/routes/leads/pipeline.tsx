import { createRoute } from "@tanstack/react-router";
import { backOffice } from "../back-office.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const pipelineRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/pipeline",
  staticData: backOffice("crm"),
  head: organizationScreenHead("Pipeline"),
}).lazy(() => import("./pipeline.lazy.tsx").then((m) => m.lazyRoute));
