import type { ReportReason } from "@guild/db/enums";

/** A report's reason in words (the report dialog's choices, the queue's rows). */
export const reasonWords: Record<ReportReason, string> = {
  spam: "Spam",
  harassment: "Harassment",
  hate: "Hate",
  misinformation: "Misinformation",
  off_topic: "Off topic",
  other: "Other",
};
