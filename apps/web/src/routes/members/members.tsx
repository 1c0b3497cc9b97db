import { createRoute } from "@tanstack/react-router";
import { MembersScreen } from "../../features/members/members-screen.tsx";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const membersRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/members",
  head: organizationScreenHead("Members"),
  component: MembersScreen,
});
