import { createRoute, redirect } from "@tanstack/react-router";
import { loadSession } from "../features/auth/session.ts";
import { lastOrganizationSlug } from "../features/organizations/last-organization.ts";
import { trpc } from "../lib/trpc.ts";
import { rootRoute } from "./root.tsx";

/** The start page decides: sign in, the organization used last, or create a first one. */
export const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/",
  beforeLoad: async ({ context }) => {
    const session = await loadSession(context.queryClient);
    if (!session) throw redirect({ to: "/sign-in", search: {} });
    // Fresh, not cached: this is where people land right after leaving or deleting an organization.
    const organizations = await context.queryClient.fetchQuery({
      ...trpc.me.organizations.list.queryOptions(),
      staleTime: 0,
    });
    const last = lastOrganizationSlug();
    const target = organizations.find((o) => o.slug === last) ?? organizations[0];
    if (target) throw redirect({ to: "/o/$slug", params: { slug: target.slug } });
    throw redirect({ to: "/organizations/new" });
  },
});
