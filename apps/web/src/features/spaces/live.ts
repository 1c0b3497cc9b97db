import type { LiveHandler } from "../realtime/live.ts";

// The sidebar's unread counts (space.unread) follow what arrives in the spaces the member sees
// (the server sends only those): a post published, changed (hidden, shown), or deleted; a chat
// message posted or deleted; and the member's own mark moved in another tab. Reactions, votes,
// edits and typing change no count, so they cost no refetch.
const countChanging = new Set([
  "post.created",
  "post.updated",
  "post.deleted",
  "post.hidden",
  "chat.message.posted",
  "chat.message.deleted",
  "space.read",
]);

const unreadLive = (prefix: string): LiveHandler => ({
  prefix,
  stale: (event, trpc) => (countChanging.has(event.kind) ? [trpc.space.unread.pathFilter()] : []),
});

export const spaceUnreadLive: LiveHandler[] = [
  unreadLive("post."),
  unreadLive("chat.message."),
  unreadLive("space.read"),
];

// The admins changed the sidebar's order: the spaces are read again (space.list).
export const spaceOrderLive: LiveHandler = {
  prefix: "space.reordered",
  stale: (_event, trpc) => [trpc.space.list.pathFilter()],
};
