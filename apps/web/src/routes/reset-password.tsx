import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { ResetPasswordForm } from "../features/auth/reset-password-form.tsx";
import { pageTitle } from "./head.ts";
import { rootRoute } from "./root.tsx";

export const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/reset-password",
  head: () => pageTitle("Choose a new password"),
  validateSearch: z.object({ token: z.string().optional(), error: z.string().optional() }),
  component: function Screen() {
    const { token, error } = resetPasswordRoute.useSearch();
    return <ResetPasswordForm token={token} error={error} />;
  },
});
