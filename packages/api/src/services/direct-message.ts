// Direct messages (schema/direct-message.ts): one-to-one and small group conversations inside an
// organization. Only participants read a conversation: every query here names the caller as a
// participant, and the database's conversation_participant policy (migration 0047) enforces the
// same under it, for moderators and owners too. Anyone else gets NOT_FOUND, as for an id that
// does not exist.
//
// Blocking: a member who blocked another is not written to by them, in a new conversation or an
// old one-to-one one (FORBIDDEN, saying so), and does not write to them either until they
// unblock. Nor can either add the other to a group. Once both are in a group, though, each still
// writes there: a group is a shared room, and refusing a message to everyone because one of them
// blocked the writer would let a block silence someone in front of third parties (and tell the
// room who blocked whom).
//
// Groups change (addPeople, removePerson, leave): any participant adds people, up to
// CONVERSATION_MAX_MEMBERS; only whoever started the group removes them; anyone leaves. Each
// change is a system line in the history ("Ada added Ben"), written as its doer's message so it
// orders and travels like one and is not unread to them. Someone added later reads only what was
// written from the moment they joined (conversation_member.joined_at), in every read here.
import {
  and,
  asc,
  conversation,
  conversationMember,
  desc,
  directMessage,
  eq,
  gte,
  inArray,
  isNull,
  lt,
  member,
  memberBlock,
  or,
  sql,
  type TenantScope,
} from "@guild/db";
import { CONVERSATION_MAX_MEMBERS, type DmSystemEvent } from "@guild/db/enums";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import type {
  addPeopleInput,
  blockMemberInput,
  conversationHistoryInput,
  conversationIdInput,
  editMessageInput,
  listConversationsInput,
  MessageCursor,
  messageIdInput,
  removePersonInput,
  sendDirectMessageInput,
  startConversationInput,
} from "../schemas/chat.ts";
import { type MessagePage, messagePage, olderThan } from "./chat.ts";
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
  /**
   * A system line (someone added, removed, left): `body` holds its words ("Ada added Ben"),
   * plain text, and no one edits or deletes it. Null for a message someone wrote.
   */
  system: { event: DmSystemEvent; subject: PersonView | null } | null;
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
  /** Who started the group (they remove people); null once they left it or the organization. */
  startedByMemberId: string | null;
}

const missingConversation = () => notFound("Conversation");
const PREVIEW_CHARS = 140;

/**
 * The caller in a conversation they are in, with when they joined it (what they may read starts
 * there) and whether it is one-to-one; NOT_FOUND otherwise.
 */
async function requireParticipant(scope: TenantScope, conversationId: string) {
  const me = actingMember(scope);
  const [row] = await scope.db
    .select({ joinedAt: conversationMember.joinedAt, pairKey: conversation.pairKey })
    .from(conversationMember)
    .innerJoin(
      conversation,
      and(
        eq(conversation.organizationId, conversationMember.organizationId),
        eq(conversation.id, conversationMember.conversationId),
      ),
    )
    .where(
      and(
        eq(conversationMember.organizationId, scope.organizationId),
        eq(conversationMember.conversationId, conversationId),
        eq(conversationMember.memberId, me.memberId),
      ),
    );
  if (!row) throw missingConversation();
  return { ...me, joinedAt: row.joinedAt, oneToOne: row.pairKey !== null };
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
    .orderBy(asc(conversationMember.joinedAt), asc(conversationMember.memberId));
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
  rows: Array<{
    id: string;
    lastMessageAt: Date;
    pairKey: string | null;
    createdByMemberId: string | null;
  }>,
): Promise<ConversationView[]> {
  const me = actingMember(scope).memberId;
  const ids = rows.map((row) => row.id);
  if (ids.length === 0) return [];
  const [participants, unread, last] = await Promise.all([
    participantsOf(scope, ids),
    unreadByConversation(scope, ids),
    // The newest message each caller may read: none from before they joined.
    scope.db
      .selectDistinctOn([directMessage.conversationId], dmColumns)
      .from(directMessage)
      .innerJoin(
        conversationMember,
        and(
          eq(conversationMember.organizationId, directMessage.organizationId),
          eq(conversationMember.conversationId, directMessage.conversationId),
          eq(conversationMember.memberId, me),
          gte(directMessage.createdAt, conversationMember.joinedAt),
        ),
      )
      .where(
        and(
          eq(directMessage.organizationId, scope.organizationId),
          inArray(directMessage.conversationId, ids),
        ),
      )
      .orderBy(directMessage.conversationId, desc(directMessage.createdAt), desc(directMessage.id)),
  ]);
  const others = [...participants.values()].flat().filter((id) => id !== me);
  const [people, blocked, lastViews] = await Promise.all([
    peopleById(scope, others),
    myBlocksAmong(scope, [...new Set(others)]),
    dmViews(scope, last),
  ]);
  const lastOf = new Map(lastViews.map((view) => [view.conversationId, view]));
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
            body: message.body.slice(0, PREVIEW_CHARS),
            deleted: message.deleted,
            // "You: Ada added Ben" would say it twice.
            mine: message.mine && message.system === null,
            createdAt: message.createdAt,
          }
        : null,
      unread: unread.get(row.id) ?? 0,
      blockedByMe: !group && otherIds.some((id) => blocked.has(id)),
      startedByMemberId: row.createdByMemberId,
    };
  });
}

