// Who hears of a comment (the one hook comment.create and comment.update call, in their
// transaction): the author of what it replies to (the parent comment's, else the post's) gets
// "replied", and the members it newly @mentions get "mentioned" (once: a mentioned replied-to
// author gets the reply only). Only members who see the post's space are told: a reply or mention
// in a space someone cannot see must not tell them it exists (guild_members_seeing_space, the
// visibility rule asked for them). The actor is never told of their own comment (notify).
import { sql, type TenantScope } from "@guild/db";
import { notify } from "./notification.ts";

export interface CommentWritten {
  commentId: string;
  postId: string;
  spaceId: string;
  /** The post's author (a comment on the post replies to them); null: not a new comment. */
  postAuthorMemberId: string | null;
  /** The parent comment's author, for a reply. */
  parentAuthorMemberId: string | null;
  /** Members the text newly mentions (resolved from @usernames in the organization). */
  mentionedMemberIds: string[];
}

/** Of these members, those who see the space (the database's visibility rule). */
export async function seeingSpace(scope: TenantScope, spaceId: string, memberIds: string[]) {
  if (memberIds.length === 0) return new Set<string>();
  const [row] = await scope.db.execute<{ seeing: string[] | null }>(
    sql`select guild_members_seeing_space(${spaceId}::uuid, ${`{${memberIds.join(",")}}`}::uuid[]) as seeing`,
  );
  return new Set(row?.seeing ?? []);
}

export async function commentWritten(scope: TenantScope, written: CommentWritten): Promise<void> {
  const repliedTo = written.parentAuthorMemberId ?? written.postAuthorMemberId;
  const candidates = [...new Set([repliedTo, ...written.mentionedMemberIds])].filter(
    (id): id is string => !!id,
  );
  const seeing = await seeingSpace(scope, written.spaceId, candidates);
  const target = { type: "comment", id: written.commentId };
  if (repliedTo && seeing.has(repliedTo))
    await notify(scope, { kind: "comment.replied", target, recipients: [repliedTo] });
  const mentioned = written.mentionedMemberIds.filter((id) => id !== repliedTo && seeing.has(id));
  if (mentioned.length > 0)
    await notify(scope, { kind: "comment.mentioned", target, recipients: mentioned });
}
