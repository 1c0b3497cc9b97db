// Reactions (a fixed emoji set) and up/down votes on posts and comments (schema/reaction.ts).
//
// Counting: post and comment rows carry score and reaction_count (the feeds' "top" sort reads
// score), kept here in the transaction that writes the reaction or vote. Every writer first
// takes the item's row lock (openPost/openComment with `lock`), so writers of one item take
// turns and each reads the row as the one before left it: the delta it adds is exact, and two
// toggles at once (a double click, two tabs) leave the counters equal to the rows. The per-emoji
// counts are not stored: they are read by grouping the rows, along the unique index.
import {
  and,
  comment,
  count,
  eq,
  inArray,
  isNull,
  post,
  type ReactionEmoji,
  reaction,
  reactionEmojis,
  type SQL,
  sql,
  type TenantScope,
  type VoteDirection,
  visibleSpace,
  vote,
} from "@guild/db";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import type { postReactionsInput, setVoteInput, toggleReactionInput } from "../schemas/reaction.ts";
import { seeingSpace } from "./comment-notifications.ts";
import { actingMember } from "./member.ts";
import { notify } from "./notification.ts";
import { openComment, openPost, postIsOpen } from "./thread.ts";

/** One emoji's count on an item, and whether the viewer is among them. */
export interface ReactionCount {
  emoji: ReactionEmoji;
  count: number;
  mine: boolean;
}

/** An item's reaction bar and vote buttons, as the viewer sees them. */
export interface ReactionState {
  postId: string;
  /** Null for the post itself. */
  commentId: string | null;
  score: number;
  reactionCount: number;
  /** Only the emojis someone used, in the set's order. */
  reactions: ReactionCount[];
  myVote: VoteDirection;
}

type Item = { postId: string; commentId: string | null };

const keyOf = (item: Item) => item.commentId ?? item.postId;

/** The rows of one item in a reaction or vote table. */
function rowsOf(
  scope: TenantScope,
  table: typeof reaction | typeof vote,
  item: Item,
): SQL | undefined {
  return and(
    eq(table.organizationId, scope.organizationId),
    eq(table.postId, item.postId),
    item.commentId === null ? isNull(table.commentId) : eq(table.commentId, item.commentId),
  );
}

/**
 * The reaction bars of items whose counters the caller has read: per-emoji counts grouped from
 * the rows, and the viewer's own reactions and votes (one range of their index per post).
 */
export async function reactionStates(
  scope: TenantScope,
  items: readonly (Item & { score: number; reactionCount: number })[],
): Promise<Map<string, ReactionState>> {
  const states = new Map<string, ReactionState>();
  if (items.length === 0) return states;
  const postIds = [...new Set(items.map((i) => i.postId))];
  const commentIds = items.flatMap((i) => (i.commentId ? [i.commentId] : []));
  const onPosts = items.some((i) => i.commentId === null);
  const me = scope.actor.kind === "member" ? scope.actor.memberId : null;
  // Items without a reaction need no group: only those counted are read.
  const counted = items.filter((i) => i.reactionCount > 0);
  const countedPosts = counted.flatMap((i) => (i.commentId ? [] : [i.postId]));
  const countedComments = counted.flatMap((i) => (i.commentId ? [i.commentId] : []));
  const itemFilter = (table: typeof reaction | typeof vote, posts: string[], comments: string[]) =>
    sql`(${posts.length > 0 ? and(isNull(table.commentId), inArray(table.postId, posts)) : sql`false`}
      or ${comments.length > 0 ? and(inArray(table.postId, postIds), inArray(table.commentId, comments)) : sql`false`})`;
  const [counts, mine, votes] = await Promise.all([
    counted.length === 0
      ? Promise.resolve([])
      : scope.db
          .select({
            postId: reaction.postId,
            commentId: reaction.commentId,
            emoji: reaction.emoji,
            n: count(),
          })
          .from(reaction)
          .where(
            and(
              eq(reaction.organizationId, scope.organizationId),
              visibleSpace(reaction.spaceId),
              itemFilter(reaction, countedPosts, countedComments),
            ),
          )
          .groupBy(reaction.postId, reaction.commentId, reaction.emoji),
    me === null || counted.length === 0
      ? Promise.resolve([])
      : scope.db
          .select({
            postId: reaction.postId,
            commentId: reaction.commentId,
            emoji: reaction.emoji,
          })
          .from(reaction)
          .where(
            and(
              eq(reaction.organizationId, scope.organizationId),
              eq(reaction.memberId, me),
              inArray(reaction.postId, postIds),
            ),
          ),
    me === null
      ? Promise.resolve([])
      : scope.db
          .select({ postId: vote.postId, commentId: vote.commentId, value: vote.value })
          .from(vote)
          .where(
            and(
              eq(vote.organizationId, scope.organizationId),
              eq(vote.memberId, me),
              inArray(vote.postId, postIds),
              onPosts ? undefined : inArray(vote.commentId, commentIds),
            ),
          ),
  ]);
  const countsOf = new Map<string, Map<ReactionEmoji, number>>();
  for (const row of counts) {
    const key = keyOf(row);
    const byEmoji = countsOf.get(key) ?? new Map<ReactionEmoji, number>();
    byEmoji.set(row.emoji, row.n);
    countsOf.set(key, byEmoji);
  }
  const mineOf = new Set(mine.map((row) => `${keyOf(row)}:${row.emoji}`));
  const voteOf = new Map(votes.map((row) => [keyOf(row), row.value]));
  for (const item of items) {
    const key = keyOf(item);
    const byEmoji = countsOf.get(key);
    const value = voteOf.get(key);
    states.set(key, {
      postId: item.postId,
      commentId: item.commentId,
      score: item.score,
      reactionCount: item.reactionCount,
      reactions: reactionEmojis.flatMap((emoji) => {
        const n = byEmoji?.get(emoji) ?? 0;
        return n > 0 ? [{ emoji, count: n, mine: mineOf.has(`${key}:${emoji}`) }] : [];
      }),
      myVote: value === 1 ? "up" : value === -1 ? "down" : "none",
    });
  }
  return states;
}

