import type { LiveHandler } from "../realtime/live.ts";

// event.rsvp names an event whose answers, seats or waitlist changed (someone answered, a seat
// went to the waitlist's first, a member left): its page's panel, guest list and seats
// read again (the live session panel: live-session-live.ts), so a promoted member sees it
// without reloading.
export const eventRsvpLive: LiveHandler = {
  prefix: "event.rsvp",
  stale: (event, trpc) => [
    trpc.eventRsvp.mine.queryFilter({ eventId: event.target.id }),
    trpc.eventRsvp.guests.queryFilter({ eventId: event.target.id }),
    trpc.event.get.queryFilter({ id: event.target.id }),
  ],
  // Fifty answers at once make at most two refetches a second, the last one still heard.
  throttleMs: () => 500,
};
