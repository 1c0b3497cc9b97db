import type { LiveHandler } from "../realtime/live.ts";

// Something in a resources space I see changed (added, edited, moved, reordered, deleted, an
// upload made ready): that space's list reads again.
export const resourceLive: LiveHandler = {
  prefix: "resource.",
  stale: (event, trpc) => [trpc.resource.list.queryFilter({ spaceId: event.target.id })],
};
