import { createLazyRoute } from "@tanstack/react-router";
import { TwoFactorChallenge } from "../features/auth/two-factor-challenge.tsx";

export const lazyRoute = createLazyRoute("/guest/two-factor")({ component: Screen });

function Screen() {
  const { redirect } = lazyRoute.useSearch();
  return <TwoFactorChallenge redirect={redirect} />;
}
