import { createLazyRoute } from "@tanstack/react-router";
import { SignInForm } from "../features/auth/sign-in-form.tsx";

export const lazyRoute = createLazyRoute("/guest/sign-in")({ component: Screen });

function Screen() {
  const { redirect } = lazyRoute.useSearch();
  return <SignInForm redirect={redirect} />;
}
