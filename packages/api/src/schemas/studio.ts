// Content studio inputs (issue 14 §2), shared with the web's brief form, editor and dialogs.
import {
  STUDIO_POST_MAX,
  studioLengths,
  studioPlatforms,
  studioPostStates,
  studioTargets,
  studioTones,
} from "@guild/db/enums";
import { z } from "zod";
import { byIdInput, idSchema, text, timestamp } from "./common.ts";

export { STUDIO_POST_MAX };

/** A post's text: at most 500 characters (the table's CHECK says the same). */
export const studioBody = () =>
  text().max(STUDIO_POST_MAX, `A post has at most ${STUDIO_POST_MAX} characters`);

/** The brief a post is generated from. */
export const studioBriefShape = {
  topic: text()
    .trim()
    .min(1, "Say what the post is about")
    .max(300, "Keep the topic under 300 characters"),
  tone: z.enum(studioTones),
  platform: z.enum(studioPlatforms),
  length: z.enum(studioLengths),
};
export const studioBrief = z.object(studioBriefShape);

/** What a generation produced, saved with the post (studio.save's optional part). */
const generationShape = z.object({
  model: text().max(200),
  prompt: text().max(4000),
  promptTokens: z.number().int().min(0).max(1_000_000).nullable(),
  completionTokens: z.number().int().min(0).max(1_000_000).nullable(),
});

/** studio.save: a new draft, written by hand or from a generation. */
export const saveStudioPostInput = z.object({
  ...studioBriefShape,
  topic: studioBriefShape.topic.optional().default(""),
  body: studioBody(),
  generation: generationShape.nullish(),
});

/** studio.update: the text and brief of a draft or failed post (a scheduled one: unschedule first). */
export const updateStudioPostInput = z.object({
  id: idSchema,
  body: studioBody(),
  topic: text().trim().max(300).optional(),
  tone: z.enum(studioTones).optional(),
  platform: z.enum(studioPlatforms).optional(),
  length: z.enum(studioLengths).optional(),
});

export const studioCursor = z.object({ updatedAt: timestamp(), id: idSchema });

/** studio.list: the member's posts in one state, most recently changed first. */
export const listStudioPostsInput = z.object({
  state: z.enum(studioPostStates),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: studioCursor.nullish(),
});

/** studio.calendar: scheduled and published posts whose instant is in [from, to), at most 92 days. */
export const studioCalendarInput = z
  .object({ from: timestamp(), to: timestamp() })
  .refine((r) => r.to.getTime() > r.from.getTime(), {
    message: "The range must end after it starts",
    path: ["to"],
  })
  .refine((r) => r.to.getTime() - r.from.getTime() <= 92 * 86_400_000, {
    message: "Show at most three months at once",
    path: ["to"],
  });

/** studio.schedule: when and where (a space, or the organization's webhook). */
export const scheduleStudioPostInput = z.discriminatedUnion("target", [
  z.object({ id: idSchema, target: z.literal("space"), spaceId: idSchema, at: timestamp() }),
  z.object({ id: idSchema, target: z.literal("webhook"), at: timestamp() }),
]);

export const studioPostIdInput = byIdInput;

/** studio.setWebhook: the organization's outgoing webhook (admins). */
export const setStudioWebhookInput = z.object({
  // Any host, addresses and localhost included: the receiver may be a relay on the same network.
  url: text()
    .trim()
    .min(1, "Enter the webhook's address")
    .max(2000, "An address has at most 2000 characters")
    .pipe(
      z.url({
        protocol: /^https?$/,
        error: "Enter a web address starting with http:// or https://",
      }),
    ),
});

export const studioTargetSchema = z.enum(studioTargets);

/** studio.generate: a brief, and the client's key for the credit spend (a retry spends once). */
export const generateStudioPostInput = studioBrief.extend({
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, "Invalid idempotency key"),
});
