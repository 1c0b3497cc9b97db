import type { LiveHandler } from "../realtime/live.ts";

// A task created, changed, done, reopened, deleted or restored by anyone: "My tasks" and the
// lead pages' task lists refetch (those on screen now, the rest when next shown).
export const taskLive: LiveHandler = {
  prefix: "task.",
  stale: (_event, trpc) => [trpc.task.pathFilter()],
};
