import { createLazyRoute } from "@tanstack/react-router";
import { AccountScreen } from "../features/account/account-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/account")({ component: AccountScreen });
