import { eventDomain } from "./define.ts";

// Resources spaces (services/resource.ts): something in a space's folders or list changed (added,
// edited, moved, reordered, deleted, an upload made ready). The event names the space, and only
// those who see it hear of it (spacesOf: the space is the only right, decided for every stream of
// the organization at once); they read the list again through their own rights.
export const resourceEvents = eventDomain({
  kinds: ["resource.changed"],
  spacesOf: async (_scope, targetIds) => new Map(targetIds.map((id) => [id, id])),
});
