import { createLazyRoute } from "@tanstack/react-router";
import { CheckEmail } from "../features/auth/check-email.tsx";

export const lazyRoute = createLazyRoute("/guest/check-email")({ component: Screen });

function Screen() {
  const { email, redirect } = lazyRoute.useSearch();
  return <CheckEmail email={email} redirect={redirect} />;
}
