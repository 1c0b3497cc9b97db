// The demo organization's threads (issue 11): comments with nested replies, reactions and votes
// on the demo posts (seed-posts.ts), from its three people, a little after each post. The
// counters on posts and comments (comment_count, reply_count, score, reaction_count,
// last_activity_at) are then computed from the rows in one statement each, so they agree with
// what the procedures would have kept. Idempotent: a demo that already has comments keeps them.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { ReactionEmoji } from "./enums/reaction.ts";
import { comment, post, reaction, vote } from "./schema/index.ts";
import type { TenantScope } from "./scope.ts";

interface DemoComment {
  /** Index into the demo's members (0 owner, 1 admin, 2 Mia). */
  author: number;
  body: string;
  /** Minutes after the post (or its parent) was written. */
  after: number;
  reactions?: [number, ReactionEmoji][];
  votes?: [number, 1 | -1][];
  replies?: DemoComment[];
}

interface DemoThread {
  /** The demo post's title. */
  post: string;
  reactions: [number, ReactionEmoji][];
  votes: [number, 1 | -1][];
  comments: DemoComment[];
}

export const demoThreads: readonly DemoThread[] = [
  {
    post: "Welcome to Guild Demo 👋",
    reactions: [
      [1, "celebrate"],
      [2, "celebrate"],
      [2, "love"],
    ],
    votes: [
      [1, 1],
      [2, 1],
    ],
    comments: [
      {
        author: 2,
        body: "Thanks for setting this up! Happy to be here 🎉",
        after: 90,
        reactions: [[0, "love"]],
        votes: [[0, 1]],
        replies: [
          {
            author: 0,
            body: "Glad you made it, Mia. Introduce yourself in a post of your own too!",
            after: 30,
            reactions: [[2, "like"]],
          },
        ],
      },
      {
        author: 1,
        body: "Reminder: office hours are on Thursdays. Bring your questions.",
        after: 240,
        votes: [
          [0, 1],
          [2, 1],
        ],
      },
    ],
  },
  {
    post: "How do you keep a cohort engaged after week two?",
    reactions: [
      [0, "thanks"],
      [1, "like"],
    ],
    votes: [
      [0, 1],
      [1, 1],
    ],
    comments: [
      {
        author: 0,
        body: "Small groups of four with a weekly check-in worked best for us. People show up for their group, not for the course.",
        after: 45,
        reactions: [
          [2, "like"],
          [1, "like"],
        ],
        votes: [
          [2, 1],
          [1, 1],
        ],
        replies: [
          {
            author: 2,
            body: "How did you form the groups? By time zone?",
            after: 20,
            replies: [
              {
                author: 0,
                body: "Time zone first, then what they want to build. Ask in the sign-up form.",
                after: 15,
                reactions: [[2, "thanks"]],
              },
            ],
          },
        ],
      },
      {
        author: 1,
        body: "A visible progress board helps too: nobody wants to be the empty column 😅",
        after: 120,
        reactions: [[2, "laugh"]],
        votes: [[2, 1]],
      },
    ],
  },
  {
    post: "Office hours every Thursday",
    reactions: [[2, "like"]],
    votes: [[2, 1]],
    comments: [
      {
        author: 2,
        body: "Will these be recorded for those of us in other time zones?",
        after: 60,
        replies: [
          {
            author: 1,
            body: "Yes: the recording goes in Resources the next morning.",
            after: 40,
            reactions: [[2, "thanks"]],
          },
        ],
      },
    ],
  },
];

export async function seedDemoThreads(
  scope: TenantScope,
  memberIds: readonly string[],
): Promise<boolean> {
  const organizationId = scope.organizationId;
  const existing = await scope.db
    .select({ id: comment.id })
    .from(comment)
    .where(eq(comment.organizationId, organizationId))
    .limit(1);
  if (existing.length > 0) return false;
  const posts = await scope.db
    .select({ id: post.id, spaceId: post.spaceId, title: post.title, at: post.publishedAt })
    .from(post)
    .where(
      and(
        eq(post.organizationId, organizationId),
        inArray(
          post.title,
          demoThreads.map((t) => t.post),
        ),
      ),
    );
  const now = scope.now().getTime();
  const postIds: string[] = [];
  for (const thread of demoThreads) {
    const target = posts.find((p) => p.title === thread.post);
    if (!target?.at) continue;
    postIds.push(target.id);
    const item = { organizationId, spaceId: target.spaceId, postId: target.id };
    const write = async (
      demo: DemoComment,
      parent: { id: string; depth: number; at: number } | null,
    ): Promise<void> => {
      const at = Math.min((parent?.at ?? target.at?.getTime() ?? now) + demo.after * 60_000, now);
      const [row] = await scope.db
        .insert(comment)
        .values({
          ...item,
          parentCommentId: parent?.id ?? null,
          depth: parent ? parent.depth + 1 : 0,
          authorMemberId: memberIds[demo.author] ?? null,
          body: demo.body,
          createdAt: new Date(at),
          updatedAt: new Date(at),
        })
        .returning({ id: comment.id });
      if (!row) return;
      await react(item, row.id, demo.reactions ?? [], demo.votes ?? []);
      for (const reply of demo.replies ?? [])
        await write(reply, { id: row.id, depth: parent ? parent.depth + 1 : 0, at });
    };
    const react = async (
      base: typeof item,
      commentId: string | null,
      reactions: [number, ReactionEmoji][],
      votes: [number, 1 | -1][],
    ) => {
      const rows = reactions.flatMap(([who, emoji]) => {
        const memberId = memberIds[who];
        return memberId ? [{ ...base, commentId, memberId, emoji }] : [];
      });
      if (rows.length > 0) await scope.db.insert(reaction).values(rows);
      const ballots = votes.flatMap(([who, value]) => {
        const memberId = memberIds[who];
        return memberId ? [{ ...base, commentId, memberId, value }] : [];
      });
      if (ballots.length > 0) await scope.db.insert(vote).values(ballots);
    };
    await react(item, null, thread.reactions, thread.votes);
    for (const demo of thread.comments) await write(demo, null);
  }
  if (postIds.length === 0) return false;
  // The counters, from the rows (as the services keep them).
  await scope.db.execute(sql`
    update comment c set
      reply_count = (select count(*) from comment r
        where r.organization_id = c.organization_id and r.parent_comment_id = c.id),
      reaction_count = (select count(*) from reaction x
        where x.organization_id = c.organization_id and x.comment_id = c.id),
      score = (select coalesce(sum(v.value), 0) from vote v
        where v.organization_id = c.organization_id and v.comment_id = c.id)
    where c.organization_id = ${organizationId} and c.post_id = any(${`{${postIds.join(",")}}`}::uuid[])`);
  await scope.db.execute(sql`
    update post p set
      comment_count = (select count(*) from comment c
        where c.organization_id = p.organization_id and c.post_id = p.id and c.deleted_at is null),
      reaction_count = (select count(*) from reaction x
        where x.organization_id = p.organization_id and x.post_id = p.id and x.comment_id is null),
      score = (select coalesce(sum(v.value), 0) from vote v
        where v.organization_id = p.organization_id and v.post_id = p.id and v.comment_id is null),
      last_activity_at = greatest(p.last_activity_at, coalesce((select max(c.created_at)
        from comment c where c.organization_id = p.organization_id and c.post_id = p.id),
        p.last_activity_at))
    where p.organization_id = ${organizationId} and p.id = any(${`{${postIds.join(",")}}`}::uuid[])`);
  return true;
}
