// Re-exported so apps and packages don't depend on drizzle-orm directly.
export {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  max,
  min,
  ne,
  not,
  notInArray,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
export type { AnyPgColumn } from "drizzle-orm/pg-core";
export { createDb, type Database, type Schema, type Sql } from "./client.ts";
export { compiledSelect } from "./compiled.ts";
export * from "./enums/index.ts";
export { type EventReminderJob, scheduleEventReminders } from "./event-reminder.ts";
export { scheduleSessionClose } from "./live-session-close.ts";
export {
  type OrganizationPlanRow,
  readOrganizationPlan,
} from "./organization-plan.ts";
export { withGenericPlan } from "./plan.ts";
export {
  addressHash,
  countForAddress,
  decide,
  nextWindow,
  type RateWindow,
  uncountForAddress,
  type WindowDecision,
} from "./rate-window.ts";
export { isRetryableConflict, retryOnConflict } from "./retry.ts";
export * from "./schema/index.ts";
export * from "./scope.ts";
export { SEARCH_MAX_IDS, searchedRows, searchMatches, searchWords } from "./search.ts";
export {
  STUDIO_PUBLISH_ATTEMPTS,
  type StudioPublishJob,
  scheduleStudioPublish,
} from "./studio-publish.ts";
export { scheduleTaskReminder, type TaskReminderJob } from "./task-reminder.ts";
export {
  asSystem,
  isBanned,
  type MemberScope,
  type Membership,
  NotAMemberError,
  type SessionMembershipInput,
  type SessionUser,
  type TenantDb,
  type TenantTarget,
  withSessionMembership,
  withTenant,
} from "./tenant.ts";
export { isLocalDatabase, redactPassword } from "./url.ts";
