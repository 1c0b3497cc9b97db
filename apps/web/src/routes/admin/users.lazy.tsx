import { createLazyRoute } from "@tanstack/react-router";
import { AdminUsersScreen } from "../../features/admin/users-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/admin/")({ component: AdminUsersScreen });
