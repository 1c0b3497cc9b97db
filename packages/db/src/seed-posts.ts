// The demo organization's posts (issue 11): a living feed in its discussion spaces (seed-spaces.ts)
// from its three people, over the past weeks: a pinned welcome, announcements, questions, short
// updates without a title, tags, a locked thread, a draft. Idempotent: a demo that already has
// posts keeps them. Comments, reactions and votes are seeded by their own parts.
import { and, eq, inArray } from "drizzle-orm";
import type { PostType } from "./enums/post.ts";
import { post, space } from "./schema/index.ts";
import type { TenantScope } from "./scope.ts";

interface DemoPost {
  space: string;
  /** Index into the demo's members (0 owner, 1 admin, 2 Mia). */
  author: number;
  title: string | null;
  body: string;
  type: PostType;
  tags: string[];
  /** Published this many hours before the seed ran; null: a draft. */
  hoursAgo: number | null;
  pinned?: boolean;
  locked?: boolean;
  views: number;
}

export const demoPosts: readonly DemoPost[] = [
  {
    space: "introductions",
    author: 0,
    title: "Welcome to Guild Demo 👋",
    body: "This is where we get to know each other.\n\nTell us:\n\n- who you are and where you are,\n- what you are working on,\n- what you hope to find here.\n\nRead the [community guidelines](/o/demo/s/announcements) before you post, and be kind.",
    type: "announcement",
    tags: ["welcome"],
    hoursAgo: 24 * 21,
    pinned: true,
    views: 128,
  },
  {
    space: "introductions",
    author: 2,
    title: "Hi, I'm Mia from Lisbon",
    body: "I design learning experiences for a small nonprofit and joined to swap notes on **community-led courses**.\n\nHappy to help anyone getting started with workshops!",
    type: "discussion",
    tags: ["hello", "design"],
    hoursAgo: 24 * 14,
    views: 42,
  },
  {
    space: "introductions",
    author: 1,
    title: null,
    body: "Admin here: I look after the events calendar. Ping me with ideas for the next meetup 🙂",
    type: "discussion",
    tags: [],
    hoursAgo: 24 * 13,
    views: 31,
  },
  {
    space: "announcements",
    author: 0,
    title: "Office hours every Thursday",
    body: "From next week we hold **open office hours** every Thursday at 17:00 UTC.\n\nBring questions about the platform, your community or your courses. The link will be in the Events space.",
    type: "announcement",
    tags: ["events", "office-hours"],
    hoursAgo: 24 * 7,
    views: 76,
  },
  {
    space: "announcements",
    author: 0,
    title: "Community guidelines",
    body: "1. Be kind and assume good intent.\n2. Stay on topic in each space.\n3. No spam or self-promotion without context.\n4. Report what breaks these rules: moderators read every report.\n\nThreads here are locked: questions go in Introductions.",
    type: "resource",
    tags: ["guidelines"],
    hoursAgo: 24 * 20,
    locked: true,
    views: 93,
  },
  {
    space: "introductions",
    author: 2,
    title: "How do you keep a cohort engaged after week two?",
    body: "Our cohorts start strong and then go quiet around week two. What has worked for you: small groups, streaks, live sessions, something else?",
    type: "question",
    tags: ["question", "engagement"],
    hoursAgo: 30,
    views: 19,
  },
  {
    space: "introductions",
    author: 1,
    title: null,
    body: "Just finished the Getting started course: the quiz on lesson 3 is harder than it looks 😅",
    type: "discussion",
    tags: ["courses"],
    hoursAgo: 5,
    views: 8,
  },
  {
    space: "supporters-corner",
    author: 2,
    title: "December newsletter, early",
    body: "Thanks for supporting the community! This month: a look back at the year, the new course schedule, and a discount code for the spring workshop.",
    type: "announcement",
    tags: ["newsletter"],
    hoursAgo: 48,
    views: 12,
  },
  {
    space: "team-room",
    author: 0,
    title: "Plan for January",
    body: "- Launch the second cohort\n- Move office hours to a bigger room\n- Review the paid tiers' prices",
    type: "discussion",
    tags: ["planning"],
    hoursAgo: 72,
    views: 4,
  },
  {
    space: "announcements",
    author: 1,
    title: "Draft: spring workshop",
    body: "Dates and speakers to confirm before this goes out.",
    type: "announcement",
    tags: ["events"],
    hoursAgo: null,
    views: 0,
  },
];

/**
 * The demo's posts (as the system actor, in the seed's scope), in the spaces seed-spaces.ts made;
 * false when the demo already has posts, or has none of those spaces.
 */
export async function seedDemoPosts(
  scope: TenantScope,
  memberIds: readonly string[],
): Promise<boolean> {
  const organizationId = scope.organizationId;
  const existing = await scope.db
    .select({ id: post.id })
    .from(post)
    .where(eq(post.organizationId, organizationId))
    .limit(1);
  if (existing.length > 0) return false;
  const spaces = await scope.db
    .select({ id: space.id, slug: space.slug })
    .from(space)
    .where(
      and(
        eq(space.organizationId, organizationId),
        inArray(space.slug, [...new Set(demoPosts.map((p) => p.space))]),
      ),
    );
  const spaceIdOf = new Map(spaces.map((s) => [s.slug, s.id]));
  const now = scope.now().getTime();
  const values = demoPosts.flatMap((demo) => {
    const spaceId = spaceIdOf.get(demo.space);
    if (!spaceId) return [];
    const at = new Date(now - (demo.hoursAgo ?? 1) * 3_600_000);
    const published = demo.hoursAgo !== null;
    return [
      {
        organizationId,
        spaceId,
        authorMemberId: memberIds[demo.author] ?? null,
        title: demo.title,
        body: demo.body,
        type: demo.type,
        tags: demo.tags,
        status: published ? ("published" as const) : ("draft" as const),
        publishedAt: published ? at : null,
        pinnedAt: demo.pinned ? at : null,
        lockedAt: demo.locked ? at : null,
        viewCount: demo.views,
        lastActivityAt: at,
        createdAt: at,
        updatedAt: at,
      },
    ];
  });
  if (values.length === 0) return false;
  await scope.db.insert(post).values(values);
  return true;
}
