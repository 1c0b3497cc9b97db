import type { LiveHandler } from "../realtime/live.ts";

// A lead created, changed, moved, deleted or restored by anyone: the lists, the board, the
// summary, that lead's page and timeline refetch (those on screen now, the rest when next shown).
export const leadLive: LiveHandler = {
  prefix: "lead.",
  stale: (_event, trpc) => [trpc.lead.pathFilter()],
};

// A note or a logged call, meeting or email written, edited, deleted or restored by anyone on a
// lead: only timelines refetch (the lists and the board show nothing of notes).
export const leadNoteLive: LiveHandler = {
  prefix: "lead_note.",
  stale: (_event, trpc) => [trpc.lead.timeline.pathFilter()],
};
