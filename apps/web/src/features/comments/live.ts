import { REACTION_REFETCH_MS } from "../posts/live.ts";
import type { LiveHandler } from "../realtime/live.ts";

// A comment written, edited, deleted or reacted to under a post (the event's target): the threads
// refetch (only the one on screen does now), reactions' storms throttled like the post's.
export const commentLive: LiveHandler = {
  prefix: "comment.",
  stale: (event, trpc) =>
    event.kind === "comment.reacted"
      ? [trpc.comment.pathFilter()]
      : // The post's page shows its comment count.
        [trpc.comment.pathFilter(), trpc.post.get.pathFilter()],
  throttleMs: (event) => (event.kind === "comment.reacted" ? REACTION_REFETCH_MS : undefined),
};
