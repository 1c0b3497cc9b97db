// Apart from lead.ts and free of zod, like lead-sort.ts: the leads list and the dashboard show
// labels and columns and cap bulk selections with these, and should not download zod (~22 kB gz)
// before their first paint. lead.ts re-exports them for the API.
import type { LeadSource, LeadStatus } from "@guild/db/enums";

/** What people read for each status and source: the screens and the CSV export. */
export const leadStatusLabels: Record<LeadStatus, string> = {
  new: "New",
  contacted: "Contacted",
  qualified: "Qualified",
  proposal: "Proposal",
  negotiation: "Negotiation",
  won: "Won",
  lost: "Lost",
};
export const leadSourceLabels: Record<LeadSource, string> = {
  website: "Website",
  referral: "Referral",
  social: "Social",
  event: "Event",
  outbound: "Outbound",
  other: "Other",
};

/**
 * The most leads one bulk action changes (by filter or by ids): a bigger set is refused with a
 * request to narrow the filter, so one request never holds thousands of row locks for long.
 */
export const LEAD_BULK_LIMIT = 5000;

/** The columns of the leads table a member may hide (the name always shows). */
export const leadTableColumns = [
  "company",
  "status",
  "value",
  "owner",
  "source",
  "createdAt",
  "updatedAt",
] as const;
export type LeadTableColumn = (typeof leadTableColumns)[number];
