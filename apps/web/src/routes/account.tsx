import { createRoute } from "@tanstack/react-router";
import { AccountScreen } from "../features/account/account-screen";
import { authedRoute } from "./authed";
import { pageTitle } from "./head";

export const accountRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/account",
  head: () => pageTitle("Account"),
  component: AccountScreen,
});
