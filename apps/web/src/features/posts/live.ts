import type { LiveHandler } from "../realtime/live.ts";

// A post published, edited or deleted by anyone the member may read (the server sends only
// those): the feeds, drafts and post pages refetch (those on screen now, the rest when shown).
export const postLive: LiveHandler = {
  prefix: "post.",
  stale: (_event, trpc) => [
    trpc.post.feed.pathFilter(),
    trpc.post.home.pathFilter(),
    trpc.post.drafts.pathFilter(),
  ],
};
