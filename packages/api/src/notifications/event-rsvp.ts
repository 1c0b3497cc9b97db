// RSVP notifications (services/event-rsvp.ts).
import { notificationKind } from "./define.ts";
import { describeEvents } from "./event.ts";

/** A seat freed up and the member, first on the waitlist, now holds it. */
export const eventPromoted = notificationKind({
  kind: "event.promoted",
  label: "You get a seat from the waitlist",
  defaults: { inApp: true, mail: true },
  describe: describeEvents,
  text: ({ target }) =>
    `A seat freed up: you are going to ${target ? target.name : "an event you waited for"}`,
});
