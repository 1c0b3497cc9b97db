// Direct messages (issue 11): one-to-one and small group conversations inside an organization.
//
// Only a conversation's participants read it, and the database says so: besides the organization
// policy, conversation, conversation_member and direct_message carry the RESTRICTIVE policy
// `conversation_participant` (migration 0047): rows of a conversation the transaction's member
// is not in do not exist for them, moderators and owners included; only the system actor (jobs,
// seeds) sees all. Nor do messages from before the member joined (0068). Services filter the
// same way and answer NOT_FOUND.
//
// member_block is member-owned: only the blocker reads their blocks. Whether someone blocked the
// caller is asked through guild_blocked_by() (same migration), which answers only that.
import { sql } from "drizzle-orm";
import { check, index, text, unique, uuid } from "drizzle-orm/pg-core";
import { DM_SYSTEM_EVENTS, MESSAGE_BODY_MAX } from "../enums/chat.ts";
import {
  instant,
  memberOwnedTable,
  memberRef,
  tenantRef,
  tenantTable,
  textEnum,
} from "./helpers.ts";
import { member } from "./organization.ts";

export const conversation = tenantTable(
  "conversation",
  {
    /** Who started it; null once they left. Sees it while adding the first participants. */
    createdByMemberId: uuid(),
    /**
     * For a one-to-one conversation, its two members' ids in order ("a:b"): unique, so starting
     * a conversation with someone twice opens the same one. Null for a group.
     */
    pairKey: text(),
    /** The newest message's time (the list's order); the creation time before any. */
    lastMessageAt: instant().notNull().defaultNow(),
  },
  (t) => [
    memberRef(t, t.createdByMemberId, "conversation_created_by_fk"),
    unique("conversation_org_pair_key").on(t.organizationId, t.pairKey),
    index("conversation_org_last_message_idx").on(t.organizationId, t.lastMessageAt, t.id),
  ],
);

export const conversationMember = tenantTable(
  "conversation_member",
  {
    conversationId: uuid().notNull(),
    memberId: uuid().notNull(),
    /** Messages after this are unread for this member (null: none read yet). */
    lastReadAt: instant(),
    /**
     * When they were added: they read only messages from this instant on (someone added to a
     * group later does not read what was said before). Rows from before the column existed got
     * their conversation's creation time (migration 0065), so no one lost history.
     */
    joinedAt: instant().notNull().defaultNow(),
  },
  (t) => [
    tenantRef(t, t.conversationId, () => conversation, {
      onDelete: "cascade",
      name: "conversation_member_conversation_fk",
    }),
    tenantRef(t, t.memberId, () => member, {
      onDelete: "cascade",
      name: "conversation_member_member_fk",
    }),
    unique("conversation_member_org_conversation_member_key").on(
      t.organizationId,
      t.conversationId,
      t.memberId,
    ),
    // A member's conversations (the list, unread counts, the participant policy).
    index("conversation_member_org_member_idx").on(t.organizationId, t.memberId),
  ],
);

export const directMessage = tenantTable(
  "direct_message",
  {
    conversationId: uuid().notNull(),
    /** Null once the author left the organization: "Former member". */
    authorMemberId: uuid(),
    /** Markdown; "" once deleted, and for a system line (its words are made when read). */
    body: text().notNull(),
    editedAt: instant(),
    deletedAt: instant(),
    /**
     * Null for a message someone wrote. For a system line, what happened to the group: its
     * author added (`added`) or removed (`removed`) the subject, or left (`left`, no subject).
     * No one edits or deletes a system line.
     */
    systemEvent: textEnum(DM_SYSTEM_EVENTS),
    /** The member a system line is about (added or removed); null once they left the org. */
    subjectMemberId: uuid(),
  },
  (t) => [
    tenantRef(t, t.conversationId, () => conversation, {
      onDelete: "cascade",
      name: "direct_message_conversation_fk",
    }),
    memberRef(t, t.authorMemberId, "direct_message_author_fk"),
    memberRef(t, t.subjectMemberId, "direct_message_subject_fk"),
    check(
      "direct_message_body_check",
      sql`length(${t.body}) <= ${sql.raw(String(MESSAGE_BODY_MAX))} and (${t.deletedAt} is not null or ${t.systemEvent} is not null or length(${t.body}) >= 1)`,
    ),
    check("direct_message_system_line_check", sql`${t.systemEvent} is null or ${t.body} = ''`),
    // History newest first (keyset), and the unread count from last_read_at.
    index("direct_message_conversation_created_idx").on(
      t.organizationId,
      t.conversationId,
      t.createdAt,
      t.id,
    ),
  ],
);

/** memberId blocked blockedMemberId: the blocked one cannot start a conversation with or message them. */
export const memberBlock = memberOwnedTable(
  "member_block",
  { blockedMemberId: uuid().notNull() },
  (t) => [
    tenantRef(t, t.blockedMemberId, () => member, {
      onDelete: "cascade",
      name: "member_block_blocked_fk",
    }),
    unique("member_block_org_member_blocked_key").on(
      t.organizationId,
      t.memberId,
      t.blockedMemberId,
    ),
    check("member_block_not_self_check", sql`${t.memberId} <> ${t.blockedMemberId}`),
    index("member_block_org_blocked_idx").on(t.organizationId, t.blockedMemberId),
  ],
);
