import { createLazyRoute } from "@tanstack/react-router";
import { MembersScreen } from "../../features/members/members-screen.tsx";

export const lazyRoute = createLazyRoute("/authed/o/$slug/members")({ component: MembersScreen });
