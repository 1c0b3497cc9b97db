export const leadStatuses = [
  "new",
  "contacted",
  "qualified",
  "proposal",
  "negotiation",
  "won",
  "lost",
] as const;
export type LeadStatus = (typeof leadStatuses)[number];

export const leadSources = ["website", "referral", "social", "event", "outbound", "other"] as const;
export type LeadSource = (typeof leadSources)[number];