/**
 * Unread messages per conversation for the caller: from others, live, after their last_read_at
 * (and never from before they joined).
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
        gte(directMessage.createdAt, conversationMember.joinedAt),
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
  createdByMemberId: conversation.createdByMemberId,
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
      joinedAt: scope.now(),
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
  systemEvent: directMessage.systemEvent,
  subjectMemberId: directMessage.subjectMemberId,
};
type DmRow = {
  id: string;
  conversationId: string;
  authorMemberId: string | null;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  systemEvent: DmSystemEvent | null;
  subjectMemberId: string | null;
};

const FORMER_MEMBER = "Former member";

/** A system line's words, from the names as they are now: "Ada added Ben", "Ben left". */
function systemLineText(event: DmSystemEvent, doer: string, subject: string): string {
  switch (event) {
    case "added":
      return `${doer} added ${subject}`;
    case "removed":
      return `${doer} removed ${subject}`;
    case "left":
      return `${doer} left`;
  }
}

async function dmViews(scope: TenantScope, rows: DmRow[]): Promise<DirectMessageView[]> {
  const me = actingMember(scope).memberId;
  const people = await peopleById(
    scope,
    rows.flatMap((row) => [row.authorMemberId, row.subjectMemberId]),
  );
  const personOf = (id: string | null) => (id ? (people.get(id) ?? null) : null);
  return rows.map((row) => {
    const author = personOf(row.authorMemberId);
    const subject = personOf(row.subjectMemberId);
    return {
      id: row.id,
      conversationId: row.conversationId,
      author,
      body: row.systemEvent
        ? systemLineText(
            row.systemEvent,
            author?.name ?? FORMER_MEMBER,
            subject?.name ?? FORMER_MEMBER,
          )
        : row.deletedAt
          ? ""
          : row.body,
      createdAt: row.createdAt,
      editedAt: row.editedAt,
      deleted: row.deletedAt !== null,
      mine: row.authorMemberId === me,
      system: row.systemEvent ? { event: row.systemEvent, subject } : null,
    };
  });
}

/**
 * directMessage.history: a page of a conversation the caller is in, newest first (keyset), from
 * the moment they joined it.
 */
export async function conversationHistory(
  scope: TenantScope,
  input: z.output<typeof conversationHistoryInput>,
): Promise<MessagePage<DirectMessageView>> {
  const me = await requireParticipant(scope, input.conversationId);
  const rows = await scope.db
    .select(dmColumns)
    .from(directMessage)
    .where(
      and(
        eq(directMessage.organizationId, scope.organizationId),
        eq(directMessage.conversationId, input.conversationId),
        gte(directMessage.createdAt, me.joinedAt),
        olderThan(directMessage, input.cursor),
      ),
    )
    .orderBy(desc(directMessage.createdAt), desc(directMessage.id))
    .limit(input.limit + 1);
  return messagePage(rows, input.limit, (page) => dmViews(scope, page));
}

/**
 * Tells every participant's streams (each its own audience) that the conversation changed.
 * `audience`: whom, when the caller can no longer read who is in it (they just left).
 */
