import { createRoute } from "@tanstack/react-router";
import { SignUpForm } from "../features/auth/sign-up-form";
import { guestRoute } from "./guest";
import { pageTitle } from "./head";
import { redirectSearch } from "./search";

export const signUpRoute = createRoute({
  getParentRoute: () => guestRoute,
  path: "/sign-up",
  head: () => pageTitle("Create an account"),
  validateSearch: redirectSearch,
  component: function Screen() {
    const { redirect } = signUpRoute.useSearch();
    return <SignUpForm redirect={redirect} />;
  },
});
