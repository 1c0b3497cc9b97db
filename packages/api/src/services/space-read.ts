// Unread marks (schema/space.ts space_read): where each member last looked at each space. The
// sidebar shows the spaces with posts or chat messages from others since then, and the feeds
// mark those posts "New". It is the direct messages' last_read_at pattern
// (services/direct-message.ts), per space instead of per conversation: opening a space moves the
// member's mark to now (never back), and what came after it, from someone else, is unread.
//
// Before a member first opens a space they have no mark: their joining of the organization
// stands in for it, so a newcomer is not greeted by every post ever written.
//
// The counts walk each space's own index from the mark (post_org_space_published_idx,
// chat_message_space_created_idx) and stop at UNREAD_CAP, so the sidebar costs the same in a
// space of 200,000 posts as in one of 20 (space-read-plan.test.ts).
import { type SQL, spaceRead, sql, type TenantScope } from "@guild/db";
import type { z } from "zod";
import { notFound } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import type { spaceIdInput } from "../schemas/space.ts";
import { actingMember } from "./member.ts";

/**
 * The counts stop here: the sidebar says "9+" from 10 on. Each count reads at most this many
 * rows, and every member online reads them again on each post or message they may see.
 */
export const UNREAD_CAP = 10;

/** One space's unread state for the caller. */
export interface SpaceUnread {
  spaceId: string;
  /** The caller's mark: what was published after it (by others) is new to them. */
  readAt: Date;
  /** Posts (a chat space: messages) from others after the mark, at most UNREAD_CAP; 0 when muted. */
  unread: number;
}

/**
 * The unread statement for the caller's visible, live spaces (or one of them). The mark is
 * spelled once per space in a lateral subquery, so both counts compare with the same instant.
 */
export function spaceUnreadQuery(scope: TenantScope, memberId: string, spaceId?: string): SQL {
  return sql`
    select s.id as "spaceId", mark.at as "readAt",
      case
        when sm.muted_at is not null then 0
        when s.type = 'chat' then (
          select count(*)::int from (
            select 1 from chat_message c
            where c.organization_id = s.organization_id and c.space_id = s.id
              and c.created_at > mark.at and c.deleted_at is null
              and c.author_member_id is distinct from ${memberId}::uuid
            order by c.created_at limit ${UNREAD_CAP}) chat_unread)
        else (
          select count(*)::int from (
            select 1 from post p
            where p.organization_id = s.organization_id and p.space_id = s.id
              and p.published_at > mark.at
              and p.published_at is not null and p.deleted_at is null and p.hidden_at is null
              and p.author_member_id is distinct from ${memberId}::uuid
            order by p.published_at limit ${UNREAD_CAP}) post_unread)
      end as "unread"
    from space s
    join member m on m.organization_id = s.organization_id and m.id = ${memberId}::uuid
    left join space_member sm
      on sm.organization_id = s.organization_id and sm.space_id = s.id
      and sm.member_id = ${memberId}::uuid
    left join space_read r
      on r.organization_id = s.organization_id and r.space_id = s.id
      and r.member_id = ${memberId}::uuid
    cross join lateral (select coalesce(r.last_read_at, m.created_at) as at) mark
    where s.organization_id = ${scope.organizationId}::uuid
      and s.id = any((select guild_visible_space_ids())::uuid[])
      and s.archived_at is null
      ${spaceId ? sql`and s.id = ${spaceId}::uuid` : sql``}
    order by s.position, s.name, s.id`;
}

interface UnreadRow extends Record<string, unknown> {
  spaceId: string;
  readAt: Date | string;
  unread: number;
}

const toUnread = (row: UnreadRow): SpaceUnread => ({
  spaceId: row.spaceId,
  readAt: new Date(row.readAt),
  unread: row.unread,
});

/** space.unread: every space the caller sees (not archived), with their mark and unread count. */
export async function listSpaceUnread(scope: TenantScope): Promise<SpaceUnread[]> {
  const me = actingMember(scope);
  const rows = await scope.db.execute<UnreadRow>(spaceUnreadQuery(scope, me.memberId));
  return rows.map(toUnread);
}

/**
 * space.markRead: the caller has looked at the space now. Answers the mark it replaces, so the
 * page just opened can still mark "New" what the member had not seen. The mark never moves
 * back (two tabs, a late request). NOT_FOUND for a space the caller cannot see, or an archived
 * one (the sidebar never lists it).
 */
export async function markSpaceRead(
  scope: TenantScope,
  input: z.output<typeof spaceIdInput>,
): Promise<{ spaceId: string; previousReadAt: Date }> {
  const me = actingMember(scope);
  const [before] = await scope.db.execute<UnreadRow>(
    spaceUnreadQuery(scope, me.memberId, input.spaceId),
  );
  if (!before) throw notFound("Space");
  const now = scope.now();
  await scope.db
    .insert(spaceRead)
    .values({
      organizationId: scope.organizationId,
      memberId: me.memberId,
      spaceId: input.spaceId,
      lastReadAt: now,
    })
    .onConflictDoUpdate({
      target: [spaceRead.organizationId, spaceRead.memberId, spaceRead.spaceId],
      set: {
        lastReadAt: sql`greatest(${spaceRead.lastReadAt}, excluded.last_read_at)`,
      },
    });
  // The member's other tabs and devices clear the mark too.
  await publish(scope, {
    kind: "space.read",
    target: { type: "space", id: input.spaceId },
    audienceMemberId: me.memberId,
  });
  return { spaceId: input.spaceId, previousReadAt: toUnread(before).readAt };
}
