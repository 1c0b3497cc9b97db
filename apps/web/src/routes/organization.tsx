import { createRoute } from "@tanstack/react-router";
import { ButtonLink } from "../components/button.tsx";
import { NotFound } from "../components/states.tsx";
import { OrganizationLayout } from "../features/organizations/organization-layout.tsx";
import { authedRoute } from "./authed.tsx";
import { loadOrganization, organizationName, pageTitle } from "./head.ts";

export const organizationRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/o/$slug",
  loader: ({ params }) => loadOrganization(params.slug),
  head: ({ params }) => pageTitle(organizationName(params.slug)),
  component: function Screen() {
    const { slug } = organizationRoute.useParams();
    return <OrganizationLayout slug={slug} />;
  },
  // An unknown address inside an organization (/o/demo/whatever) keeps the app frame and the
  // organization's navigation around it, instead of the site-wide page without either.
  notFoundComponent: function OrganizationNotFound() {
    const { slug } = organizationRoute.useParams();
    return (
      <NotFound>
        <ButtonLink to="/o/$slug" params={{ slug }} variant="secondary">
          Go to the dashboard
        </ButtonLink>
      </NotFound>
    );
  },
});
