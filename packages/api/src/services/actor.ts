// Who acts in a tenant scope: a member with their role, or the system (jobs and webhooks, which
// run for the organization and are never refused what its staff may do).
import { hasRole, type MemberRole, type TenantScope } from "@guild/db";

/** The system, or a member at `role` or above: who may do what that role's staff do. */
export const actsAs = (scope: TenantScope, role: MemberRole): boolean =>
  scope.actor.kind === "system" ||
  (scope.actor.kind === "member" && hasRole(scope.actor.role, role));