async function publishToParticipants(
  scope: TenantScope,
  conversationId: string,
  kind: "dm.message.posted" | "dm.message.edited" | "dm.message.deleted" | "dm.people.changed",
  audience?: string[],
) {
  const participants =
    audience ?? (await participantsOf(scope, [conversationId])).get(conversationId) ?? [];
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

/**
 * directMessage.send: a message in a conversation the caller is in, unless a block between the
 * two of a one-to-one conversation forbids it.
 */
export async function sendDirectMessage(
  scope: TenantScope,
  input: z.output<typeof sendDirectMessageInput>,
): Promise<DirectMessageView> {
  const me = await requireParticipant(scope, input.conversationId);
  // Blocks forbid writing one-to-one only: a group is a shared room (see the top of this file).
  if (me.oneToOne) {
    const participants =
      (await participantsOf(scope, [input.conversationId])).get(input.conversationId) ?? [];
    await refuseBlocked(
      scope,
      participants.filter((id) => id !== me.memberId),
    );
  }
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
      .where(membershipRow(scope, input.conversationId, me.memberId)),
  ]);
  await publishToParticipants(scope, input.conversationId, "dm.message.posted");
  const [view] = await dmViews(scope, [row]);
  if (!view) throw new Error("the message just written is gone");
  return view;
}

const conversationRow = (scope: TenantScope, conversationId: string) =>
  and(eq(conversation.organizationId, scope.organizationId), eq(conversation.id, conversationId));

const membershipRow = (scope: TenantScope, conversationId: string, memberId: string) =>
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
        gte(directMessage.createdAt, conversationMember.joinedAt),
      ),
    )
    .where(and(eq(directMessage.organizationId, scope.organizationId), eq(directMessage.id, id)));
  if (!row) throw notFound("Message");
  if (row.systemEvent)
    throw new AppError("FORBIDDEN", "A line saying who joined or left cannot be changed");
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

/**
 * The group the caller is in, locked (FOR UPDATE) until the transaction ends, so that changes to
 * its people run one at a time: two people adding the same person, or filling its last places,
 * at once. BAD_REQUEST for a one-to-one conversation, whose two people are its identity.
 */
async function lockGroup(scope: TenantScope, conversationId: string, change: string) {
  const me = await requireParticipant(scope, conversationId);
  const [row] = await scope.db
    .select({ pairKey: conversation.pairKey, startedBy: conversation.createdByMemberId })
    .from(conversation)
    .where(conversationRow(scope, conversationId))
    .for("update");
  if (!row) throw missingConversation();
  if (row.pairKey !== null)
    throw new AppError(
      "BAD_REQUEST",
      `You cannot ${change} a one-to-one conversation: start a new conversation with everyone instead`,
    );
  const participants = (await participantsOf(scope, [conversationId])).get(conversationId) ?? [];
  return { me, startedBy: row.startedBy, participants };
}

/**
 * Writes system lines (one per subject), moves the conversation up everyone's list, and marks it
 * read for the doer (what one does is read, like what one writes).
 */
async function writeSystemLines(
  scope: TenantScope,
  conversationId: string,
  event: DmSystemEvent,
  subjects: Array<string | null>,
  now: Date,
) {
  const me = actingMember(scope);
  await scope.db.insert(directMessage).values(
    subjects.map((subjectMemberId) => ({
      organizationId: scope.organizationId,
      conversationId,
      authorMemberId: me.memberId,
      body: "",
      systemEvent: event,
      subjectMemberId,
      createdAt: now,
    })),
  );
  await Promise.all([
    scope.db
      .update(conversation)
      .set({ lastMessageAt: now })
      .where(conversationRow(scope, conversationId)),
    scope.db
      .update(conversationMember)
      .set({ lastReadAt: now })
      .where(membershipRow(scope, conversationId, me.memberId)),
  ]);
}

/**
 * directMessage.addPeople: members join a group the caller is in, reading from now on. Anyone in
 * the group may add, up to CONVERSATION_MAX_MEMBERS. Someone already in it is skipped, so the same
 * add made twice (two tabs, two people at once) makes one membership and one "added" line.
 * FORBIDDEN for someone the caller blocked or who blocked the caller, without saying which.
 */
