// The CRM (leads) is staff-only: owners and admins by their role, moderators and members once
// an admin grants them CRM access. Moderators are not staff by default: they moderate the
// community, and the CRM holds customers' emails and phone numbers, so they need the same grant
// as anyone else. Every lead procedure, and any search, export or live feed of leads, asks here.
import { hasRole } from "@guild/db/enums";
import { definePolicy, type PolicyActor } from "./policy.ts";

/** Whether the role alone gives CRM access (then there is nothing to grant or revoke). */
export function hasCrmAccessByRole(role: PolicyActor["role"]): boolean {
  return hasRole(role, "admin");
}

/** Staff: may see and work the leads. */
export function hasCrmAccess(actor: PolicyActor): boolean {
  return hasCrmAccessByRole(actor.role) || actor.crmAccess;
}

interface LeadResources {
  /** List, open, search and export leads, their timeline and the pipeline summary. */
  read: undefined;
  /** Create leads, edit them, move them through the pipeline. */
  write: undefined;
  /** Delete leads and undo it. */
  delete: undefined;
}

export const can = definePolicy<LeadResources>({
  read: hasCrmAccess,
  write: hasCrmAccess,
  delete: (actor) => hasCrmAccess(actor) && hasRole(actor.role, "admin"),
});
