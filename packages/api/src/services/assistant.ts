// The AI assistant's stored side (schema/assistant.ts): the organization's settings, and each
// member's conversations and messages. Conversations are member-owned: every query names the
// acting member as well as the organization (row-level security would hide the rows anyway), so
// another member's conversation, an admin's included, is an id that does not exist.
// The model call itself (services/assistant-chat.ts) runs between these short transactions.
import {
  type AssistantToolCall,
  and,
  assistantConversation,
  assistantMessage,
  assistantSettings,
  eq,
  type SQL,
  searchMatches,
  searchWords,
  sql,
  type TenantScope,
} from "@guild/db";
import type { z } from "zod";
import { notFound } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import type {
  listAssistantConversationsInput,
  renameAssistantConversationInput,
  updateAssistantSettingsInput,
} from "../schemas/assistant.ts";
import { ASSISTANT_TITLE_MAX } from "../schemas/assistant.ts";
import { changesBetween, recordActivity } from "./activity.ts";
import { actingMember } from "./member.ts";

/** Without a settings row: on, one credit a message. */
export const DEFAULT_ASSISTANT_SETTINGS = { enabled: true, creditsPerMessage: 1 } as const;

/** assistant.settings: whether the assistant is on, and what a message costs in credits. */
export async function getAssistantSettings(scope: TenantScope) {
  const [row] = await scope.db
    .select({
      enabled: assistantSettings.enabled,
      creditsPerMessage: assistantSettings.creditsPerMessage,
    })
    .from(assistantSettings)
    .where(eq(assistantSettings.organizationId, scope.organizationId));
  return row ?? { ...DEFAULT_ASSISTANT_SETTINGS };
}

/** assistant.updateSettings (admins): one row per organization, written in place. */
export async function updateAssistantSettings(
  scope: TenantScope,
  input: z.output<typeof updateAssistantSettingsInput>,
) {
  const before = await getAssistantSettings(scope);
  await scope.db
    .insert(assistantSettings)
    .values({ organizationId: scope.organizationId, ...input })
    .onConflictDoUpdate({
      target: [assistantSettings.organizationId],
      set: { ...input, updatedAt: scope.now() },
    });
  await recordActivity(scope, {
    action: "assistant.settings_changed",
    target: { type: "organization", id: scope.organizationId },
    changes: changesBetween(before, input, ["enabled", "creditsPerMessage"]),
  });
  return getAssistantSettings(scope);
}

/** Tells the member's other tabs that one of their conversations changed. */
function conversationChanged(scope: TenantScope, memberId: string, conversationId: string) {
  return publish(scope, {
    kind: "assistant.message",
    target: { type: "assistant_conversation", id: conversationId },
    audienceMemberId: memberId,
  });
}

const ownConversation = (scope: TenantScope, memberId: string, id: string) =>
  and(
    eq(assistantConversation.organizationId, scope.organizationId),
    eq(assistantConversation.memberId, memberId),
    eq(assistantConversation.id, id),
  );

const conversationColumns = {
  id: assistantConversation.id,
  title: assistantConversation.title,
  createdAt: assistantConversation.createdAt,
  lastMessageAt: assistantConversation.lastMessageAt,
};

/**
 * assistant.list: the acting member's conversations, last written in first (keyset). A search
 * matches a conversation when every word is a prefix of a word of its title, or of one of its
 * messages. It checks the member's own conversations one by one (search_term probes): a member's
 * list is short, and this way another member's words never come near the query's answer.
 */
