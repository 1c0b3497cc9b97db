import { accountRoute } from "./account";
import { authedRoute } from "./authed";
import { checkEmailRoute } from "./check-email";
import { forgotPasswordRoute } from "./forgot-password";
import { guestRoute } from "./guest";
import { indexRoute } from "./index";
import { invitationRoute } from "./invitation";
import { leadDetailRoute } from "./lead-detail";
import { leadEditRoute } from "./lead-edit";
import { leadNewRoute } from "./lead-new";
import { leadsRoute } from "./leads";
import { membersRoute } from "./members";
import { newOrganizationRoute } from "./new-organization";
import { organizationRoute } from "./organization";
import { organizationDashboardRoute } from "./organization-dashboard";
import { organizationSettingsRoute } from "./organization-settings";
import { pipelineRoute } from "./pipeline";
import { resetPasswordRoute } from "./reset-password";
import { rootRoute } from "./root";
import { signInRoute } from "./sign-in";
import { signUpRoute } from "./sign-up";
import { twoFactorRoute } from "./two-factor";
import { verifyEmailRoute } from "./verify-email";

export const routeTree = rootRoute.addChildren([
  indexRoute,
  guestRoute.addChildren([signInRoute, signUpRoute, twoFactorRoute, checkEmailRoute]),
  forgotPasswordRoute,
  resetPasswordRoute,
  verifyEmailRoute,
  authedRoute.addChildren([
    accountRoute,
    newOrganizationRoute,
    invitationRoute,
    organizationRoute.addChildren([
      organizationDashboardRoute,
      leadsRoute,
      leadNewRoute,
      leadDetailRoute,
      leadEditRoute,
      pipelineRoute,
      membersRoute,
      organizationSettingsRoute,
    ]),
  ]),
]);
