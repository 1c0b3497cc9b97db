import { createRoute } from "@tanstack/react-router";
import { TwoFactorChallenge } from "../features/auth/two-factor-challenge";
import { guestRoute } from "./guest";
import { pageTitle } from "./head";
import { redirectSearch } from "./search";

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
