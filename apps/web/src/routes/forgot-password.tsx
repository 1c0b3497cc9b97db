import { createRoute } from "@tanstack/react-router";
import { ForgotPasswordForm } from "../features/auth/forgot-password-form";
import { pageTitle } from "./head";
import { rootRoute } from "./root";

export const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/forgot-password",
  head: () => pageTitle("Reset your password"),
  component: ForgotPasswordForm,
});
