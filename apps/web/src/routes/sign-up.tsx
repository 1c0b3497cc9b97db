import { createRoute } from "@tanstack/react-router";
import { SignUpForm } from "../features/auth/sign-up-form";
import { guestRoute } from "./guest";
import { redirectSearch } from "./search";

export const signUpRoute = createRoute({
  getParentRoute: () => guestRoute,
  path: "/sign-up",
  validateSearch: redirectSearch,
  component: function Screen() {
    const { redirect } = signUpRoute.useSearch();
    return <SignUpForm redirect={redirect} />;
  },
});
