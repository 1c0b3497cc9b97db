import { achievementRouter } from "./routers/achievement.ts";
import { activityRouter } from "./routers/activity.ts";
import { adminRouter } from "./routers/admin.ts";
import { aiRouter } from "./routers/ai.ts";
import { assistantRouter } from "./routers/assistant.ts";
import { calendarFeedRouter } from "./routers/calendar-feed.ts";
import { certificateRouter, certificateVerificationRouter } from "./routers/certificate.ts";
import { chatRouter } from "./routers/chat.ts";
import { commentRouter } from "./routers/comment.ts";
import { courseRouter } from "./routers/course.ts";
import { creditRouter } from "./routers/credit.ts";
import { dataTableRouter } from "./routers/data-table.ts";
import { directMessageRouter } from "./routers/direct-message.ts";
import { entitlementRouter } from "./routers/entitlement.ts";
import { eventRouter } from "./routers/event.ts";
import { eventRsvpRouter } from "./routers/event-rsvp.ts";
import { fileRouter } from "./routers/file.ts";
import { healthRouter } from "./routers/health.ts";
import { invitationLinkRouter, invitationRouter } from "./routers/invitation.ts";
import { joinRequestRouter, joinRouter, publicPageRouter } from "./routers/join.ts";
import { leadRouter } from "./routers/lead.ts";
import { leadImportRouter } from "./routers/lead-import.ts";
import { leadNoteRouter } from "./routers/lead-note.ts";
import { learningRouter } from "./routers/learning-stats.ts";
import { lessonRouter } from "./routers/lesson.ts";
import { liveSessionRouter } from "./routers/live-session.ts";
import { meRouter } from "./routers/me.ts";
import { memberRouter } from "./routers/member.ts";
import { connectRouter, memberTierRouter } from "./routers/member-tier.ts";
import { moderationRouter } from "./routers/moderation.ts";
import { notificationRouter } from "./routers/notification.ts";
import { organizationRouter } from "./routers/organization.ts";
import { organizationBanRouter } from "./routers/organization-ban.ts";
import { organizationPlanRouter } from "./routers/organization-plan.ts";
import { paymentRouter } from "./routers/payment.ts";
import { planRouter } from "./routers/plan.ts";
import { postRouter } from "./routers/post.ts";
import { profileRouter } from "./routers/profile.ts";
import { publicCourseRouter } from "./routers/public-course.ts";
import { reactionRouter } from "./routers/reaction.ts";
import { realtimeRouter } from "./routers/realtime.ts";
import { resourceRouter } from "./routers/resource.ts";
import { savedViewRouter } from "./routers/saved-view.ts";
import { searchRouter } from "./routers/search.ts";
import { spaceRouter } from "./routers/space.ts";
import { studioRouter } from "./routers/studio.ts";
import { taskRouter } from "./routers/task.ts";
import { leaderboardRouter, xpRouter } from "./routers/xp.ts";
import { crmProcedure } from "./rungs/crm.ts";
import { leadViewState, savedViewInputs } from "./schemas/saved-view.ts";
import { createTRPCRouter, mergeRouters } from "./trpc.ts";

/**
 * Procedures about no one organization: health, an invitation link's preview, the plan catalog,
 * the signed-in person (`me`: session, account, their organizations and the invitations sent to
 * them), and the platform admin console. Nothing here reads `x-guild-org`.
 */
export const accountRouter = createTRPCRouter({
  health: healthRouter,
  me: meRouter,
  invitationLink: invitationLinkRouter,
  /** The platform admin console (platform admins only; NOT_FOUND for anyone else). */
  admin: adminRouter,
  plan: planRouter,
  /** An organization's public page and joining it (the front door). */
  publicPage: publicPageRouter,
  /** A course's public page and its free preview lessons. */
  publicCourse: publicCourseRouter,
  join: joinRouter,
  /** A certificate's public verification (/certificates/:id). */
  certificateVerification: certificateVerificationRouter,
});

/**
 * Procedures of the organization a request names (`x-guild-org`, or the stream's connection
 * parameters): each domain's router, on the organization rungs of the ladder.
 */
export const organizationScopedRouter = createTRPCRouter({
  organization: organizationRouter,
  activity: activityRouter,
  moderation: moderationRouter,
  ban: organizationBanRouter,
  member: memberRouter,
  profile: profileRouter,
  invitation: invitationRouter,
  lead: leadRouter,
  leadImport: leadImportRouter,
  leadView: savedViewRouter("leads", crmProcedure("read"), savedViewInputs(leadViewState)),
  leadNote: leadNoteRouter,
  task: taskRouter,
  file: fileRouter,
  notification: notificationRouter,
  calendarFeed: calendarFeedRouter,
  realtime: realtimeRouter,
  dataTable: dataTableRouter,
  credit: creditRouter,
  memberTier: memberTierRouter,
  connect: connectRouter,
  entitlement: entitlementRouter,
  payment: paymentRouter,
  subscription: organizationPlanRouter,
  space: spaceRouter,
  post: postRouter,
  chat: chatRouter,
  directMessage: directMessageRouter,
  search: searchRouter,
  comment: commentRouter,
  reaction: reactionRouter,
  joinRequest: joinRequestRouter,
  resource: resourceRouter,
  xp: xpRouter,
  leaderboard: leaderboardRouter,
  course: courseRouter,
  lesson: lessonRouter,
  learning: learningRouter,
  achievement: achievementRouter,
  certificate: certificateRouter,
  liveSession: liveSessionRouter,
  event: eventRouter,
  eventRsvp: eventRsvpRouter,
  assistant: assistantRouter,
  ai: aiRouter,
  studio: studioRouter,
});

/** Both, served at one endpoint: the two sets of paths never overlap. */
export const appRouter = mergeRouters(accountRouter, organizationScopedRouter);

export type AppRouter = typeof appRouter;
/**
 * The web app types each of its clients with one half: the client without an organization cannot
 * name an organization procedure (it would fail at run time for want of the header), and the one
 * bound to an organization cannot reach account procedures by mistake.
 */
export type AccountRouter = typeof accountRouter;
export type OrganizationRouter = typeof organizationScopedRouter;
