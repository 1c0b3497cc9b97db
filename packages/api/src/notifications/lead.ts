import { and, eq, inArray, lead, live } from "@guild/db";
import { hasCrmAccess } from "../policies/lead.ts";
import { crmBulkAssigned } from "./crm-summary.ts";
import { notificationKind } from "./define.ts";

/** A member became a lead's owner through someone else (lead.create or lead.update). */
export const leadAssigned = notificationKind({
  kind: "lead.assigned",
  label: "A lead is assigned to you",
  defaults: { inApp: true, mail: true },
  async describe(scope, targetIds) {
    // Leads are the CRM's (policies/lead.ts): an owner who lost CRM access reads no lead here.
    if (scope.actor.kind === "member" && !hasCrmAccess(scope.actor)) return new Map();
    const rows = await scope.db
      .select({ id: lead.id, name: lead.name })
      .from(lead)
      .where(
        and(eq(lead.organizationId, scope.organizationId), inArray(lead.id, targetIds), live(lead)),
      );
    return new Map(rows.map((row) => [row.id, { name: row.name, path: `/leads/${row.id}` }]));
  },
  text: ({ actorName, target }) =>
    `${actorName ?? "Someone"} assigned you ${target ? `the lead ${target.name}` : "a lead that is no longer available"}`,
});

/**
 * Leads given to a member in one bulk action (lead.bulkAssign) by someone else: one summary per
 * action, not one notification per lead. Its target is the new owner (a member), and its link the
 * leads list filtered to what they own.
 */
export const leadsBulkAssigned = crmBulkAssigned({
  kind: "lead.bulk_assigned",
  label: "Several leads are assigned to you at once",
  noun: ["lead", "leads"],
  path: (ownerId) => `/leads?owner=${ownerId}`,
});
