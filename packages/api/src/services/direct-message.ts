// Direct messages (schema/direct-message.ts): one-to-one and small group conversations inside an
// organization. Only participants read a conversation: every query here names the caller as a
// participant, and the database's conversation_participant policy (migration 0047) enforces the
// same under it, for moderators and owners too. Anyone else gets NOT_FOUND, as for an id that
// does not exist.
//
// Blocking: a member who blocked another is not written to by them, in a new conversation or an
// old one (FORBIDDEN, saying so), and does not write to them either until they unblock.
import {
  and,
  asc,
  conversation,
  conversationMember,
  desc,
  directMessage,
  eq,
  inArray,
  isNull,
  lt,
  member,
  memberBlock,
  or,
  sql,
  type TenantScope,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import type {
  blockMemberInput,
  conversationHistoryInput,
  conversationIdInput,
  editMessageInput,
  listConversationsInput,
  MessageCursor,
  messageIdInput,
  sendDirectMessageInput,
  startConversationInput,
} from "../schemas/chat.ts";
import { type MessagePage, olderThan } from "./chat.ts";
import { actingMember } from "./member.ts";
import { type PersonView, peopleById } from "./people.ts";

export interface DirectMessageView {
  id: string;
  conversationId: string;
  author: PersonView | null;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  mine: boolean;
}

export interface ConversationView {
  id: string;
  /** Everyone in it but the caller (a former member is left out). */
  others: PersonView[];
  group: boolean;
  lastMessageAt: Date;
  /** The newest message, for the list's preview; null before any. */
  lastMessage: { body: string; deleted: boolean; mine: boolean; createdAt: Date } | null;
  /** Messages from others the caller has not read. */
  unread: number;
  /** One-to-one only: the caller blocked the other person (unblock to write). */
  blockedByMe: boolean;
}

const missingConversation = () => notFound("Conversation");
const PREVIEW_CHARS = 140;

/** The caller's row in a conversation (they are in it), or NOT_FOUND. */
async function requireParticipant(scope: TenantScope, conversationId: string) {
  const me = actingMember(scope);
  const [row] = await scope.db
    .select({ conversationId: conversationMember.conversationId })
    .from(conversationMember)
    .where(
      and(
        eq(conversationMember.organizationId, scope.organizationId),
        eq(conversationMember.conversationId, conversationId),
        eq(conversationMember.memberId, me.memberId),
      ),
    );
  if (!row) throw missingConversation();
  return me;
}

/** Everyone in these conversations, by conversation. */
async function participantsOf(scope: TenantScope, conversationIds: string[]) {
  if (conversationIds.length === 0) return new Map<string, string[]>();
  const rows = await scope.db
    .select({
      conversationId: conversationMember.conversationId,
      memberId: conversationMember.memberId,
    })
    .from(conversationMember)
    .where(
      and(
        eq(conversationMember.organizationId, scope.organizationId),
        inArray(conversationMember.conversationId, conversationIds),
      ),
    )
    .orderBy(asc(conversationMember.createdAt), asc(conversationMember.memberId));
  const byConversation = new Map<string, string[]>();
  for (const row of rows) {
    const list = byConversation.get(row.conversationId) ?? [];
    list.push(row.memberId);
    byConversation.set(row.conversationId, list);
  }
  return byConversation;
}

/** The caller's blocks among `memberIds`. */
async function myBlocksAmong(scope: TenantScope, memberIds: string[]): Promise<Set<string>> {
  const me = actingMember(scope);
  if (memberIds.length === 0) return new Set();
  const rows = await scope.db
    .select({ id: memberBlock.blockedMemberId })
    .from(memberBlock)
    .where(
      and(
        eq(memberBlock.organizationId, scope.organizationId),
        eq(memberBlock.memberId, me.memberId),
        inArray(memberBlock.blockedMemberId, memberIds),
      ),
    );
  return new Set(rows.map((row) => row.id));
}

/** Those among `memberIds` who blocked the caller (guild_blocked_by: that and nothing else). */
async function blockersAmong(scope: TenantScope, memberIds: string[]): Promise<Set<string>> {
  if (memberIds.length === 0) return new Set();
  const [row] = await scope.db.execute<{ ids: string[] }>(
    sql`select guild_blocked_by(${uuidArray(memberIds)}) as ids`,
  );
  return new Set(row?.ids ?? []);
}

const uuidArray = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;

/** Refuses (FORBIDDEN) writing to people who blocked the caller or whom the caller blocked. */
async function refuseBlocked(scope: TenantScope, others: string[]) {
  const [blockers, mine] = await Promise.all([
    blockersAmong(scope, others),
    myBlocksAmong(scope, others),
  ]);
  if (blockers.size === 0 && mine.size === 0) return;
  const people = await peopleById(scope, [...blockers, ...mine]);
  const nameOf = (id: string) => people.get(id)?.name ?? "This member";
  const [blocker] = blockers;
  if (blocker)
    throw new AppError("FORBIDDEN", `${nameOf(blocker)} has blocked you: you cannot message them`);
  const [blocked] = mine;
  if (blocked)
    throw new AppError(
      "FORBIDDEN",
      `You blocked ${nameOf(blocked)}: unblock them to send them messages`,
    );
}

const conversationCursorOf = (c: ConversationView): MessageCursor => ({
  createdAt: c.lastMessageAt,
  id: c.id,
});

/** Conversations by id, as the caller sees them (they must be in each). */
async function conversationViews(
  scope: TenantScope,
  rows: Array<{ id: string; lastMessageAt: Date; pairKey: string | null }>,
): Promise<ConversationView[]> {
  const me = actingMember(scope).memberId;
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const [participants, unread, last] = await Promise.all([
    participantsOf(scope, ids),
    unreadByConversation(scope, ids),
    scope.db
      .selectDistinctOn([directMessage.conversationId], {
        conversationId: directMessage.conversationId,
        body: directMessage.body,
        deletedAt: directMessage.deletedAt,
        authorMemberId: directMessage.authorMemberId,
        createdAt: directMessage.createdAt,
      })
      .from(directMessage)
      .where(
        and(
          eq(directMessage.organizationId, scope.organizationId),
          inArray(directMessage.conversationId, ids),
        ),
      )
      .orderBy(directMessage.conversationId, desc(directMessage.createdAt), desc(directMessage.id)),
  ]);
  const others = [...participants.values()].flat().filter((id) => id !== me);
  const [people, blocked] = await Promise.all([
    peopleById(scope, others),
    myBlocksAmong(scope, [...new Set(others)]),
  ]);
  const lastOf = new Map(last.map((row) => [row.conversationId, row]));
  return rows.map((row) => {
    const otherIds = (participants.get(row.id) ?? []).filter((id) => id !== me);
    const message = lastOf.get(row.id);
    const group = row.pairKey === null;
    return {
      id: row.id,
      others: otherIds.flatMap((id) => {
        const person = people.get(id);
        return person ? [person] : [];
      }),
      group,
      lastMessageAt: row.lastMessageAt,
      lastMessage: message
        ? {
            body: message.deletedAt ? "" : message.body.slice(0, PREVIEW_CHARS),
            deleted: message.deletedAt !== null,
            mine: message.authorMemberId === me,
            createdAt: message.createdAt,
          }
        : null,
      unread: unread.get(row.id) ?? 0,
      blockedByMe: !group && otherIds.some((id) => blocked.has(id)),
    };
  });
}

/**
 * Unread messages per conversation for the caller: from others, live, after their last_read_at.
 * Each count walks the (conversation, created_at) index from that instant.
 */
async function unreadByConversation(
  scope: TenantScope,
  conversationIds: string[] | null,
): Promise<Map<string, number>> {
  const me = actingMember(scope).memberId;
  const rows = await scope.db
    .select({
      conversationId: conversationMember.conversationId,
      unread: sql<number>`count(${directMessage.id})::int`,
    })
    .from(conversationMember)
    .innerJoin(
      directMessage,
      and(
        eq(directMessage.organizationId, conversationMember.organizationId),
        eq(directMessage.conversationId, conversationMember.conversationId),
        sql`${directMessage.createdAt} > coalesce(${conversationMember.lastReadAt}, '-infinity')`,
        isNull(directMessage.deletedAt),
        sql`${directMessage.authorMemberId} is distinct from ${conversationMember.memberId}`,
      ),
    )
    .where(
      and(
        eq(conversationMember.organizationId, scope.organizationId),
        eq(conversationMember.memberId, me),
        conversationIds ? inArray(conversationMember.conversationId, conversationIds) : undefined,
      ),
    )
    .groupBy(conversationMember.conversationId);
  return new Map(rows.map((row) => [row.conversationId, row.unread]));
}

const conversationColumns = {
  id: conversation.id,
  lastMessageAt: conversation.lastMessageAt,
  pairKey: conversation.pairKey,
};

/** directMessage.conversations: the caller's conversations, latest message first (keyset). */
export async function listConversations(
  scope: TenantScope,
  input: z.output<typeof listConversationsInput>,
): Promise<MessagePage<ConversationView>> {
  const me = actingMember(scope);
  const rows = await scope.db
    .select(conversationColumns)
    .from(conversation)
    .innerJoin(
      conversationMember,
      and(
        eq(conversationMember.organizationId, conversation.organizationId),
        eq(conversationMember.conversationId, conversation.id),
        eq(conversationMember.memberId, me.memberId),
      ),
    )
    .where(
      and(
        eq(conversation.organizationId, scope.organizationId),
        input.cursor
          ? or(
              lt(conversation.lastMessageAt, input.cursor.createdAt),
              and(
                eq(conversation.lastMessageAt, input.cursor.createdAt),
                lt(conversation.id, input.cursor.id),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(conversation.lastMessageAt), desc(conversation.id))
    .limit(input.limit + 1);
  const items = await conversationViews(scope, rows.slice(0, input.limit));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > input.limit && last ? conversationCursorOf(last) : null,
  };
}

/** directMessage.get: one conversation the caller is in; NOT_FOUND otherwise. */
export async function getConversation(
  scope: TenantScope,
  input: z.output<typeof conversationIdInput>,
): Promise<ConversationView> {
  await requireParticipant(scope, input.conversationId);
  const rows = await scope.db
    .select(conversationColumns)
    .from(conversation)
    .where(
      and(
        eq(conversation.organizationId, scope.organizationId),
        eq(conversation.id, input.conversationId),
      ),
    );
  const [view] = await conversationViews(scope, rows);
  if (!view) throw missingConversation();
  return view;
}

/**
 * directMessage.start: a conversation with these members (the caller added). With one other
 * person it is their one-to-one conversation, made once (pair_key): starting it again opens it.
 * Refused (FORBIDDEN) when one of them blocked the caller, or the caller blocked one of them.
 */
export async function startConversation(
  scope: TenantScope,
  input: z.output<typeof startConversationInput>,
): Promise<ConversationView> {
  const me = actingMember(scope);
  const others = [...new Set(input.memberIds)].filter((id) => id !== me.memberId);
  if (others.length === 0)
    throw new AppError("BAD_REQUEST", "Choose someone other than yourself", {
      field: "memberIds",
    });
  const found = await scope.db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, scope.organizationId), inArray(member.id, others)));
  if (found.length !== others.length)
    throw new AppError("NOT_FOUND", "Member not found", { field: "memberIds" });
  await refuseBlocked(scope, others);

  const pairKey = others.length === 1 ? [me.memberId, ...others].sort().join(":") : null;
  const [created] = await scope.db
    .insert(conversation)
    .values({
      organizationId: scope.organizationId,
      createdByMemberId: me.memberId,
      pairKey,
      lastMessageAt: scope.now(),
      createdAt: scope.now(),
    })
    .onConflictDoNothing()
    .returning({ id: conversation.id });
  if (!created) {
    // Their one-to-one conversation exists: the caller is in it (its pair names them).
    const [existing] = await scope.db
      .select({ id: conversation.id })
      .from(conversation)
      .where(
        and(
          eq(conversation.organizationId, scope.organizationId),
          eq(conversation.pairKey, pairKey ?? ""),
        ),
      );
    if (!existing) throw new Error("the one-to-one conversation that conflicted is gone");
    return getConversation(scope, { conversationId: existing.id });
  }
  await scope.db.insert(conversationMember).values(
    [me.memberId, ...others].map((memberId) => ({
      organizationId: scope.organizationId,
      conversationId: created.id,
      memberId,
      lastReadAt: memberId === me.memberId ? scope.now() : null,
    })),
  );
  return getConversation(scope, { conversationId: created.id });
}

