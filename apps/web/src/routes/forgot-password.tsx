import { createRoute } from "@tanstack/react-router";
import { ForgotPasswordForm } from "../features/auth/forgot-password-form.tsx";
import { pageTitle } from "./head.ts";
import { rootRoute } from "./root.tsx";

export const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/forgot-password",
  head: () => pageTitle("Reset your password"),
  component: ForgotPasswordForm,
});
