import { eventDomain } from "./define.ts";

// Events (services/event.ts): an event of a space was created, changed, cancelled or deleted, or
// a series gained occurrences. The event names the space, and only those who see it hear of it
// (spacesOf: the space is the only right, decided for every stream of the organization at once);
// they read the lists, calendars and pages again through their own rights.
export const eventEvents = eventDomain({
  kinds: ["event.changed"],
  spacesOf: async (_scope, targetIds) => new Map(targetIds.map((id) => [id, id])),
});
