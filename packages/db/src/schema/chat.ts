// Chat spaces (issue 11): the messages of a space of type chat. Space-scoped, so the space's
// visibility rule (guild_visible_space_ids, migration 0041) hides every message of a space the
// member cannot see, on reads and on writes, whatever a query forgets.
//
// Typing indicators are not stored here (see packages/api/src/realtime/chat.ts).
import { sql } from "drizzle-orm";
import { check, index, text, uuid } from "drizzle-orm/pg-core";
import { MESSAGE_BODY_MAX } from "../enums/chat.ts";
import { instant, memberRef } from "./helpers.ts";
import { spaceScopedTable } from "./space.ts";

export const chatMessage = spaceScopedTable(
  "chat_message",
  {
    /** Null once the author left the organization: "Former member". */
    authorMemberId: uuid(),
    /** Markdown, rendered by the web's sanitizing renderer; "" once deleted. */
    body: text().notNull(),
    editedAt: instant(),
    /** Deleted by its author (or a moderator): the row stays as a placeholder in the history. */
    deletedAt: instant(),
  },
  (t) => [
    memberRef(t, t.authorMemberId, "chat_message_author_fk"),
    check(
      "chat_message_body_check",
      sql`length(${t.body}) <= ${sql.raw(String(MESSAGE_BODY_MAX))} and (${t.deletedAt} is not null or length(${t.body}) >= 1)`,
    ),
    // History newest first, keyset on (created_at, id).
    index("chat_message_space_created_idx").on(t.organizationId, t.spaceId, t.createdAt, t.id),
  ],
);
