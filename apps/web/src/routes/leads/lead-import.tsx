import { createRoute } from "@tanstack/react-router";
import { leadImportSearch } from "../../features/lead-import/lead-import-search.ts";
import { backOffice } from "../back-office.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const leadImportRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/leads/import",
  staticData: backOffice("crm"),
  head: organizationScreenHead("Import leads"),
  validateSearch: leadImportSearch,
}).lazy(() => import("./lead-import.lazy.tsx").then((m) => m.lazyRoute));
