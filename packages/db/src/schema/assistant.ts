// The AI assistant (issue 14 §3): a member's conversations with the model and their messages, and
// the organization's settings for it. Conversations and messages are member-owned: row-level
// security shows a member only their own, to admins and owners too. What the model was told by
// its tools is stored with the answer (tool calls and their results), as the member saw it.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, text, unique, uuid } from "drizzle-orm/pg-core";
import {
  ASSISTANT_MAX_CREDITS_PER_MESSAGE,
  assistantMessageRoles,
  assistantMessageStatuses,
} from "../enums/assistant.ts";
import {
  instant,
  memberOwnedTable,
  tenantRef,
  tenantTable,
  textEnum,
  updatedAt,
} from "./helpers.ts";
import { searchable } from "./search.ts";

/** One tool call of an answer: which tool, with what input, and what it gave the model. */
export interface AssistantToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
  output: unknown;
}

export const assistantConversation = memberOwnedTable(
  "assistant_conversation",
  {
    /** The first question's start until the member renames it. */
    title: text().notNull(),
    /** The list's order: the conversation last written in comes first. */
    lastMessageAt: instant().notNull().defaultNow(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // The member's list, most recent first (keyset).
    index("assistant_conversation_member_last_idx").on(
      t.organizationId,
      t.memberId,
      t.lastMessageAt,
      t.id,
    ),
  ],
);

export const assistantMessage = memberOwnedTable(
  "assistant_message",
  {
    conversationId: uuid().notNull(),
    role: textEnum(assistantMessageRoles).notNull(),
    content: text().notNull().default(""),
    status: textEnum(assistantMessageStatuses).notNull(),
    toolCalls: jsonb().$type<AssistantToolCall[]>().notNull().default([]),
    /** The model that answered (its name, or the stand-in's label). */
    model: text(),
    promptTokens: integer(),
    completionTokens: integer(),
    /** A failed answer: what the member was told, and its reason (AI_TIMEOUT…). */
    error: text(),
    errorReason: text(),
    /**
     * A question: the client's idempotency key (a resent question is refused, and its credits
     * are never spent twice), and what the answer cost (0 once refunded).
     */
    idempotencyKey: text(),
    credits: integer().notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantRef(t, t.conversationId, () => assistantConversation, {
      onDelete: "cascade",
      name: "assistant_message_conversation_fk",
    }),
    check("assistant_message_credits_check", sql`${t.credits} >= 0`),
    unique("assistant_message_organization_id_member_id_idempotency_key_key").on(
      t.organizationId,
      t.memberId,
      t.idempotencyKey,
    ),
    // A conversation's messages in order.
    index("assistant_message_conversation_idx").on(
      t.organizationId,
      t.conversationId,
      t.createdAt,
      t.id,
    ),
  ],
);

searchable(assistantConversation, "assistant_conversation", [assistantConversation.title]);
searchable(assistantMessage, "assistant_message", [assistantMessage.content]);

/** The organization's assistant settings; without a row the defaults apply (on, 1 credit). */
export const assistantSettings = tenantTable(
  "assistant_settings",
  {
    enabled: boolean().notNull().default(true),
    creditsPerMessage: integer().notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("assistant_settings_organization_id_key").on(t.organizationId),
    check(
      "assistant_settings_credits_per_message_check",
      sql`${t.creditsPerMessage} between 0 and ${sql.raw(String(ASSISTANT_MAX_CREDITS_PER_MESSAGE))}`,
    ),
  ],
);
