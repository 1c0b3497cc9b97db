import { createLazyRoute } from "@tanstack/react-router";
import { ForgotPasswordForm } from "../features/auth/forgot-password-form.tsx";

export const lazyRoute = createLazyRoute("/forgot-password")({ component: ForgotPasswordForm });
