import type { LiveHandler } from "../realtime/live.ts";

// A question or answer saved in one of my conversations (each event is for me alone: another tab
// of mine asked, or an answer finished): the list and the open conversation read again. The tab
// that asked shows the answer as it streams; the saved one takes its place once it is there.
export const assistantLive: LiveHandler = {
  prefix: "assistant.",
  stale: (_event, trpc) => [trpc.assistant.pathFilter()],
};
