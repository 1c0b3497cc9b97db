/** What a member writes on a lead's timeline: a plain note, or a call, meeting or email logged. */
export const leadNoteKinds = ["note", "call", "meeting", "email"] as const;
export type LeadNoteKind = (typeof leadNoteKinds)[number];

/** How a logged call or meeting went; notes and emails have none. */
export const leadNoteOutcomes = [
  "connected",
  "no_answer",
  "left_voicemail",
  "held",
  "no_show",
  "rescheduled",
] as const;
export type LeadNoteOutcome = (typeof leadNoteOutcomes)[number];

/** The outcomes that fit each kind that has any. */
export const outcomesByKind = {
  call: ["connected", "no_answer", "left_voicemail"],
  meeting: ["held", "no_show", "rescheduled"],
} as const satisfies Partial<Record<LeadNoteKind, readonly LeadNoteOutcome[]>>;
