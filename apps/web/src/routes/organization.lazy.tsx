import { createLazyRoute } from "@tanstack/react-router";
import { ButtonLink } from "../components/button.tsx";
import { NotFound } from "../components/states.tsx";
import { OrganizationLayout } from "../features/organizations/organization-layout.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug")({
  component: Screen,
  // An unknown address inside an organization (/o/demo/whatever) keeps the app frame and the
  // organization's navigation around it, instead of the site-wide page without either.
  notFoundComponent: OrganizationNotFound,
});

function Screen() {
  const { slug } = lazyRoute.useParams();
  return <OrganizationLayout slug={slug} />;
}

function OrganizationNotFound() {
  const { slug } = lazyRoute.useParams();
  return (
    <NotFound>
      <ButtonLink to="/o/$slug" params={{ slug }} variant="secondary">
        Go to the dashboard
      </ButtonLink>
    </NotFound>
  );
}
