import { createLazyRoute } from "@tanstack/react-router";
import { SignUpForm } from "../features/auth/sign-up-form.tsx";

export const lazyRoute = createLazyRoute("/guest/sign-up")({ component: Screen });

function Screen() {
  const { redirect } = lazyRoute.useSearch();
  return <SignUpForm redirect={redirect} />;
}
