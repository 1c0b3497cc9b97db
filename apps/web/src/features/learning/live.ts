import type { LiveHandler } from "../realtime/live.ts";

// XP has no events of its own: posts and comments earn it (services/xp.ts COMMUNITY_XP), and so
// do achievements, awarded by a job a moment after what earned them (achievement.earned, sent to
// their member only); each may have moved the member's badge and the open leaderboard. Events
// name the record only, not its author, so each member reads xp.me again (one row): at most once
// per few seconds while a busy space posts.
const earning = new Set(["post.created", "comment.created", "achievement.earned"]);

const xpLive = (prefix: string): LiveHandler => ({
  prefix,
  stale: (event, trpc) =>
    earning.has(event.kind) ? [trpc.xp.me.pathFilter(), trpc.leaderboard.get.pathFilter()] : [],
  throttleMs: () => 5000,
});

export const learningLive: LiveHandler[] = [
  xpLive("post."),
  xpLive("comment."),
  xpLive("achievement.earned"),
];
