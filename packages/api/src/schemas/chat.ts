// Chat spaces and direct messages: the inputs of their procedures, shared with the web's composer.
import { CONVERSATION_MAX_MEMBERS, MESSAGE_BODY_MAX } from "@guild/db/enums";
import { z } from "zod";
import { idSchema, text, timestamp } from "./common.ts";

/** A message's markdown source: trimmed, not empty, bounded like the database's CHECK. */
export const messageBody = text()
  .trim()
  .min(1, "Write a message")
  .max(MESSAGE_BODY_MAX, `A message has at most ${MESSAGE_BODY_MAX} characters`);

/** Where a page of history starts: the oldest message of the page before (newest first). */
export const messageCursor = z.object({ createdAt: timestamp(), id: idSchema });
export type MessageCursor = z.infer<typeof messageCursor>;

const page = {
  limit: z.number().int().min(1).max(100).default(50),
  cursor: messageCursor.nullish(),
};

export const chatHistoryInput = z.object({ spaceId: idSchema, ...page });
export const postChatMessageInput = z.object({ spaceId: idSchema, body: messageBody });
export const editMessageInput = z.object({ id: idSchema, body: messageBody });
export const messageIdInput = z.object({ id: idSchema });
export const chatTypingInput = z.object({ spaceId: idSchema });

export const startConversationInput = z.object({
  /** The other participants (the caller is added): one for a one-to-one conversation. */
  memberIds: z
    .array(idSchema)
    .min(1, "Choose someone to write to")
    .max(
      CONVERSATION_MAX_MEMBERS - 1,
      `A conversation has at most ${CONVERSATION_MAX_MEMBERS} people`,
    ),
});
export const conversationIdInput = z.object({ conversationId: idSchema });
/** People joining a group (the server checks how many places are left). */
export const addPeopleInput = z.object({
  conversationId: idSchema,
  memberIds: z
    .array(idSchema)
    .min(1, "Choose someone to add")
    .max(
      CONVERSATION_MAX_MEMBERS - 1,
      `A conversation has at most ${CONVERSATION_MAX_MEMBERS} people`,
    ),
});
export const removePersonInput = z.object({ conversationId: idSchema, memberId: idSchema });
export const conversationHistoryInput = z.object({ conversationId: idSchema, ...page });
export const sendDirectMessageInput = z.object({ conversationId: idSchema, body: messageBody });
/** A member's conversations, most recent message first; the cursor's createdAt is lastMessageAt. */
export const listConversationsInput = z.object({
  limit: z.number().int().min(1).max(100).default(30),
  cursor: messageCursor.nullish(),
});
export const blockMemberInput = z.object({ memberId: idSchema });
