import { createRoute } from "@tanstack/react-router";
import { SignInForm } from "../features/auth/sign-in-form";
import { guestRoute } from "./guest";
import { pageTitle } from "./head";
import { redirectSearch } from "./search";

export const signInRoute = createRoute({
  getParentRoute: () => guestRoute,
  path: "/sign-in",
  head: () => pageTitle("Sign in"),
  validateSearch: redirectSearch,
  component: function Screen() {
    const { redirect } = signInRoute.useSearch();
    return <SignInForm redirect={redirect} />;
  },
});
