import { createRoute } from "@tanstack/react-router";
import { MembersScreen } from "../features/members/members-screen";
import { organizationScreenHead } from "./head";
import { organizationRoute } from "./organization";

export const membersRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/members",
  head: organizationScreenHead("Members"),
  component: MembersScreen,
});
