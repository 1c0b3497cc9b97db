import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { VerifyEmailResult } from "../features/auth/verify-email-result.tsx";
import { pageTitle } from "./head.ts";
import { rootRoute } from "./root.tsx";

export const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/verify-email",
  head: () => pageTitle("Verify your email"),
  validateSearch: z.object({ error: z.string().optional(), redirect: z.string().optional() }),
  component: function Screen() {
    const { error, redirect } = verifyEmailRoute.useSearch();
    return <VerifyEmailResult error={error} redirect={redirect} />;
  },
});
