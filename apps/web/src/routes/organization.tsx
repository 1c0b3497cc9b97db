import { createRoute } from "@tanstack/react-router";
import { OrganizationLayout } from "../features/organizations/organization-layout";
import { authedRoute } from "./authed";

export const organizationRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/o/$slug",
  component: function Screen() {
    const { slug } = organizationRoute.useParams();
    return <OrganizationLayout slug={slug} />;
  },
});
