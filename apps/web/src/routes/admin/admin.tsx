import { createRoute, notFound } from "@tanstack/react-router";
import { loadSession } from "../../features/auth/session.ts";
import { authedRoute } from "../authed.tsx";

/**
 * The platform admin console (/admin), for platform admins only (`pnpm db:setup-admin`): anyone
 * else sees the page-not-found screen, as the API answers them NOT_FOUND.
 */
export const adminRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/admin",
  beforeLoad: async ({ context }) => {
    const session = await loadSession(context.queryClient);
    if (!session?.platformAdmin) throw notFound();
  },
}).lazy(() => import("./admin.lazy.tsx").then((m) => m.lazyRoute));
