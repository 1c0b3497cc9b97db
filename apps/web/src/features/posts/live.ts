import type { LiveHandler } from "../realtime/live.ts";

/** A storm of reactions (everyone clicking at once) refetches a page's counts at most this often. */
export const REACTION_REFETCH_MS = 1_000;

// A post published, edited, locked, pinned, hidden or deleted by anyone the member may read (the
// server sends only those): the feeds, drafts and post pages refetch (those on screen now, the
// rest when shown). Reading a post's page counts no view (post.view does), so its page follows
// too. Reactions and votes (post.reacted) refetch only the reaction bars, throttled.
export const postLive: LiveHandler = {
  prefix: "post.",
  stale: (event, trpc) =>
    event.kind === "post.reacted"
      ? [trpc.reaction.ofPosts.pathFilter()]
      : [
          trpc.post.feed.pathFilter(),
          trpc.post.home.pathFilter(),
          trpc.post.drafts.pathFilter(),
          trpc.post.get.pathFilter(),
        ],
  throttleMs: (event) => (event.kind === "post.reacted" ? REACTION_REFETCH_MS : undefined),
};
