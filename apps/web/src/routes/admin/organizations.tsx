import { createRoute } from "@tanstack/react-router";
import { adminOrganizationSearch } from "../../features/admin/admin-search.ts";
import { pageTitle } from "../head.ts";
import { adminRoute } from "./admin.tsx";

export const adminOrganizationsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/organizations",
  head: () => pageTitle("Organizations", "Admin"),
  // ?q= (name or slug).
  validateSearch: adminOrganizationSearch,
}).lazy(() => import("./organizations.lazy.tsx").then((m) => m.lazyRoute));
