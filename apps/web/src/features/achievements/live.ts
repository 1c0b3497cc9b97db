import type { LiveHandler } from "../realtime/live.ts";

// An achievement earned (sent to its member only) or an admin's change to one: the achievements
// page reads them again.
export const achievementLive: LiveHandler = {
  prefix: "achievement.",
  stale: (_event, trpc) => [trpc.achievement.pathFilter()],
};
