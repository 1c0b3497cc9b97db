export const actorKinds = ["member", "visitor", "system"] as const;
export type ActorKind = (typeof actorKinds)[number];

/**
 * The learning activity log (issue 12 §3, seed 004's user_activity_log): the kinds a member or
 * an admin filters by, and the activity actions each kind is. A view of the one activity table;
 * the rest of it (CRM, billing, moderation) stays the admins' audit log.
 */
export const activityLogActions = {
  sign_in: ["member.signed_in"],
  lesson: ["lesson.completed"],
  quiz: ["quiz.submitted"],
  post: ["post.published"],
  session: ["session.joined"],
} as const;
export type ActivityLogKind = keyof typeof activityLogActions;
export const activityLogKinds = [
  "sign_in",
  "lesson",
  "quiz",
  "post",
  "session",
] as const satisfies readonly ActivityLogKind[];
export const activityLogActionList: readonly string[] = Object.values(activityLogActions).flat();
