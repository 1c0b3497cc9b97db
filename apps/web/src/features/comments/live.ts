import type { LiveHandler } from "../realtime/live.ts";

// A comment written, edited or deleted under a post (the event's target): the threads refetch
// (only the one on screen does now). The post's page is not read again: that counts a view.
export const commentLive: LiveHandler = {
  prefix: "comment.",
  stale: (_event, trpc) => [trpc.comment.pathFilter()],
};
