import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { CheckEmail } from "../features/auth/check-email.tsx";
import { guestRoute } from "./guest.tsx";
import { pageTitle } from "./head.ts";

export const checkEmailRoute = createRoute({
  getParentRoute: () => guestRoute,
  path: "/check-email",
  head: () => pageTitle("Check your email"),
  validateSearch: z.object({ email: z.string().optional(), redirect: z.string().optional() }),
  component: function Screen() {
    const { email, redirect } = checkEmailRoute.useSearch();
    return <CheckEmail email={email} redirect={redirect} />;
  },
});
