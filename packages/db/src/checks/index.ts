// Every domain's part of `pnpm db:check` (registry.ts says how a domain writes its checks), one
// line each, in the order the report prints them. A domain adds its file next to these and a line
// here when its tables land.
import { creditChecks } from "./credit.ts";
import { memberTierChecks } from "./member-tier.ts";
import { orderChecks } from "./order.ts";
import { organizationPlanChecks } from "./organization-plan.ts";
import type { CheckDomain } from "./registry.ts";
import { stripeEventChecks } from "./stripe-event.ts";
import { studioChecks } from "./studio.ts";

export const checkDomains: readonly CheckDomain[] = [
  creditChecks,
  organizationPlanChecks,
  memberTierChecks,
  orderChecks,
  stripeEventChecks,
  studioChecks,
];

export {
  type CheckDomain,
  type CheckReport,
  type CheckResult,
  type Finding,
  formatReport,
  type GlobalCheck,
  runChecks,
  type TenantCheck,
} from "./registry.ts";
