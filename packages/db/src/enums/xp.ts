/**
 * Where XP comes from (issue 12 §3). One award per (member, kind, source id): the ledger's unique
 * key, so a lesson completed twice, or two concurrent triggers, award once.
 */
export const xpSourceKinds = [
  "lesson",
  "quiz_pass",
  "post",
  "comment",
  "reaction_received",
  "achievement",
  "session_attended",
  "admin_adjustment",
] as const;
export type XpSourceKind = (typeof xpSourceKinds)[number];

/** The kinds that count as learning for streaks: a day with one of these keeps a streak alive. */
export const learningXpKinds = [
  "lesson",
  "quiz_pass",
  "session_attended",
] as const satisfies readonly XpSourceKind[];

/**
 * What attending a live session earns (kind session_attended, the event as its source): once per
 * member and session. The API's join awards it; the demo seed's attendance too.
 */
export const SESSION_ATTENDED_XP = 50;

/** Leaderboard periods, in the organization's time zone. */
export const xpPeriods = ["daily", "weekly", "monthly", "all_time"] as const;
export type XpPeriod = (typeof xpPeriods)[number];

/** ISO day numbers a week may start on: 1 Monday … 7 Sunday. */
export const WEEK_STARTS_ON_DEFAULT = 1;
