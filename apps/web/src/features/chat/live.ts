import type { LiveHandler } from "../realtime/live.ts";
import { heardTyping, stoppedTyping } from "./typing.ts";

// A chat message posted, edited or deleted (the event names the message): open chats read their
// history again, page by page from the newest, and the list shows each message once by id
// (chat-view.tsx). So an event replayed after a reconnect costs a refetch, never a duplicate,
// and one missed while away is replayed by the stream's resume. Typing is not a query: it goes
// to the in-memory indicator.
export const chatLive: LiveHandler = {
  prefix: "chat.",
  heard(event) {
    if (!event.actorMemberId) return;
    if (event.kind === "chat.typing") {
      // A replayed one (a resumed stream catching up) is not someone typing now.
      if (!event.replayed) heardTyping(event.target.id, event.actorMemberId);
    } else if (event.kind === "chat.message.posted") stoppedTyping(event.actorMemberId);
  },
  stale: (event, trpc) => (event.kind === "chat.typing" ? [] : [trpc.chat.history.pathFilter()]),
};
