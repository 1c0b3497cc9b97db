import type { LiveHandler } from "../realtime/live.ts";

// A direct message posted, edited or deleted in one of my conversations, or one I read in
// another tab (each event is for me alone): the list, the unread badge and the open
// conversation read again; the conversation's messages show once each by id.
export const directMessageLive: LiveHandler = {
  prefix: "dm.",
  stale: (_event, trpc) => [trpc.directMessage.pathFilter()],
};
