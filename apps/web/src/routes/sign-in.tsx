import { createRoute } from "@tanstack/react-router";
import { SignInForm } from "../features/auth/sign-in-form.tsx";
import { guestRoute } from "./guest.tsx";
import { pageTitle } from "./head.ts";
import { redirectSearch } from "./search.ts";

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
