import { createRoute } from "@tanstack/react-router";
import { optionalBoolean, optionalString, type SearchInput } from "../../lib/search-params.ts";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const membersRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/members",
  head: organizationScreenHead("Members"),
  // ?q starts the directory searched (a member found in the command palette); ?invite puts the
  // cursor in the invitation form.
  validateSearch: (
    search: SearchInput,
  ): { q?: string | undefined; invite?: boolean | undefined } => ({
    q: optionalString(search.q),
    invite: optionalBoolean(search.invite),
  }),
}).lazy(() => import("./members.lazy.tsx").then((m) => m.lazyRoute));
