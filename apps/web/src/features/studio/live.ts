import type { LiveHandler } from "../realtime/live.ts";

// A studio post changed (saved, scheduled, published by the job, failed): the author's lists,
// calendar and editor refetch, e.g. a scheduled post turns published while its author watches.
export const studioLive: LiveHandler = {
  prefix: "studio.",
  stale: (_event, trpc) => [trpc.studio.pathFilter()],
};
