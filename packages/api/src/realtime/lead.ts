import { and, eq, inArray, lead } from "@guild/db";
import { eventDomain } from "./define.ts";

export const leadEvents = eventDomain({
  kinds: ["lead.created", "lead.updated", "lead.status_changed", "lead.deleted", "lead.restored"],
  // The leads the reader can read now (soft-deleted ones too: a deletion must reach the lists
  // that still show the lead). Read through the reader's own scope, so whatever rule decides who
  // reads leads decides this too.
  async visibleTargets({ scope }, targetIds) {
    const rows = await scope.db
      .select({ id: lead.id })
      .from(lead)
      .where(and(eq(lead.organizationId, scope.organizationId), inArray(lead.id, targetIds)));
    return new Set(rows.map((row) => row.id));
  },
});
