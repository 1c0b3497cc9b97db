// Enum values as plain arrays, with no drizzle import: the web app's forms import them (through
// @guild/api's zod schemas) without pulling the ORM into the browser bundle.
export const memberRoles = ["owner", "admin", "moderator", "member"] as const;
export type MemberRole = (typeof memberRoles)[number];

export const invitationStatuses = ["pending", "accepted", "declined", "revoked"] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

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
