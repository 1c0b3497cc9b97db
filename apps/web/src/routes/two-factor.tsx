import { createRoute } from "@tanstack/react-router";
import { TwoFactorChallenge } from "../features/auth/two-factor-challenge.tsx";
import { guestRoute } from "./guest.tsx";
import { pageTitle } from "./head.ts";
import { redirectSearch } from "./search.ts";

export const twoFactorRoute = createRoute({
  getParentRoute: () => guestRoute,
  path: "/two-factor",
  head: () => pageTitle("Two-factor authentication"),
  validateSearch: redirectSearch,
  component: function Screen() {
    const { redirect } = twoFactorRoute.useSearch();
    return <TwoFactorChallenge redirect={redirect} />;
  },
});