/** The item's counters as they are now (after this transaction's writes). */
async function stateOf(scope: TenantScope, item: Item): Promise<ReactionState> {
  const [counters] =
    item.commentId === null
      ? await scope.db
          .select({ score: post.score, reactionCount: post.reactionCount })
          .from(post)
          .where(and(eq(post.organizationId, scope.organizationId), eq(post.id, item.postId)))
      : await scope.db
          .select({ score: comment.score, reactionCount: comment.reactionCount })
          .from(comment)
          .where(
            and(eq(comment.organizationId, scope.organizationId), eq(comment.id, item.commentId)),
          );
  if (!counters) throw new Error("the item locked in this transaction is gone");
  const state = (await reactionStates(scope, [{ ...item, ...counters }])).get(keyOf(item));
  if (!state) throw new Error("no reaction state for the item");
  return state;
}

/**
 * The item, locked, if the member may react to it: a post or comment they see. A deleted
 * comment keeps its placeholder but takes no more reactions or votes.
 */
async function lockItem(
  scope: TenantScope,
  input: { postId: string; commentId?: string | null | undefined },
): Promise<{ item: Item; spaceId: string; authorMemberId: string | null }> {
  if (!input.commentId) {
    const found = await openPost(scope, input.postId, { lock: true });
    return {
      item: { postId: found.id, commentId: null },
      spaceId: found.spaceId,
      authorMemberId: found.authorMemberId,
    };
  }
  const found = await openComment(scope, input.commentId, { postId: input.postId, lock: true });
  if (found.deletedAt)
    throw new AppError("CONFLICT", "This comment was deleted", { field: "commentId" });
  return {
    item: { postId: found.postId, commentId: found.id },
    spaceId: found.spaceId,
    authorMemberId: found.authorMemberId,
  };
}

/**
 * Tells the item's author that the member reacted (in the toggle's transaction, so only a
 * committed reaction tells). Once per reactor and item, whatever the emoji and however often it
 * is toggled (notify's onceKey): a reaction is undone and redone at will and must not spam. Not
 * told: the reactor themselves (notify), nor an author who no longer sees the space (the
 * visibility rule, as for replies), since the notification would name what they cannot see.
 */
async function reactionAdded(
  scope: TenantScope,
  reactor: string,
  reacted: { item: Item; spaceId: string; authorMemberId: string | null },
) {
  const author = reacted.authorMemberId;
  if (!author || author === reactor) return;
  if (!(await seeingSpace(scope, reacted.spaceId, [author])).has(author)) return;
  const target = reacted.item.commentId
    ? { type: "comment", id: reacted.item.commentId }
    : { type: "post", id: reacted.item.postId };
  await notify(scope, {
    kind: "reaction.added",
    target,
    recipients: [author],
    onceKey: `reaction:${target.id}:${reactor}`,
  });
}

