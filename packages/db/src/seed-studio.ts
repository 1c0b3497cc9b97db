// The demo's content studio (issue 14 §2): the owner's and Mia's posts in every state, written
// as the app leaves them: drafts (one generated, with its model and tokens), one scheduled for
// tomorrow morning into Introductions with its publishing job waiting, one published last week
// to the organization's webhook with its publish record, and one that failed. Added once: a
// demo that has studio posts gets none.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { studioPost, studioPublish, studioWebhook } from "./schema/index.ts";
import type { TenantScope } from "./scope.ts";
import { demoSpaceId } from "./seed-spaces.ts";
import { scheduleStudioPublish } from "./studio-publish.ts";

const DAY = 86_400_000;

export async function seedDemoStudio(
  scope: TenantScope,
  memberIds: readonly string[],
  now: Date,
): Promise<boolean> {
  const organizationId = scope.organizationId;
  const [any] = await scope.db
    .select({ id: studioPost.id })
    .from(studioPost)
    .where(eq(studioPost.organizationId, organizationId))
    .limit(1);
  if (any) return false;
  const owner = memberIds[0];
  const mia = memberIds[2] ?? owner;
  const spaceId = await demoSpaceId(scope, "introductions", "discussion");
  if (!owner || !mia) return false;
  await scope.db
    .insert(studioWebhook)
    .values({
      organizationId,
      url: "https://hooks.example.com/guild-demo",
      secret: `whsec_${randomBytes(32).toString("hex")}`,
      createdAt: new Date(now.getTime() - 14 * DAY),
      updatedAt: new Date(now.getTime() - 14 * DAY),
    })
    .onConflictDoNothing();
  const at = (days: number) => new Date(now.getTime() + days * DAY);
  const generated = (prompt: string, completionTokens: number) => ({
    model: "local stand-in model",
    prompt,
    promptTokens: 42,
    completionTokens,
  });
  const tomorrowMorning = new Date(at(1));
  tomorrowMorning.setUTCHours(9, 0, 0, 0);
  const rows: (typeof studioPost.$inferInsert)[] = [
    {
      organizationId,
      memberId: owner,
      state: "draft",
      topic: "Spring meetup recap",
      tone: "friendly",
      platform: "linkedin",
      length: "medium",
      body: "What a spring meetup! 40 of you came, three demos, one very long coffee queue. Thank you all: the slides are in Resources, and the next one is already on the calendar.",
      ...generated("Write a friendly post for linkedin about: Spring meetup recap.", 38),
      createdAt: at(-2),
      updatedAt: at(-2),
    },
    {
      organizationId,
      memberId: owner,
      state: "draft",
      topic: "Hiring a community lead",
      tone: "professional",
      platform: "linkedin",
      length: "short",
      body: "We are looking for a community lead. Write to us if you know someone.",
      createdAt: at(-1),
      updatedAt: at(-1),
    },
    {
      organizationId,
      memberId: owner,
      state: "published",
      topic: "New course: pipeline basics",
      tone: "informative",
      platform: "linkedin",
      length: "medium",
      body: "Our new course is out: Pipeline basics, five short lessons from first call to signed deal. Free for every member.",
      ...generated(
        "Write an informative post for linkedin about: New course: pipeline basics.",
        24,
      ),
      target: "webhook",
      scheduledAt: at(-7),
      publishedAt: at(-7),
      attempts: 1,
      createdAt: at(-9),
      updatedAt: at(-7),
    },
    {
      organizationId,
      memberId: owner,
      state: "failed",
      topic: "Office hours",
      tone: "bold",
      platform: "x",
      length: "short",
      body: "Office hours every Thursday at 5. Bring your hardest question.",
      target: "webhook",
      scheduledAt: at(-3),
      attempts: 5,
      error: "The webhook answered HTTP 502",
      createdAt: at(-4),
      updatedAt: at(-3),
    },
    ...(spaceId
      ? [
          {
            organizationId,
            memberId: mia,
            state: "scheduled" as const,
            topic: "Hello from Mia",
            tone: "playful" as const,
            platform: "community" as const,
            length: "short" as const,
            body: "Hi all, Mia here! I run the Thursday office hours: come say hello, questions of every size welcome.",
            ...generated("Write a playful post for our community space about: Hello from Mia.", 21),
            target: "space" as const,
            spaceId,
            scheduledAt: tomorrowMorning,
            createdAt: at(-1),
            updatedAt: at(-1),
          },
        ]
      : []),
  ];
  const inserted = await scope.db.insert(studioPost).values(rows).returning({
    id: studioPost.id,
    state: studioPost.state,
    scheduledAt: studioPost.scheduledAt,
    publishedAt: studioPost.publishedAt,
    memberId: studioPost.memberId,
  });
  for (const row of inserted) {
    if (row.state === "scheduled" && row.scheduledAt)
      await scheduleStudioPublish(scope, { id: row.id, scheduledAt: row.scheduledAt });
    if (row.state === "published" && row.publishedAt)
      await scope.db.insert(studioPublish).values({
        organizationId,
        studioPostId: row.id,
        target: "webhook",
        responseStatus: 200,
        authorMemberId: row.memberId,
        publishedAt: row.publishedAt,
        createdAt: row.publishedAt,
      });
  }
  return true;
}
