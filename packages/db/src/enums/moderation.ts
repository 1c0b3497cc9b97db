// Moderation (schema/moderation.ts): why members report content, and where a report stands.
// Plain values, no drizzle import: the web's report dialog and the API's zod schemas use them.

/** Why a member reports a post or comment (with optional words of their own). */
export const reportReasons = [
  "spam",
  "harassment",
  "hate",
  "misinformation",
  "off_topic",
  "other",
] as const;
export type ReportReason = (typeof reportReasons)[number];

/** open → dismissed (nothing wrong) or actioned (a moderator hid or deleted the content). */
export const reportStatuses = ["open", "dismissed", "actioned"] as const;
export type ReportStatus = (typeof reportStatuses)[number];

/** What a moderator does to resolve a report. */
export const reportResolutions = ["dismiss", "hide", "delete"] as const;
export type ReportResolution = (typeof reportResolutions)[number];

export const REPORT_DETAILS_MAX = 500;
