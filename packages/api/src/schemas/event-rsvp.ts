import { eventRsvpStatuses } from "@guild/db/enums";
import { z } from "zod";
import { idSchema } from "./common.ts";

// RSVPs (services/event-rsvp.ts). A member answers going, maybe or not going; "waitlisted" is
// never asked for: it is what "going" becomes when every seat is taken.

/** What a member may answer. */
export const rsvpAnswers = ["going", "maybe", "not_going"] as const;
export type RsvpAnswer = (typeof rsvpAnswers)[number];

export const rsvpStatusSchema = z.enum(eventRsvpStatuses);

export const respondInput = z.object({
  eventId: idSchema,
  status: z.enum(rsvpAnswers, "Answer going, maybe or not going"),
});

export const rsvpEventInput = z.object({ eventId: idSchema });
