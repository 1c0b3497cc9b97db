// Who hears of a published post (the hook post.create and post.update call in their transaction
// when a post becomes published): the members it @mentions, at once, and the members following its
// space (joined, not muted), by a job, since a large space's fan-out has no place in the request.
// Only members who see the space are told (guild_members_seeing_space, the visibility rule).
import {
  and,
  eq,
  inArray,
  isNull,
  memberProfile,
  ne,
  post,
  spaceMember,
  sql,
  type TenantScope,
} from "@guild/db";
import { parseMentions } from "../schemas/mention.ts";
import { notify } from "./notification.ts";

/** The fan-out job gets the post only: who follows its space is read when it runs. */
export interface NewPostFanOut {
  postId: string;
}

declare module "@guild/db/scope" {
  interface JobPayloads {
    "community.new_post": NewPostFanOut;
  }
}

/** Recipients per notification.fanout job (its payload takes at most 10,000). */
const FANOUT_CHUNK = 5_000;

/** Of these members, those who see the space (the database's visibility rule). */
async function seeingSpace(scope: TenantScope, spaceId: string, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  const [row] = await scope.db.execute<{ seeing: string[] | null }>(
    sql`select guild_members_seeing_space(${spaceId}::uuid, ${`{${memberIds.join(",")}}`}::uuid[]) as seeing`,
  );
  return row?.seeing ?? [];
}

/** The members a text newly mentions by @username (those in `before` already were told). */
async function mentionedMembers(scope: TenantScope, body: string, before: string) {
  const earlier = new Set(parseMentions(before));
  const usernames = parseMentions(body)
    .filter((name) => !earlier.has(name))
    .slice(0, 50);
  if (usernames.length === 0) return [];
  const rows = await scope.db
    .select({ memberId: memberProfile.memberId })
    .from(memberProfile)
    .where(
      and(
        eq(memberProfile.organizationId, scope.organizationId),
        inArray(memberProfile.username, usernames),
      ),
    );
  return rows.map((row) => row.memberId);
}

/**
 * A post was published (created published, or a draft published): its mentions are told now and
 * its space's followers by the `community.new_post` job. `previousBody` is what an edit replaced
 * (mentions already in it were told before); empty for a new post.
 */
export async function postPublished(
  scope: TenantScope,
  published: {
    postId: string;
    spaceId: string;
    body: string;
    previousBody?: string;
    isNew: boolean;
  },
) {
  const mentioned = await seeingSpace(
    scope,
    published.spaceId,
    await mentionedMembers(scope, published.body, published.previousBody ?? ""),
  );
  const target = { type: "post", id: published.postId };
  if (mentioned.length > 0)
    await notify(scope, { kind: "post.mentioned", target, recipients: mentioned });
  if (published.isNew)
    await scope.enqueue(
      "community.new_post",
      { postId: published.postId },
      { jobKey: `new_post:${published.postId}` },
    );
}

/**
 * The fan-out job's work (system actor): the space's followers who see it, bar the author, told in
 * chunks through notification.fanout. One source key per post, so a rerun tells no one twice.
 */
export async function fanOutNewPost(scope: TenantScope, job: NewPostFanOut) {
  const [row] = await scope.db
    .select({ spaceId: post.spaceId, authorMemberId: post.authorMemberId })
    .from(post)
    .where(
      and(
        eq(post.organizationId, scope.organizationId),
        eq(post.id, job.postId),
        eq(post.status, "published"),
        isNull(post.deletedAt),
        isNull(post.hiddenAt),
      ),
    );
  if (!row) return;
  const followers = await scope.db
    .select({ memberId: spaceMember.memberId })
    .from(spaceMember)
    .where(
      and(
        eq(spaceMember.organizationId, scope.organizationId),
        eq(spaceMember.spaceId, row.spaceId),
        isNull(spaceMember.mutedAt),
        row.authorMemberId ? ne(spaceMember.memberId, row.authorMemberId) : undefined,
      ),
    );
  const recipients = await seeingSpace(
    scope,
    row.spaceId,
    followers.map((f) => f.memberId),
  );
  for (let i = 0; i < recipients.length; i += FANOUT_CHUNK)
    await scope.enqueue("notification.fanout", {
      kind: "space.new_post",
      targetType: "post",
      targetId: job.postId,
      recipientMemberIds: recipients.slice(i, i + FANOUT_CHUNK),
      actorMemberId: row.authorMemberId,
      sourceKey: `new_post:${job.postId}`,
      itemCount: null,
    });
}
