import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { ResetPasswordForm } from "../features/auth/reset-password-form";
import { pageTitle } from "./head";
import { rootRoute } from "./root";

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
