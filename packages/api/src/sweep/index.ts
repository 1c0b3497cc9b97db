// One line per domain: its sweep registry (who may call each procedure, and the victim's rows).
import { achievementSweep } from "./achievement.ts";
import { activitySweep } from "./activity.ts";
import { adminSweep } from "./admin.ts";
import { aiSweep } from "./ai.ts";
import { assistantSweep } from "./assistant.ts";
import { calendarFeedSweep } from "./calendar-feed.ts";
import { certificateSweep } from "./certificate.ts";
import { chatSweep } from "./chat.ts";
import { commentSweep } from "./comment.ts";
import { courseSweep } from "./course.ts";
import { creditSweep } from "./credit.ts";
import { dataTableSweep } from "./data-table.ts";
import type { SweepDomain } from "./define.ts";
import { directMessageSweep } from "./direct-message.ts";
import { eventSweep } from "./event.ts";
import { eventRsvpSweep } from "./event-rsvp.ts";
import { fileSweep } from "./file.ts";
import { healthSweep } from "./health.ts";
import { invitationSweep } from "./invitation.ts";
import { joinSweep } from "./join.ts";
import { leadSweep } from "./lead.ts";
import { leadImportSweep } from "./lead-import.ts";
import { leadNoteSweep } from "./lead-note.ts";
import { liveSessionSweep } from "./live-session.ts";
import { meSweep } from "./me.ts";
import { memberSweep } from "./member.ts";
import { memberTierSweep } from "./member-tier.ts";
import { moderationSweep } from "./moderation.ts";
import { notificationSweep } from "./notification.ts";
import { organizationSweep } from "./organization.ts";
import { organizationBanSweep } from "./organization-ban.ts";
import { organizationPlanSweep } from "./organization-plan.ts";
import { paymentSweep } from "./payment.ts";
import { planSweep } from "./plan.ts";
import { postSweep } from "./post.ts";
import { profileSweep } from "./profile.ts";
import { publicCourseSweep } from "./public-course.ts";
import { realtimeSweep } from "./realtime.ts";
import { resourceSweep } from "./resource.ts";
import { savedViewSweep } from "./saved-view.ts";
import { searchSweep } from "./search.ts";
import { spaceSweep } from "./space.ts";
import { studioSweep } from "./studio.ts";
import { taskSweep } from "./task.ts";
import { xpSweep } from "./xp.ts";

export const sweepDomains: SweepDomain[] = [
  healthSweep,
  meSweep,
  aiSweep,
  organizationSweep,
  memberSweep,
  organizationBanSweep,
  profileSweep,
  invitationSweep,
  leadSweep,
  leadImportSweep,
  leadNoteSweep,
  taskSweep,
  savedViewSweep,
  fileSweep,
  notificationSweep,
  calendarFeedSweep,
  realtimeSweep,
  dataTableSweep,
  creditSweep,
  adminSweep,
  memberTierSweep,
  spaceSweep,
  postSweep,
  chatSweep,
  resourceSweep,
  courseSweep,
  eventSweep,
  eventRsvpSweep,
  certificateSweep,
  directMessageSweep,
  searchSweep,
  commentSweep,
  planSweep,
  paymentSweep,
  organizationPlanSweep,
  activitySweep,
  assistantSweep,
  joinSweep,
  publicCourseSweep,
  moderationSweep,
  xpSweep,
  achievementSweep,
  liveSessionSweep,
  studioSweep,
];
