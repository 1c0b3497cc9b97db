import { createRoute } from "@tanstack/react-router";
import { memberListSearch } from "../../features/members/member-list-search.ts";
import { backOffice } from "../back-office.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const membersRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/members",
  staticData: backOffice("members"),
  head: organizationScreenHead("Members"),
  // The table's search, role filter and sort (?q=&role=&sort=&dir=; the palette opens it with
  // ?q); ?invite puts the cursor in the invitation form.
  validateSearch: memberListSearch,
}).lazy(() => import("./members.lazy.tsx").then((m) => m.lazyRoute));
