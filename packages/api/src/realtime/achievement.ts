import { eventDomain } from "./define.ts";

// achievement.earned goes to the member who earned it only (its audience); achievement.changed
// (an admin created, edited, archived or restored one) to every member, whose achievements page
// reads the definitions again.
export const achievementEvents = eventDomain({
  kinds: ["achievement.earned", "achievement.changed"],
});
