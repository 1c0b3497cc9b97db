// What members write on a lead's timeline: the inputs of the note procedures, shared with the
// web's note form.
import {
  type LeadNoteKind,
  type LeadNoteOutcome,
  leadNoteKinds,
  leadNoteOutcomes,
  outcomesByKind,
} from "@guild/db/enums";
import { z } from "zod";
import { idSchema, text, timestamp } from "./common.ts";

/** What people read for each kind and outcome. */
export const leadNoteKindLabels: Record<LeadNoteKind, string> = {
  note: "Note",
  call: "Call",
  meeting: "Meeting",
  email: "Email",
};
export const leadNoteOutcomeLabels: Record<LeadNoteOutcome, string> = {
  connected: "Connected",
  no_answer: "No answer",
  left_voicemail: "Left voicemail",
  held: "Held",
  no_show: "No-show",
  rescheduled: "Rescheduled",
};

/** The outcomes a kind offers (none for notes and emails). */
export function outcomesOf(kind: LeadNoteKind): readonly LeadNoteOutcome[] {
  return kind === "call" || kind === "meeting" ? outcomesByKind[kind] : [];
}

/** Whether a kind records how long it took and how it went: calls and meetings. */
export const hasOutcome = (kind: LeadNoteKind) => outcomesOf(kind).length > 0;

export const MAX_NOTE_LENGTH = 10_000;
/** A day: a longer meeting is several entries. */
export const MAX_DURATION_MINUTES = 1440;

/** The fields a member writes; the form checks them with this schema too. */
export const leadNoteFields = z
  .object({
    kind: z.enum(leadNoteKinds, "Choose a note, call, meeting or email"),
    body: text()
      .trim()
      .min(1, "Write what happened")
      .max(MAX_NOTE_LENGTH, `Keep it to ${MAX_NOTE_LENGTH} characters`),
    /** When it happened; default: now. */
    occurredAt: timestamp().optional(),
    durationMinutes: z
      .number("Enter the minutes as a number")
      .int("Enter whole minutes")
      .min(1, "The duration must be at least a minute")
      .max(MAX_DURATION_MINUTES, "The duration must be at most a day (1440 minutes)")
      .nullable()
      .optional(),
    outcome: z.enum(leadNoteOutcomes, "Choose an outcome").nullable().optional(),
  })
  .superRefine((note, ctx) => {
    if (note.outcome && !outcomesOf(note.kind).includes(note.outcome))
      ctx.addIssue({
        code: "custom",
        path: ["outcome"],
        message: hasOutcome(note.kind)
          ? `That is not an outcome of a ${note.kind}`
          : `A ${note.kind} has no outcome`,
      });
    if (note.durationMinutes != null && !hasOutcome(note.kind))
      ctx.addIssue({
        code: "custom",
        path: ["durationMinutes"],
        message: `A ${note.kind} has no duration`,
      });
  });

export const addLeadNoteInput = leadNoteFields.safeExtend({ leadId: idSchema });
/** The whole note again, as its edit form holds it. */
export const updateLeadNoteInput = leadNoteFields.safeExtend({ id: idSchema });
