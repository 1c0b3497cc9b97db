import { createRoute } from "@tanstack/react-router";
import { adminUserSearch } from "../../features/admin/admin-search.ts";
import { pageTitle } from "../head.ts";
import { adminRoute } from "./admin.tsx";

export const adminUsersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/",
  head: () => pageTitle("Users", "Admin"),
  // ?q= (name or email) and ?filter=all|banned|admins.
  validateSearch: adminUserSearch,
}).lazy(() => import("./users.lazy.tsx").then((m) => m.lazyRoute));
