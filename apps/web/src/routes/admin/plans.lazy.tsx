import { createLazyRoute } from "@tanstack/react-router";
import { AdminPlansScreen } from "../../features/admin/plans-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/admin/plans")({ component: AdminPlansScreen });
