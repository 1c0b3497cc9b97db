import { createLazyRoute } from "@tanstack/react-router";
import { AdminLayout } from "../../features/admin/admin-layout.tsx";

export const lazyRoute = createLazyRoute("/authed/admin")({ component: AdminLayout });
