import { createRoute } from "@tanstack/react-router";
import { AccountScreen } from "../features/account/account-screen.tsx";
import { authedRoute } from "./authed.tsx";
import { pageTitle } from "./head.ts";

export const accountRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/account",
  head: () => pageTitle("Account"),
  component: AccountScreen,
});
