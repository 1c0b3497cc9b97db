import { createRoute } from "@tanstack/react-router";
import { ForgotPasswordForm } from "../features/auth/forgot-password-form";
import { rootRoute } from "./root";

export const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/forgot-password",
  component: ForgotPasswordForm,
});
