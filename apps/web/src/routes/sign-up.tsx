import { createRoute } from "@tanstack/react-router";
import { SignUpForm } from "../features/auth/sign-up-form.tsx";
import { guestRoute } from "./guest.tsx";
import { pageTitle } from "./head.ts";
import { redirectSearch } from "./search.ts";

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