export async function addPeople(
  scope: TenantScope,
  input: z.output<typeof addPeopleInput>,
): Promise<ConversationView> {
  const { participants } = await lockGroup(scope, input.conversationId, "add people to");
  const present = new Set(participants);
  const joining = [...new Set(input.memberIds)].filter((id) => !present.has(id));
  if (joining.length === 0) return getConversation(scope, input);
  if (participants.length + joining.length > CONVERSATION_MAX_MEMBERS)
    throw new AppError(
      "BAD_REQUEST",
      `A conversation has at most ${CONVERSATION_MAX_MEMBERS} people: ${CONVERSATION_MAX_MEMBERS - participants.length} more can join this one`,
      { field: "memberIds" },
    );
  const found = await scope.db
    .select({ id: member.id })
    .from(member)
    .where(and(eq(member.organizationId, scope.organizationId), inArray(member.id, joining)));
  if (found.length !== joining.length)
    throw new AppError("NOT_FOUND", "Member not found", { field: "memberIds" });
  const [blockers, mine] = await Promise.all([
    blockersAmong(scope, joining),
    myBlocksAmong(scope, joining),
  ]);
  const [barred] = joining.filter((id) => blockers.has(id) || mine.has(id));
  if (barred) {
    const name = (await peopleById(scope, [barred])).get(barred)?.name ?? "this member";
    // One message both ways round: whoever blocked, the other must not learn it from here.
    throw new AppError(
      "FORBIDDEN",
      `You cannot add ${name} to this conversation: one of you has blocked the other`,
      { field: "memberIds" },
    );
  }
  const now = scope.now();
  const added = await scope.db
    .insert(conversationMember)
    .values(
      joining.map((memberId) => ({
        organizationId: scope.organizationId,
        conversationId: input.conversationId,
        memberId,
        joinedAt: now,
      })),
    )
    // The group's lock makes a duplicate unlikely; the unique key makes it harmless.
    .onConflictDoNothing()
    .returning({ memberId: conversationMember.memberId });
  if (added.length > 0) {
    await writeSystemLines(
      scope,
      input.conversationId,
      "added",
      joining.filter((id) => added.some((row) => row.memberId === id)),
      now,
    );
    // The newcomers' streams too: their Messages list shows the conversation at once.
    await publishToParticipants(scope, input.conversationId, "dm.people.changed");
  }
  return getConversation(scope, input);
}

/**
 * directMessage.removePerson: whoever started the group takes someone out of it ("Ada removed
 * Cy"); they no longer see the conversation, nor hear of it. Others are FORBIDDEN (they see the
 * group, so the refusal may say why); someone not in it is NOT_FOUND.
 */
export async function removePerson(
  scope: TenantScope,
  input: z.output<typeof removePersonInput>,
): Promise<ConversationView> {
  const { me, startedBy, participants } = await lockGroup(
    scope,
    input.conversationId,
    "remove people from",
  );
  if (input.memberId === me.memberId)
    throw new AppError("BAD_REQUEST", "To go yourself, leave the conversation", {
      field: "memberId",
    });
  if (startedBy !== me.memberId)
    throw new AppError("FORBIDDEN", "Only the person who started this group can remove people");
  if (!participants.includes(input.memberId))
    throw new AppError("NOT_FOUND", "This person is not in the conversation", {
      field: "memberId",
    });
  const now = scope.now();
  await writeSystemLines(scope, input.conversationId, "removed", [input.memberId], now);
  await scope.db
    .delete(conversationMember)
    .where(membershipRow(scope, input.conversationId, input.memberId));
  // Those who stay; the removed person hears only that they were removed (dm.removed), and nothing
  // more of it (realtime/direct-message.ts reads their participation again for every event).
  await publishToParticipants(scope, input.conversationId, "dm.people.changed");
  await publish(scope, [
    {
      kind: "dm.removed",
      target: { type: "conversation", id: input.conversationId },
      audienceMemberId: input.memberId,
    },
  ]);
  return getConversation(scope, input);
}

/**
 * directMessage.leave: the caller goes ("Ben left") and no longer sees the conversation. If they
 * started it, removing people passes to whoever has been in it longest; the last one out
 * deletes it, so no conversation lingers that no one can read.
 */
export async function leaveConversation(
  scope: TenantScope,
  input: z.output<typeof conversationIdInput>,
): Promise<{ conversationId: string }> {
  const { me, startedBy, participants } = await lockGroup(scope, input.conversationId, "leave");
  const staying = participants.filter((id) => id !== me.memberId);
  const here = conversationRow(scope, input.conversationId);
  if (staying.length === 0) {
    // Members and messages go with it (ON DELETE CASCADE).
    await scope.db.delete(conversation).where(here);
    return { conversationId: input.conversationId };
  }
  // Written while the caller is still a participant: the database lets only participants write.
  await writeSystemLines(scope, input.conversationId, "left", [null], scope.now());
  if (startedBy === me.memberId)
    await scope.db
      .update(conversation)
      .set({ createdByMemberId: staying[0] ?? null })
      .where(here);
  await scope.db
    .delete(conversationMember)
    .where(membershipRow(scope, input.conversationId, me.memberId));
  // Named, not read: out of it, the caller's reads no longer see who is in it.
  await publishToParticipants(scope, input.conversationId, "dm.people.changed", staying);
  return { conversationId: input.conversationId };
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
    .where(membershipRow(scope, input.conversationId, me.memberId));
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
