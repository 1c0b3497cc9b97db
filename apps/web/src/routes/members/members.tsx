import { createRoute } from "@tanstack/react-router";
import { z } from "zod";
import { organizationScreenHead } from "../head.ts";
import { organizationRoute } from "../organization.tsx";

export const membersRoute = createRoute({
  getParentRoute: () => organizationRoute,
  path: "/members",
  head: organizationScreenHead("Members"),
  // ?q starts the directory searched (a member found in the command palette); ?invite puts the
  // cursor in the invitation form.
  validateSearch: z.object({
    q: z.string().optional().catch(undefined),
    invite: z.boolean().optional().catch(undefined),
  }),
}).lazy(() => import("./members.lazy.tsx").then((m) => m.lazyRoute));
