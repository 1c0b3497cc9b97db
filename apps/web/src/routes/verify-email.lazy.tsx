import { createLazyRoute } from "@tanstack/react-router";
import { VerifyEmailResult } from "../features/auth/verify-email-result.tsx";

export const lazyRoute = createLazyRoute("/verify-email")({ component: Screen });

function Screen() {
  const { error, redirect } = lazyRoute.useSearch();
  return <VerifyEmailResult error={error} redirect={redirect} />;
}
