import type { LiveHandler } from "../realtime/live.ts";

// An event changed (its times, its session settings, its recording) or its answers and
// attendance did: the live-session panel and the attendance statistics read again.
export const liveSessionLive: LiveHandler = {
  prefix: "event.",
  stale: (_event, trpc) => [trpc.liveSession.pathFilter()],
};
