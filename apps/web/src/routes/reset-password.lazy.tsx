import { createLazyRoute } from "@tanstack/react-router";
import { ResetPasswordForm } from "../features/auth/reset-password-form.tsx";

export const lazyRoute = createLazyRoute("/reset-password")({ component: Screen });

function Screen() {
  const { token, error } = lazyRoute.useSearch();
  return <ResetPasswordForm token={token} error={error} />;
}
