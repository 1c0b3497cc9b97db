import type { LiveHandler } from "../realtime/live.ts";

// A lead created, changed, moved, deleted or restored by anyone: the lists, the board, the
// summary, that lead's page and timeline refetch (those on screen now, the rest when next shown).
export const leadLive: LiveHandler = {
  prefix: "lead.",
  stale: (_event, trpc) => [trpc.lead.pathFilter()],
};