export async function listAssistantConversations(
  scope: TenantScope,
  input: z.output<typeof listAssistantConversationsInput>,
) {
  const { memberId } = actingMember(scope);
  const where: SQL[] = [
    eq(assistantConversation.organizationId, scope.organizationId),
    eq(assistantConversation.memberId, memberId),
  ];
  if (input.cursor)
    where.push(
      sql`(${assistantConversation.lastMessageAt}, ${assistantConversation.id}) < (${input.cursor.lastMessageAt.toISOString()}::timestamptz, ${input.cursor.id}::uuid)`,
    );
  if (input.search) {
    const words = searchWords(sql`${input.search}`);
    const inTitle = searchMatches({
      kinds: ["assistant_conversation"],
      words,
      organizationId: sql`${scope.organizationId}::uuid`,
      targetId: assistantConversation.id,
    });
    const inMessage = searchMatches({
      kinds: ["assistant_message"],
      words,
      organizationId: sql`${scope.organizationId}::uuid`,
      targetId: sql`m.id`,
    });
    where.push(sql`(${inTitle} or exists (
      select from ${assistantMessage} as m
      where m.organization_id = ${assistantConversation.organizationId}
        and m.conversation_id = ${assistantConversation.id} and ${inMessage}))`);
  }
  const rows = await scope.db
    .select(conversationColumns)
    .from(assistantConversation)
    .where(and(...where))
    .orderBy(
      sql`${assistantConversation.lastMessageAt} desc`,
      sql`${assistantConversation.id} desc`,
    )
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > input.limit && last ? { lastMessageAt: last.lastMessageAt, id: last.id } : null,
  };
}

const messageColumns = {
  id: assistantMessage.id,
  role: assistantMessage.role,
  content: assistantMessage.content,
  status: assistantMessage.status,
  toolCalls: assistantMessage.toolCalls,
  model: assistantMessage.model,
  credits: assistantMessage.credits,
  error: assistantMessage.error,
  errorReason: assistantMessage.errorReason,
  createdAt: assistantMessage.createdAt,
};

async function findConversation(scope: TenantScope, memberId: string, id: string) {
  const [row] = await scope.db
    .select(conversationColumns)
    .from(assistantConversation)
    .where(ownConversation(scope, memberId, id));
  return row ?? null;
}

/** The acting member's conversation, or NOT_FOUND (someone else's too: it is not theirs to know). */
export async function readOwnConversation(scope: TenantScope, id: string) {
  const { memberId } = actingMember(scope);
  const found = await findConversation(scope, memberId, id);
  if (!found) throw notFound("Conversation");
  return found;
}

/** A conversation's messages in order (the caller has checked it is the member's). */
export function conversationMessages(scope: TenantScope, conversationId: string) {
  return scope.db
    .select(messageColumns)
    .from(assistantMessage)
    .where(
      and(
        eq(assistantMessage.organizationId, scope.organizationId),
        eq(assistantMessage.conversationId, conversationId),
      ),
    )
    .orderBy(assistantMessage.createdAt, assistantMessage.id);
}

/** assistant.get: the conversation and its messages. */
export async function getAssistantConversation(scope: TenantScope, id: string) {
  const conversation = await readOwnConversation(scope, id);
  return { ...conversation, messages: await conversationMessages(scope, id) };
}

export async function renameAssistantConversation(
  scope: TenantScope,
  input: z.output<typeof renameAssistantConversationInput>,
) {
  const { memberId } = actingMember(scope);
  const [row] = await scope.db
    .update(assistantConversation)
    .set({ title: input.title, updatedAt: scope.now() })
    .where(ownConversation(scope, memberId, input.id))
    .returning(conversationColumns);
  if (!row) throw notFound("Conversation");
  await conversationChanged(scope, memberId, row.id);
  return row;
}

/** assistant.remove: the conversation and its messages, for good (the member's own history). */
export async function removeAssistantConversation(scope: TenantScope, id: string) {
  const { memberId } = actingMember(scope);
  const [row] = await scope.db
    .delete(assistantConversation)
    .where(ownConversation(scope, memberId, id))
    .returning({ id: assistantConversation.id });
  if (!row) throw notFound("Conversation");
  await conversationChanged(scope, memberId, row.id);
  return row;
}

