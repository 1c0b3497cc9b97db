import { ASSISTANT_MAX_CREDITS_PER_MESSAGE } from "@guild/db/enums";
import { z } from "zod";
import { idSchema, lineOfText, text, timestamp } from "./common.ts";

/** A question's length: a long paste fits, a book does not (the model reads all of it). */
export const ASSISTANT_MESSAGE_MAX = 4000;
export const ASSISTANT_TITLE_MAX = 120;

export const assistantConversationCursor = z.object({ lastMessageAt: timestamp(), id: idSchema });

/** The member's conversations, most recent first; `search` finds words of titles and messages. */
export const listAssistantConversationsInput = z.object({
  search: text().trim().max(200).optional(),
  limit: z.number().int().min(1).max(50).default(20),
  cursor: assistantConversationCursor.nullish(),
});

export const renameAssistantConversationInput = z.object({
  id: idSchema,
  title: lineOfText()
    .trim()
    .min(1, "Give the conversation a title")
    .max(ASSISTANT_TITLE_MAX, `A title has at most ${ASSISTANT_TITLE_MAX} characters`),
});

/**
 * A question. No conversationId starts a new conversation. The idempotency key is the client's
 * (one per question): a resent question is refused instead of answered and charged twice.
 */
export const sendAssistantMessageInput = z.object({
  conversationId: idSchema.nullish(),
  text: text()
    .trim()
    .min(1, "Write a question")
    .max(ASSISTANT_MESSAGE_MAX, `A message has at most ${ASSISTANT_MESSAGE_MAX} characters`),
  idempotencyKey: text().min(8, "Invalid idempotency key").max(100, "Invalid idempotency key"),
});

export const updateAssistantSettingsInput = z.object({
  enabled: z.boolean(),
  creditsPerMessage: z
    .number()
    .int("Use a whole number of credits")
    .min(0, "A message costs 0 credits or more")
    .max(
      ASSISTANT_MAX_CREDITS_PER_MESSAGE,
      `A message costs at most ${ASSISTANT_MAX_CREDITS_PER_MESSAGE} credits`,
    ),
});
