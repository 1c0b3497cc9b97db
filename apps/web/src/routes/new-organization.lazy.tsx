import { createLazyRoute } from "@tanstack/react-router";
import { NewOrganization } from "../features/organizations/new-organization.tsx";

export const lazyRoute = createLazyRoute("/authed/organizations/new")({
  component: NewOrganization,
});
