// Moderation: moderators and up pin, lock, hide and delete any post or comment, and work the
// report queue; every member may report what they can read. The web shows the moderation menu
// and the queue by the same rules (`@guild/api/policies/moderation`).
import { hasRole } from "@guild/db/enums";
import { definePolicy } from "./policy.ts";

interface ModerationResources {
  /** Pin, lock, hide, delete anyone's content; read and resolve reports. */
  moderate: undefined;
  /** Report a post or comment to the moderators. */
  report: undefined;
}

export const can = definePolicy<ModerationResources>({
  moderate: (actor) => hasRole(actor.role, "moderator"),
  report: () => true,
});
