import { createRoute } from "@tanstack/react-router";
import { AccountScreen } from "../features/account/account-screen";
import { authedRoute } from "./authed";

export const accountRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: "/account",
  component: AccountScreen,
});
