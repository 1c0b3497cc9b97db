import type { LiveHandler } from "../realtime/live.ts";

// Roles and memberships: the member list, the organization (my role, what I may do), and the
// leads (their owners' names).
export const memberLive: LiveHandler = {
  prefix: "member.",
  stale: (_event, trpc) => [
    trpc.member.pathFilter(),
    trpc.organization.current.queryFilter(),
    trpc.lead.pathFilter(),
  ],
};
