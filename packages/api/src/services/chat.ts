// Chat spaces (schema/chat.ts): a space of type chat holds messages, newest last on screen,
// paged newest first with a keyset cursor. Whoever sees the space reads and writes it (the
// space's visibility rule, from the database, filtered here with visibleSpace and enforced under
// it by row-level security); a space the caller cannot see is NOT_FOUND.
//
// Every change publishes an event carrying the message's id only (realtime/chat.ts): open chats
// re-read their history, and the web dedupes by message id, so a reconnect (which replays the
// events after the last id it had) neither misses nor doubles a message.
import {
  type AnyPgColumn,
  and,
  chatMessage,
  desc,
  eq,
  isNull,
  lt,
  or,
  type SQL,
  type TenantScope,
  visibleSpace,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import type {
  chatHistoryInput,
  chatTypingInput,
  editMessageInput,
  MessageCursor,
  messageIdInput,
  postChatMessageInput,
} from "../schemas/chat.ts";
import { recordActivity } from "./activity.ts";
import { actsAs } from "./actor.ts";
import { actingMember } from "./member.ts";
import { type PersonView, peopleById } from "./people.ts";
import { type SpaceKind, typedSpace } from "./space.ts";

export interface ChatMessageView {
  id: string;
  spaceId: string;
  /** Null once the author left the organization ("Former member"). */
  author: PersonView | null;
  /** Markdown source; "" once deleted. */
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deleted: boolean;
  /** The caller wrote it (edits it, deletes it). */
  mine: boolean;
  /** The caller may delete it: its author, or a moderator and up. */
  canDelete: boolean;
}

export interface MessagePage<T> {
  /** Newest first. */
  items: T[];
  /** The next (older) page's cursor; null on the oldest page. */
  nextCursor: MessageCursor | null;
}

const missingMessage = () => notFound("Message");

/** Whoever sees a chat space reads and writes it. */
const chatSpace: SpaceKind = {
  type: "chat",
  otherType: "This space is not a chat",
  archived: "This space is archived: its chat is read-only",
};

const messageColumns = {
  id: chatMessage.id,
  spaceId: chatMessage.spaceId,
  authorMemberId: chatMessage.authorMemberId,
  body: chatMessage.body,
  createdAt: chatMessage.createdAt,
  editedAt: chatMessage.editedAt,
  deletedAt: chatMessage.deletedAt,
};
type MessageRow = {
  id: string;
  spaceId: string;
  authorMemberId: string | null;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
};

async function views(scope: TenantScope, rows: MessageRow[]): Promise<ChatMessageView[]> {
  const me = actingMember(scope).memberId;
  const people = await peopleById(
    scope,
    rows.map((row) => row.authorMemberId),
  );
  return rows.map((row) => {
    const mine = row.authorMemberId === me;
    const deleted = row.deletedAt !== null;
    return {
      id: row.id,
      spaceId: row.spaceId,
      author: row.authorMemberId ? (people.get(row.authorMemberId) ?? null) : null,
      body: deleted ? "" : row.body,
      createdAt: row.createdAt,
      editedAt: row.editedAt,
      deleted,
      mine,
      canDelete: !deleted && (mine || actsAs(scope, "moderator")),
    };
  });
}

/** Rows strictly older than the cursor in (created_at, id) order: pages never overlap or skip. */
export function olderThan(
  columns: { createdAt: AnyPgColumn; id: AnyPgColumn },
  cursor: MessageCursor | null | undefined,
): SQL | undefined {
  if (!cursor) return undefined;
  return or(
    lt(columns.createdAt, cursor.createdAt),
    and(eq(columns.createdAt, cursor.createdAt), lt(columns.id, cursor.id)),
  );
}

/**
 * A history page from the `limit + 1` rows read newest first (keyset on created_at, id): the row
 * past the limit only says an older page exists. Chat spaces and direct messages page alike.
 */
export async function messagePage<Row, View extends { createdAt: Date; id: string }>(
  rows: Row[],
  limit: number,
  present: (rows: Row[]) => Promise<View[]>,
): Promise<MessagePage<View>> {
  const items = await present(rows.slice(0, limit));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

/** chat.history: a page of the space's messages, newest first (keyset on created_at, id). */
export async function chatHistory(
  scope: TenantScope,
  input: z.output<typeof chatHistoryInput>,
): Promise<MessagePage<ChatMessageView>> {
  await typedSpace(scope, input.spaceId, chatSpace, { forWriting: false });
  const rows = await scope.db
    .select(messageColumns)
    .from(chatMessage)
    .where(
      and(
        eq(chatMessage.organizationId, scope.organizationId),
        eq(chatMessage.spaceId, input.spaceId),
        visibleSpace(chatMessage.spaceId),
        olderThan(chatMessage, input.cursor),
      ),
    )
    .orderBy(desc(chatMessage.createdAt), desc(chatMessage.id))
    .limit(input.limit + 1);
  return messagePage(rows, input.limit, (page) => views(scope, page));
}

async function readMessage(scope: TenantScope, id: string): Promise<MessageRow> {
  const [row] = await scope.db
    .select(messageColumns)
    .from(chatMessage)
    .where(
      and(
        eq(chatMessage.organizationId, scope.organizationId),
        eq(chatMessage.id, id),
        visibleSpace(chatMessage.spaceId),
      ),
    );
  if (!row) throw missingMessage();
  return row;
}

async function viewOf(scope: TenantScope, id: string): Promise<ChatMessageView> {
  const [view] = await views(scope, [await readMessage(scope, id)]);
  if (!view) throw missingMessage();
  return view;
}

const messageTarget = (id: string) => ({ type: "chat_message", id });

/** chat.post: a message in a chat space the caller sees, as themselves. */
export async function postChatMessage(
  scope: TenantScope,
  input: z.output<typeof postChatMessageInput>,
): Promise<ChatMessageView> {
  const me = actingMember(scope);
  await typedSpace(scope, input.spaceId, chatSpace, { forWriting: true });
  const [row] = await scope.db
    .insert(chatMessage)
    .values({
      organizationId: scope.organizationId,
      spaceId: input.spaceId,
      authorMemberId: me.memberId,
      body: input.body,
      createdAt: scope.now(),
    })
    .returning({ id: chatMessage.id });
  if (!row) throw new Error("the message just written is gone");
  await publish(scope, { kind: "chat.message.posted", target: messageTarget(row.id) });
  return viewOf(scope, row.id);
}

/** chat.edit: the author's own message, while not deleted. */
export async function editChatMessage(
  scope: TenantScope,
  input: z.output<typeof editMessageInput>,
): Promise<ChatMessageView> {
  const me = actingMember(scope);
  const message = await readMessage(scope, input.id);
  if (message.authorMemberId !== me.memberId)
    throw new AppError("FORBIDDEN", "You can only edit your own messages");
  if (message.deletedAt) throw new AppError("CONFLICT", "This message was deleted");
  await typedSpace(scope, message.spaceId, chatSpace, { forWriting: true });
  await scope.db
    .update(chatMessage)
    .set({ body: input.body, editedAt: scope.now() })
    .where(
      and(
        eq(chatMessage.organizationId, scope.organizationId),
        eq(chatMessage.id, message.id),
        eq(chatMessage.authorMemberId, me.memberId),
        isNull(chatMessage.deletedAt),
      ),
    );
  await publish(scope, { kind: "chat.message.edited", target: messageTarget(message.id) });
  return viewOf(scope, message.id);
}

/**
 * chat.remove: the author deletes their message, or a moderator anyone's. The row stays as a
 * "deleted" placeholder (its text is gone), so the history's order and cursors hold.
 */
export async function removeChatMessage(
  scope: TenantScope,
  input: z.output<typeof messageIdInput>,
): Promise<{ id: string }> {
  const me = actingMember(scope);
  const message = await readMessage(scope, input.id);
  if (message.authorMemberId !== me.memberId && !actsAs(scope, "moderator"))
    throw new AppError("FORBIDDEN", "You can only delete your own messages");
  if (message.deletedAt) return { id: message.id };
  await scope.db
    .update(chatMessage)
    .set({ body: "", deletedAt: scope.now() })
    .where(
      and(eq(chatMessage.organizationId, scope.organizationId), eq(chatMessage.id, message.id)),
    );
  // A moderator's delete of someone else's message is moderation: in the audit log, as posts'
  // and comments' are (services/moderation.ts).
  if (message.authorMemberId !== me.memberId)
    await recordActivity(scope, {
      action: "chat_message.moderator_deleted",
      target: messageTarget(message.id),
    });
  await publish(scope, { kind: "chat.message.deleted", target: messageTarget(message.id) });
  return { id: message.id };
}

/**
 * Typing indicators are ephemeral: no table of their own, one short event ("someone is typing
 * in space X") through the organization's event log, which already fans out across server
 * processes and checks each reader's right to the space. The web shows it for a few seconds and
 * ignores old ones replayed by a resume. To keep it cheap the web sends at most one per
 * TYPING_INTERVAL_MS while the composer changes, and each server process drops repeats within
 * that interval (in memory: a repeat that slips through on another process costs one event).
 */
export const TYPING_INTERVAL_MS = 3_000;
const lastTyping = new Map<string, number>();

/** chat.typing: tells the space's readers the caller is typing. */
export async function chatTyping(
  scope: TenantScope,
  input: z.output<typeof chatTypingInput>,
): Promise<{ sent: boolean }> {
  const me = actingMember(scope);
  await typedSpace(scope, input.spaceId, chatSpace, { forWriting: true });
  const key = `${scope.organizationId}:${input.spaceId}:${me.memberId}`;
  const now = scope.now().getTime();
  const previous = lastTyping.get(key);
  if (previous !== undefined && now - previous < TYPING_INTERVAL_MS && now >= previous)
    return { sent: false };
  if (lastTyping.size > 10_000)
    for (const [k, at] of lastTyping) if (now - at >= TYPING_INTERVAL_MS) lastTyping.delete(k);
  lastTyping.set(key, now);
  await publish(scope, { kind: "chat.typing", target: { type: "space", id: input.spaceId } });
  return { sent: true };
}