/** Adds to the item's counters (its row is locked by this transaction). */
async function addToCounters(
  scope: TenantScope,
  item: Item,
  delta: { score?: number; reactionCount?: number },
) {
  const score = delta.score ?? 0;
  const reactions = delta.reactionCount ?? 0;
  if (score === 0 && reactions === 0) return;
  if (item.commentId === null)
    await scope.db
      .update(post)
      .set({
        score: sql`${post.score} + ${score}`,
        reactionCount: sql`${post.reactionCount} + ${reactions}`,
        // Counters are not an edit of the post.
        updatedAt: sql`${post.updatedAt}`,
      })
      .where(and(eq(post.organizationId, scope.organizationId), eq(post.id, item.postId)));
  else
    await scope.db
      .update(comment)
      .set({
        score: sql`${comment.score} + ${score}`,
        reactionCount: sql`${comment.reactionCount} + ${reactions}`,
        updatedAt: sql`${comment.updatedAt}`,
      })
      .where(and(eq(comment.organizationId, scope.organizationId), eq(comment.id, item.commentId)));
}

/**
 * Tells those who have the item open (its post's page, a feed) that its counts changed. Both
 * kinds name the post: a comment's reactions are read with its thread.
 */
function reacted(scope: TenantScope, item: Item) {
  return publish(scope, {
    kind: item.commentId ? "comment.reacted" : "post.reacted",
    target: { type: "post", id: item.postId },
  });
}

/** reaction.toggle: the member's reaction with this emoji on the item, added or taken back. */
export async function toggleReaction(
  scope: TenantScope,
  input: z.output<typeof toggleReactionInput>,
): Promise<ReactionState> {
  const me = actingMember(scope);
  const locked = await lockItem(scope, input);
  const { item, spaceId } = locked;
  const added = await scope.db
    .insert(reaction)
    .values({
      organizationId: scope.organizationId,
      spaceId,
      postId: item.postId,
      commentId: item.commentId,
      memberId: me.memberId,
      emoji: input.emoji,
    })
    .onConflictDoNothing()
    .returning({ id: reaction.id });
  if (added.length > 0) {
    await addToCounters(scope, item, { reactionCount: 1 });
    await reactionAdded(scope, me.memberId, locked);
  } else {
    const removed = await scope.db
      .delete(reaction)
      .where(
        and(
          rowsOf(scope, reaction, item),
          eq(reaction.memberId, me.memberId),
          eq(reaction.emoji, input.emoji),
        ),
      )
      .returning({ id: reaction.id });
    await addToCounters(scope, item, { reactionCount: -removed.length });
    if (removed.length === 0) return stateOf(scope, item);
  }
  await reacted(scope, item);
  return stateOf(scope, item);
}

const voteValues: Record<VoteDirection, number> = { up: 1, down: -1, none: 0 };

/** reaction.vote: the member's vote on the item becomes up, down or none. */
export async function setVote(
  scope: TenantScope,
  input: z.output<typeof setVoteInput>,
): Promise<ReactionState> {
  const me = actingMember(scope);
  const { item, spaceId } = await lockItem(scope, input);
  const mine = and(rowsOf(scope, vote, item), eq(vote.memberId, me.memberId));
  const [before] = await scope.db.select({ id: vote.id, value: vote.value }).from(vote).where(mine);
  const was = before?.value ?? 0;
  const wanted = voteValues[input.vote];
  if (was !== wanted) {
    if (wanted === 0) await scope.db.delete(vote).where(mine);
    else if (before)
      await scope.db
        .update(vote)
        .set({ value: wanted })
        .where(and(eq(vote.organizationId, scope.organizationId), eq(vote.id, before.id)));
    else
      await scope.db.insert(vote).values({
        organizationId: scope.organizationId,
        spaceId,
        postId: item.postId,
        commentId: item.commentId,
        memberId: me.memberId,
        value: wanted,
      });
    await addToCounters(scope, item, { score: wanted - was });
    await reacted(scope, item);
  }
  return stateOf(scope, item);
}

/**
 * reaction.ofPosts: the reaction bars of a page of posts (a feed's). Posts the member cannot
 * see are left out, as a list leaves them out.
 */
export async function postReactions(
  scope: TenantScope,
  input: z.output<typeof postReactionsInput>,
): Promise<ReactionState[]> {
  const ids = [...new Set(input.postIds)];
  if (ids.length === 0) return [];
  const rows = await scope.db
    .select({ postId: post.id, score: post.score, reactionCount: post.reactionCount })
    .from(post)
    .where(and(postIsOpen(scope), inArray(post.id, ids)));
  const states = await reactionStates(
    scope,
    rows.map((row) => ({ ...row, commentId: null })),
  );
  return ids.flatMap((id) => {
    const state = states.get(id);
    return state ? [state] : [];
  });
}
