import { createRoute } from "@tanstack/react-router";
import { authedRoute } from "./authed.tsx";
import { pageTitle } from "./head.ts";
import { invitationLinkSearch } from "./search.ts";

/** Opened from the invitation mail. Signed out: sign in or sign up first, then back here. */
export const invitationRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/invitations/$invitationId",
  head: () => pageTitle("Invitation"),
  validateSearch: invitationLinkSearch,
}).lazy(() => import("./invitation.lazy.tsx").then((m) => m.lazyRoute));
