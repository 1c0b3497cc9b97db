import type { LiveHandler } from "../realtime/live.ts";

// event.changed names an event (or a space's events) created, edited, cancelled or deleted: every
// list, calendar, page and "live now" that may show it reads again, by the member's rights. RSVPs
// (event.rsvp) are B's handler.
export const eventLive: LiveHandler = {
  prefix: "event.changed",
  stale: (_event, trpc) => [trpc.event.pathFilter()],
  throttleMs: () => 1000,
};
