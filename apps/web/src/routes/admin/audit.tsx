import { createRoute } from "@tanstack/react-router";
import { pageTitle } from "../head.ts";
import { adminRoute } from "./admin.tsx";

export const adminAuditRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: "/audit",
  head: () => pageTitle("Audit log", "Admin"),
}).lazy(() => import("./audit.lazy.tsx").then((m) => m.lazyRoute));
