import { accountRoute } from "./account.tsx";
import { achievementRoutes } from "./achievements/index.ts";
import { adminRoutes } from "./admin/index.ts";
import { assistantRoutes } from "./assistant/index.ts";
import { auditLogRoutes } from "./audit-log/index.ts";
import { authedRoute } from "./authed.tsx";
import { billingRoutes } from "./billing/index.ts";
import { certificateRoute } from "./certificates/certificate.tsx";
import { checkEmailRoute } from "./check-email.tsx";
import { courseStudioRoutes } from "./course-studio/index.ts";
import { creditRoutes } from "./credits/index.ts";
import { eventRoutes } from "./events/index.ts";
import { forgotPasswordRoute } from "./forgot-password.tsx";
import { guestRoute } from "./guest.tsx";
import { indexRoute } from "./index.tsx";
import { invitationRoute } from "./invitation.tsx";
import { joinRoute } from "./join.tsx";
import { joinRequestRoutes } from "./join-requests/index.ts";
import { leadRoutes } from "./leads/index.ts";
import { learnerRoutes } from "./learner/index.ts";
import { learningStatsRoutes } from "./learning-stats/index.ts";
import { liveSessionRoutes } from "./live-session/index.ts";
import { memberRoutes } from "./members/index.ts";
import { messageRoutes } from "./messages/index.ts";
import { moderationRoutes } from "./moderation/index.ts";
import { newOrganizationRoute } from "./new-organization.tsx";
import { notificationRoutes } from "./notifications/index.ts";
import { organizationRoute } from "./organization.tsx";
import { organizationDashboardRoute } from "./organization-dashboard.tsx";
import { organizationSettingsRoute } from "./organization-settings.tsx";
import { postRoutes } from "./posts/index.ts";
import { pricingRoute } from "./pricing.tsx";
import { profileRoutes } from "./profiles/index.ts";
import { publicCourseRoute } from "./public-course.tsx";
import { publicPageRoute } from "./public-page.tsx";
import { resetPasswordRoute } from "./reset-password.tsx";
import { rootRoute } from "./root.tsx";
import { searchRoutes } from "./search/index.ts";
import { signInRoute } from "./sign-in.tsx";
import { signUpRoute } from "./sign-up.tsx";
import { spaceRoutes } from "./spaces/index.ts";
import { studioRoutes } from "./studio/index.ts";
import { taskRoutes } from "./tasks/index.ts";
import { tierRoutes } from "./tiers/index.ts";
import { twoFactorRoute } from "./two-factor.tsx";
import { verifyEmailRoute } from "./verify-email.tsx";

export const routeTree = rootRoute.addChildren([
  indexRoute,
  guestRoute.addChildren([signInRoute, signUpRoute, twoFactorRoute, checkEmailRoute]),
  forgotPasswordRoute,
  pricingRoute,
  publicPageRoute,
  publicCourseRoute,
  certificateRoute,
  resetPasswordRoute,
  verifyEmailRoute,
  joinRoute,
  authedRoute.addChildren([
    accountRoute,
    ...adminRoutes,
    newOrganizationRoute,
    invitationRoute,
    // One line per domain: each lists its screens under the organization in routes/<domain>/.
    organizationRoute.addChildren([
      organizationDashboardRoute,
      ...spaceRoutes,
      ...eventRoutes,
      ...courseStudioRoutes,
      ...learningStatsRoutes,
      ...postRoutes,
      ...learnerRoutes,
      ...liveSessionRoutes,
      ...leadRoutes,
      ...taskRoutes,
      ...memberRoutes,
      ...joinRequestRoutes,
      ...profileRoutes,
      ...searchRoutes,
      ...notificationRoutes,
      ...messageRoutes,
      ...assistantRoutes,
      ...creditRoutes,
      ...tierRoutes,
      ...billingRoutes,
      ...auditLogRoutes,
      ...moderationRoutes,
      ...achievementRoutes,
      ...studioRoutes,
      organizationSettingsRoute,
    ]),
  ]),
]);