/** A new conversation's title: the question's first line, cut at a word near the limit. */
export function titleFromQuestion(question: string): string {
  const line = (question.split("\n").find((l) => l.trim()) ?? question).trim().replace(/\s+/g, " ");
  if (line.length <= ASSISTANT_TITLE_MAX) return line;
  const cut = line.slice(0, ASSISTANT_TITLE_MAX - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > ASSISTANT_TITLE_MAX / 2 ? cut.slice(0, space) : cut}…`;
}

/** Earlier messages the model is given: a long conversation's oldest turns drop out of its context. */
export const ASSISTANT_HISTORY_MESSAGES = 20;

/** What the model is told of a conversation's earlier turns: finished or stopped text only. */
export type HistoryMessage = { role: "user" | "assistant"; content: string };

/**
 * The start of a turn, in the caller's transaction: the member's conversation (a new one when
 * none is named), their question, and the answer's row, `streaming` until the model is done.
 * Returns the earlier messages for the model's context.
 */
export async function startAssistantTurn(
  scope: TenantScope,
  input: { conversationId: string | null; text: string; idempotencyKey: string; credits: number },
) {
  const { memberId } = actingMember(scope);
  const now = scope.now();
  let conversationId = input.conversationId;
  let history: HistoryMessage[] = [];
  if (conversationId) {
    const [updated] = await scope.db
      .update(assistantConversation)
      .set({ lastMessageAt: now, updatedAt: now })
      .where(ownConversation(scope, memberId, conversationId))
      .returning({ id: assistantConversation.id });
    if (!updated) throw notFound("Conversation");
    history = (await conversationMessages(scope, conversationId))
      .filter((m) => m.content && (m.status === "complete" || m.status === "stopped"))
      .map((m) => ({ role: m.role, content: m.content }))
      .slice(-ASSISTANT_HISTORY_MESSAGES);
  } else {
    const [created] = await scope.db
      .insert(assistantConversation)
      .values({
        organizationId: scope.organizationId,
        memberId,
        title: titleFromQuestion(input.text),
        lastMessageAt: now,
      })
      .returning({ id: assistantConversation.id });
    if (!created) throw new Error("conversation insert returned nothing");
    conversationId = created.id;
  }
  const [question] = await scope.db
    .insert(assistantMessage)
    .values({
      organizationId: scope.organizationId,
      memberId,
      conversationId,
      role: "user",
      content: input.text,
      status: "complete",
      idempotencyKey: input.idempotencyKey,
      credits: input.credits,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: assistantMessage.id });
  if (!question) return null;
  // A millisecond after the question, so the two never tie in the conversation's order.
  const [answer] = await scope.db
    .insert(assistantMessage)
    .values({
      organizationId: scope.organizationId,
      memberId,
      conversationId,
      role: "assistant",
      status: "streaming",
      createdAt: new Date(now.getTime() + 1),
    })
    .returning({ id: assistantMessage.id });
  if (!answer) throw new Error("answer insert returned nothing");
  await conversationChanged(scope, memberId, conversationId);
  return { conversationId, questionId: question.id, answerId: answer.id, history };
}

/** How an answer ended, as finishAssistantAnswer stores it. */
export interface AnswerOutcome {
  status: "complete" | "stopped" | "failed";
  content: string;
  toolCalls: AssistantToolCall[];
  model: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  error?: { message: string; reason: string | null } | null;
}

/** The end of a turn: the answer as it stands (a stopped one keeps what was said). */
export async function finishAssistantAnswer(
  scope: TenantScope,
  answerId: string,
  outcome: AnswerOutcome,
) {
  const { memberId } = actingMember(scope);
  const [row] = await scope.db
    .update(assistantMessage)
    .set({
      status: outcome.status,
      content: outcome.content,
      toolCalls: outcome.toolCalls,
      model: outcome.model,
      promptTokens: outcome.promptTokens,
      completionTokens: outcome.completionTokens,
      error: outcome.error?.message ?? null,
      errorReason: outcome.error?.reason ?? null,
      updatedAt: scope.now(),
    })
    .where(
      and(
        eq(assistantMessage.organizationId, scope.organizationId),
        eq(assistantMessage.memberId, memberId),
        eq(assistantMessage.id, answerId),
      ),
    )
    .returning({ ...messageColumns, conversationId: assistantMessage.conversationId });
  if (row) await conversationChanged(scope, memberId, row.conversationId);
  return row ?? null;
}

/** A refunded question costs nothing any more (the ledger's refund entry says the rest). */
export async function markQuestionRefunded(scope: TenantScope, questionId: string) {
  await scope.db
    .update(assistantMessage)
    .set({ credits: 0, updatedAt: scope.now() })
    .where(
      and(
        eq(assistantMessage.organizationId, scope.organizationId),
        eq(assistantMessage.id, questionId),
      ),
    );
}
