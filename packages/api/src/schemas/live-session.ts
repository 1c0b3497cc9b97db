// Live sessions (issue 13 §2, seed 004's live_sessions and session_participants): the inputs of
// the liveSession procedures, shared with the web's forms (the feedback form and the host's
// session settings check them before sending and show the server's issues by their fields).
import {
  EVENT_FEEDBACK_COMMENT_MAX,
  EVENT_MIN_LEVEL_MAX,
  EVENT_URL_MAX,
  eventSessionTypes,
  SESSION_ATTENDED_XP,
} from "@guild/db/enums";
import { z } from "zod";
import { idSchema, text, webAddress } from "./common.ts";

/** What attending a live session earns (learning's XP ledger, kind session_attended): once. */
export const SESSION_XP = SESSION_ATTENDED_XP;

/**
 * How long before its start a session can be joined (its online link opened): the waiting room.
 * Until its end; after it, feedback and the recording take over.
 */
export const JOIN_OPENS_BEFORE_MS = 10 * 60_000;

export const eventIdInput = z.object({ eventId: idSchema });

/** The host's settings of a live session: what it belongs to, its type, who may join. */
export const configureLiveSessionInput = z.object({
  eventId: idSchema,
  /** The course it belongs to (a course the host sees, of this organization), or none. */
  courseId: idSchema.nullable(),
  /** A lesson of that course (or of any course the host sees: its course is then taken). */
  lessonId: idSchema.nullable(),
  sessionType: z.enum(eventSessionTypes, "Choose a session type").nullable(),
  minLevel: z
    .int("Enter a whole number")
    .min(1, "At least level 1")
    .max(EVENT_MIN_LEVEL_MAX, `At most level ${EVENT_MIN_LEVEL_MAX}`)
    .nullable(),
});

/** A recording's address (http or https only). */
export const recordingUrl = webAddress(EVENT_URL_MAX, "Enter the recording's address");

/** null takes the recording away. */
export const setRecordingInput = z.object({
  eventId: idSchema,
  recordingUrl: recordingUrl.nullable(),
});

export const feedbackInput = z.object({
  eventId: idSchema,
  rating: z.int("Choose a rating from 1 to 5").min(1, "At least 1").max(5, "At most 5"),
  comment: text()
    .trim()
    .max(
      EVENT_FEEDBACK_COMMENT_MAX,
      `A comment has at most ${EVENT_FEEDBACK_COMMENT_MAX} characters`,
    )
    .default(""),
});

/** Session types in words (the web's select and badges). */
export const sessionTypeLabels: Record<(typeof eventSessionTypes)[number], string> = {
  workshop: "Workshop",
  qa: "Q&A",
  office_hours: "Office hours",
  presentation: "Presentation",
};