const dmColumns = {
  id: directMessage.id,
  conversationId: directMessage.conversationId,
  authorMemberId: directMessage.authorMemberId,
  body: directMessage.body,
  createdAt: directMessage.createdAt,
  editedAt: directMessage.editedAt,
  deletedAt: directMessage.deletedAt,
};
type DmRow = {
  id: string;
  conversationId: string;
  authorMemberId: string | null;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
};

async function dmViews(scope: TenantScope, rows: DmRow[]): Promise<DirectMessageView[]> {
  const me = actingMember(scope).memberId;
  const people = await peopleById(
    scope,
    rows.map((row) => row.authorMemberId),
  );
  return rows.map((row) => ({
    id: row.id,
    conversationId: row.conversationId,
    author: row.authorMemberId ? (people.get(row.authorMemberId) ?? null) : null,
    body: row.deletedAt ? "" : row.body,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    deleted: row.deletedAt !== null,
    mine: row.authorMemberId === me,
  }));
}

/** directMessage.history: a page of a conversation the caller is in, newest first (keyset). */
export async function conversationHistory(
  scope: TenantScope,
  input: z.output<typeof conversationHistoryInput>,
): Promise<MessagePage<DirectMessageView>> {
  await requireParticipant(scope, input.conversationId);
  const rows = await scope.db
    .select(dmColumns)
    .from(directMessage)
    .where(
      and(
        eq(directMessage.organizationId, scope.organizationId),
        eq(directMessage.conversationId, input.conversationId),
        olderThan(directMessage, input.cursor),
      ),
    )
    .orderBy(desc(directMessage.createdAt), desc(directMessage.id))
    .limit(input.limit + 1);
  const items = await dmViews(scope, rows.slice(0, input.limit));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > input.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

/** Tells every participant's streams (each its own audience) that the conversation changed. */
async function publishToParticipants(
  scope: TenantScope,
  conversationId: string,
  kind: "dm.message.posted" | "dm.message.edited" | "dm.message.deleted",
) {
  const participants = (await participantsOf(scope, [conversationId])).get(conversationId) ?? [];
  if (participants.length === 0) return;
  await publish(
    scope,
    participants.map((memberId) => ({
      kind,
      target: { type: "conversation", id: conversationId },
      audienceMemberId: memberId,
    })),
  );
}

/** directMessage.send: a message in a conversation the caller is in, unless a block forbids it. */
export async function sendDirectMessage(
  scope: TenantScope,
  input: z.output<typeof sendDirectMessageInput>,
): Promise<DirectMessageView> {
  const me = await requireParticipant(scope, input.conversationId);
  const participants =
    (await participantsOf(scope, [input.conversationId])).get(input.conversationId) ?? [];
  await refuseBlocked(
    scope,
    participants.filter((id) => id !== me.memberId),
  );
  const now = scope.now();
  const [row] = await scope.db
    .insert(directMessage)
    .values({
      organizationId: scope.organizationId,
      conversationId: input.conversationId,
      authorMemberId: me.memberId,
      body: input.body,
      createdAt: now,
    })
    .returning(dmColumns);
  if (!row) throw new Error("the message just written is gone");
  await Promise.all([
    scope.db
      .update(conversation)
      .set({ lastMessageAt: now })
      .where(
        and(
          eq(conversation.organizationId, scope.organizationId),
          eq(conversation.id, input.conversationId),
        ),
      ),
    // What one writes is read.
    scope.db
      .update(conversationMember)
      .set({ lastReadAt: now })
      .where(mine(scope, input.conversationId, me.memberId)),
  ]);
  await publishToParticipants(scope, input.conversationId, "dm.message.posted");
  const [view] = await dmViews(scope, [row]);
  if (!view) throw new Error("the message just written is gone");
  return view;
}

const mine = (scope: TenantScope, conversationId: string, memberId: string) =>
  and(
    eq(conversationMember.organizationId, scope.organizationId),
    eq(conversationMember.conversationId, conversationId),
    eq(conversationMember.memberId, memberId),
  );

/** The caller's own message in a conversation they are in; NOT_FOUND for any other. */
async function ownMessage(scope: TenantScope, id: string): Promise<DmRow> {
  const me = actingMember(scope);
  const [row] = await scope.db
    .select(dmColumns)
    .from(directMessage)
    .innerJoin(
      conversationMember,
      and(
        eq(conversationMember.organizationId, directMessage.organizationId),
        eq(conversationMember.conversationId, directMessage.conversationId),
        eq(conversationMember.memberId, me.memberId),
      ),
    )
    .where(and(eq(directMessage.organizationId, scope.organizationId), eq(directMessage.id, id)));
  if (!row) throw notFound("Message");
  if (row.authorMemberId !== me.memberId)
    throw new AppError("FORBIDDEN", "You can only change your own messages");
  return row;
}

/** directMessage.edit: the author's own message, while not deleted. */
export async function editDirectMessage(
  scope: TenantScope,
  input: z.output<typeof editMessageInput>,
): Promise<DirectMessageView> {
  const message = await ownMessage(scope, input.id);
  if (message.deletedAt) throw new AppError("CONFLICT", "This message was deleted");
  const [row] = await scope.db
    .update(directMessage)
    .set({ body: input.body, editedAt: scope.now() })
    .where(
      and(eq(directMessage.organizationId, scope.organizationId), eq(directMessage.id, message.id)),
    )
    .returning(dmColumns);
  if (!row) throw notFound("Message");
  await publishToParticipants(scope, row.conversationId, "dm.message.edited");
  const [view] = await dmViews(scope, [row]);
  if (!view) throw notFound("Message");
  return view;
}

/** directMessage.remove: the author's own message becomes a "deleted" placeholder. */
export async function removeDirectMessage(
  scope: TenantScope,
  input: z.output<typeof messageIdInput>,
): Promise<{ id: string }> {
  const message = await ownMessage(scope, input.id);
  if (message.deletedAt) return { id: message.id };
  await scope.db
    .update(directMessage)
    .set({ body: "", deletedAt: scope.now() })
    .where(
      and(eq(directMessage.organizationId, scope.organizationId), eq(directMessage.id, message.id)),
    );
  await publishToParticipants(scope, message.conversationId, "dm.message.deleted");
  return { id: message.id };
}

/** directMessage.markRead: everything in the conversation so far is read by the caller. */
export async function markConversationRead(
  scope: TenantScope,
  input: z.output<typeof conversationIdInput>,
): Promise<{ conversationId: string; unread: number }> {
  const me = await requireParticipant(scope, input.conversationId);
  await scope.db
    .update(conversationMember)
    .set({
      lastReadAt: sql`greatest(${conversationMember.lastReadAt}, ${scope.now().toISOString()}::timestamptz)`,
    })
    .where(mine(scope, input.conversationId, me.memberId));
  await publish(scope, {
    kind: "dm.read",
    target: { type: "conversation", id: input.conversationId },
    audienceMemberId: me.memberId,
  });
  return { conversationId: input.conversationId, unread: 0 };
}

/** directMessage.unread: the caller's unread messages and conversations (the sidebar's badge). */
export async function unreadDirectMessages(
  scope: TenantScope,
): Promise<{ messages: number; conversations: number }> {
  const counts = await unreadByConversation(scope, null);
  let messages = 0;
  for (const n of counts.values()) messages += n;
  return { messages, conversations: counts.size };
}

export interface BlockedMemberView extends PersonView {
  blockedAt: Date;
}

/** directMessage.blocks: the members the caller blocked. */
export async function listBlocks(scope: TenantScope): Promise<BlockedMemberView[]> {
  const me = actingMember(scope);
  const rows = await scope.db
    .select({ memberId: memberBlock.blockedMemberId, blockedAt: memberBlock.createdAt })
    .from(memberBlock)
    .where(
      and(
        eq(memberBlock.organizationId, scope.organizationId),
        eq(memberBlock.memberId, me.memberId),
      ),
    )
    .orderBy(desc(memberBlock.createdAt))
    .limit(500);
  const people = await peopleById(
    scope,
    rows.map((row) => row.memberId),
  );
  return rows.flatMap((row) => {
    const person = people.get(row.memberId);
    return person ? [{ ...person, blockedAt: row.blockedAt }] : [];
  });
}

/** directMessage.block: the member can no longer start a conversation with or write to the caller. */
export async function blockMember(
  scope: TenantScope,
  input: z.output<typeof blockMemberInput>,
): Promise<BlockedMemberView[]> {
  const me = actingMember(scope);
  if (input.memberId === me.memberId)
    throw new AppError("BAD_REQUEST", "You cannot block yourself", { field: "memberId" });
  const [target] = await scope.db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, scope.organizationId), eq(member.id, input.memberId)));
  if (!target) throw new AppError("NOT_FOUND", "Member not found", { field: "memberId" });
  await scope.db
    .insert(memberBlock)
    .values({
      organizationId: scope.organizationId,
      memberId: me.memberId,
      blockedMemberId: target.id,
      createdAt: scope.now(),
    })
    .onConflictDoNothing();
  return listBlocks(scope);
}

/** directMessage.unblock: the member may write to the caller again. */
export async function unblockMember(
  scope: TenantScope,
  input: z.output<typeof blockMemberInput>,
): Promise<BlockedMemberView[]> {
  const me = actingMember(scope);
  const rows = await scope.db
    .delete(memberBlock)
    .where(
      and(
        eq(memberBlock.organizationId, scope.organizationId),
        eq(memberBlock.memberId, me.memberId),
        eq(memberBlock.blockedMemberId, input.memberId),
      ),
    )
    .returning({ id: memberBlock.id });
  if (rows.length === 0)
    throw new AppError("NOT_FOUND", "You have not blocked this member", { field: "memberId" });
  return listBlocks(scope);
}
