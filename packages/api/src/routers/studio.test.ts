// The content studio through its procedures and its publishing job, on a real database and a
// real HTTP receiver: drafts of at most 500 characters and their keyset lists, posts that are
// their author's alone, publishing into a space as the author (with the author's rights), the
// signed webhook with its retries and backoff, failure after the last attempt (and its
// notification), and exactly once with duplicate jobs on two job runners.
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  and,
  asSystem,
  createTestClock,
  eq,
  post,
  STUDIO_PUBLISH_ATTEMPTS,
  studioPublish,
  type TestClock,
  withTenant,
} from "@guild/db";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { startJobRunner } from "../jobs/runner.ts";
import { advanceJobClock } from "../jobs/system.ts";
import { eventsAfter } from "../realtime/event-log.ts";
import { type ApiFixture, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
type Caller = Awaited<ReturnType<Awaited<ReturnType<ApiFixture["addMember"]>>["caller"]>>;
let owner: Caller;
let writer: Caller;
let colleague: Caller;
let stranger: Caller;
let orgId = "";
let writerMemberId = "";
const spaceIds = { open: "", private: "" };
let clock: TestClock;

const brief = {
  topic: "Spring launch",
  tone: "friendly",
  platform: "community",
  length: "short",
} as const;
const draft = (body: string) => ({ ...brief, body });

/** The webhook receiver: answers the statuses queued in `answers` (then 200), keeps each delivery. */
const receiver = {
  server: null as Server | null,
  url: "",
  answers: [] as number[],
  deliveries: [] as Array<{ headers: IncomingMessage["headers"]; body: string }>,
};

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  const acme = await fx.createOrg("studio-acme", ["admin"]);
  const other = await fx.createOrg("studio-other");
  orgId = acme.org.id;
  owner = await acme.owner.caller("studio-acme");
  const person = await fx.addMember(orgId, "member", { name: "Writer" });
  writerMemberId = person.memberId;
  writer = await person.caller("studio-acme");
  colleague = await (await fx.addMember(orgId, "member", { name: "Colleague" })).caller(
    "studio-acme",
  );
  stranger = await other.owner.caller("studio-other");
  const space = (slug: string, visibility: "public" | "private") =>
    owner.space.create({
      name: slug,
      slug,
      description: "",
      icon: "",
      section: "",
      type: "discussion",
      visibility,
      tierIds: [],
    });
  spaceIds.open = (await space("studio-open", "public")).id;
  spaceIds.private = (await space("studio-private", "private")).id;
  await owner.space.addMember({ spaceId: spaceIds.private, memberId: writerMemberId });

  receiver.server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      receiver.deliveries.push({ headers: req.headers, body });
      res.statusCode = receiver.answers.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.server?.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.server?.close(resolve));
  await fx.drop();
});
beforeEach(() => {
  clock = createTestClock();
  receiver.answers = [];
  receiver.deliveries = [];
});

/** Moves the clock and the queued jobs `ms` ahead, then runs what became due. */
async function advance(ms: number) {
  await advanceJobClock(fx.db, clock, ms);
  await fx.runJobs({ clock });
}

const soon = () => new Date(Date.now() + 60_000);

async function postsInSpace(spaceId: string, body: string) {
  return withTenant(fx.db, asSystem(orgId, "test"), (scope) =>
    scope.db
      .select({ id: post.id, author: post.authorMemberId, status: post.status })
      .from(post)
      .where(and(eq(post.spaceId, spaceId), eq(post.body, body))),
  );
}

async function publishRecords(studioPostId: string) {
  return withTenant(fx.db, asSystem(orgId, "test"), (scope) =>
    scope.db.select().from(studioPublish).where(eq(studioPublish.studioPostId, studioPostId)),
  );
}

describe("drafts", () => {
  it("keeps a post to 500 characters, on its field, and writes nothing longer", async () => {
    const refusal = await refusalOf(writer.studio.save(draft("x".repeat(501))));
    expect(refusal?.code).toBe("BAD_REQUEST");
    expect(refusal?.fields).toContain("body");
    const saved = await writer.studio.save(draft("y".repeat(500)));
    expect(saved.body).toHaveLength(500);
    const tooLong = await refusalOf(writer.studio.update({ id: saved.id, body: "z".repeat(501) }));
    expect(tooLong?.fields).toContain("body");
    expect((await writer.studio.get({ id: saved.id })).body).toBe("y".repeat(500));
  });

  it("lists a member's posts by state in keyset pages, and shows them to nobody else", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await colleague.studio.save(draft(`Page post ${i}`))).id);
    const seen: string[] = [];
    let cursor: { updatedAt: Date; id: string } | null = null;
    do {
      const page: Awaited<ReturnType<Caller["studio"]["list"]>> = await colleague.studio.list({
        state: "draft",
        limit: 2,
        cursor,
      });
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    // Neither an admin of the organization nor anyone else sees them.
    expect((await owner.studio.list({ state: "draft" })).items.map((p) => p.id)).not.toContain(
      ids[0],
    );
    expect((await refusalOf(owner.studio.get({ id: ids[0] ?? "" })))?.code).toBe("NOT_FOUND");
    expect((await refusalOf(stranger.studio.get({ id: ids[0] ?? "" })))?.code).toBe("NOT_FOUND");
  });

  it("duplicates a post as a new draft and removes one", async () => {
    const source = await writer.studio.save(draft("Duplicate me"));
    const copy = await writer.studio.duplicate({ id: source.id });
    expect(copy).toMatchObject({ state: "draft", body: "Duplicate me", topic: "Spring launch" });
    expect(copy.id).not.toBe(source.id);
    expect(await writer.studio.remove({ id: source.id })).toEqual({ id: source.id });
    expect((await refusalOf(writer.studio.get({ id: source.id })))?.code).toBe("NOT_FOUND");
  });
});

describe("publishing into a space", () => {
  it("publishes at the scheduled instant as its author, once, with a live event", async () => {
    const saved = await writer.studio.save(draft("Hello from the studio"));
    const at = soon();
    const scheduled = await writer.studio.schedule({
      id: saved.id,
      target: "space",
      spaceId: spaceIds.open,
      at,
    });
    expect(scheduled).toMatchObject({ state: "scheduled", target: "space", scheduledAt: at });
    expect(
      (
        await writer.studio.calendar({
          from: new Date(Date.now() - 1000),
          to: new Date(Date.now() + 86_400_000),
        })
      ).items.map((p) => p.id),
    ).toContain(saved.id);

    await fx.runJobs({ clock });
    expect((await writer.studio.get({ id: saved.id })).state).toBe("scheduled");
    await advance(120_000);
    const published = await writer.studio.get({ id: saved.id });
    expect(published).toMatchObject({ state: "published", attempts: 1, error: null });
    const inSpace = await postsInSpace(spaceIds.open, "Hello from the studio");
    expect(inSpace).toEqual([
      { id: published.publishedPostId, author: writerMemberId, status: "published" },
    ]);
    expect(await publishRecords(saved.id)).toHaveLength(1);
    const events = await withTenant(fx.db, asSystem(orgId, "test"), (scope) =>
      eventsAfter(scope, 0, 1000),
    );
    expect(
      events.filter(
        (e) =>
          e.kind === "studio.post.changed" &&
          e.target.id === saved.id &&
          e.audienceMemberId === writerMemberId,
      ).length,
    ).toBeGreaterThanOrEqual(3);
    // Published is final: no second schedule, no edit.
    expect(
      (
        await refusalOf(
          writer.studio.schedule({
            id: saved.id,
            target: "space",
            spaceId: spaceIds.open,
            at: soon(),
          }),
        )
      )?.code,
    ).toBe("CONFLICT");
    expect((await refusalOf(writer.studio.update({ id: saved.id, body: "changed" })))?.code).toBe(
      "CONFLICT",
    );
  });

  it("refuses a space the author cannot post in when scheduling", async () => {
    const saved = await colleague.studio.save(draft("Into the private space"));
    const refusal = await refusalOf(
      colleague.studio.schedule({
        id: saved.id,
        target: "space",
        spaceId: spaceIds.private,
        at: soon(),
      }),
    );
    expect(refusal?.code).toBe("NOT_FOUND");
    expect((await colleague.studio.get({ id: saved.id })).state).toBe("draft");
  });

  it("fails with a clear error when the author lost the space by then, tells them, and retries", async () => {
    const saved = await writer.studio.save(draft("Private hello"));
    await writer.studio.schedule({
      id: saved.id,
      target: "space",
      spaceId: spaceIds.private,
      at: soon(),
    });
    await owner.space.removeMember({ spaceId: spaceIds.private, memberId: writerMemberId });
    await advance(120_000);
    const failed = await writer.studio.get({ id: saved.id });
    expect(failed.state).toBe("failed");
    expect(failed.error).toMatch(/no longer post in that space/);
    expect(await postsInSpace(spaceIds.private, "Private hello")).toEqual([]);
    const notifications = await writer.notification.list({ limit: 20 });
    expect(notifications.items.some((n) => n.kind === "studio.publish_failed")).toBe(true);

    // Back in the space, a retry publishes it now.
    await owner.space.addMember({ spaceId: spaceIds.private, memberId: writerMemberId });
    expect((await writer.studio.retry({ id: saved.id })).state).toBe("scheduled");
    await fx.runJobs({ clock });
    expect((await writer.studio.get({ id: saved.id })).state).toBe("published");
    expect(await postsInSpace(spaceIds.private, "Private hello")).toHaveLength(1);
  });

  it("does not publish a post unscheduled before its instant", async () => {
    const saved = await writer.studio.save(draft("Changed my mind"));
    await writer.studio.schedule({
      id: saved.id,
      target: "space",
      spaceId: spaceIds.open,
      at: soon(),
    });
    expect((await writer.studio.unschedule({ id: saved.id })).state).toBe("draft");
    await advance(120_000);
    expect((await writer.studio.get({ id: saved.id })).state).toBe("draft");
    expect(await postsInSpace(spaceIds.open, "Changed my mind")).toEqual([]);
  });
});

describe("the webhook", () => {
  it("is admins' to set; its secret is shown once and can be rotated", async () => {
    expect((await refusalOf(writer.studio.setWebhook({ url: receiver.url })))?.code).toBe(
      "FORBIDDEN",
    );
    const set = await owner.studio.setWebhook({ url: receiver.url });
    expect(set.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const again = await owner.studio.setWebhook({ url: receiver.url });
    expect(again.secret).toBeNull();
    const settings = await owner.studio.webhookSettings();
    expect(settings).toMatchObject({ url: receiver.url, secretHint: set.secret?.slice(-4) });
    expect(JSON.stringify(settings)).not.toContain(set.secret ?? "");
    const rotated = await owner.studio.rotateSecret();
    expect(rotated.secret).not.toBe(set.secret);
    expect(
      (await refusalOf(owner.studio.setWebhook({ url: "ftp://example.com" })))?.fields,
    ).toContain("url");
  });

  it("delivers a signed POST, retried with backoff until it is accepted", async () => {
    const { secret } = await owner.studio.rotateSecret();
    const saved = await writer.studio.save(draft("To the webhook"));
    await writer.studio.schedule({ id: saved.id, target: "webhook", at: soon() });
    receiver.answers = [500, 503];
    await advance(120_000);
    expect(await writer.studio.get({ id: saved.id })).toMatchObject({
      state: "scheduled",
      attempts: 1,
      error: "The webhook answered HTTP 500",
    });
    // Not before the backoff.
    await fx.runJobs({ clock });
    expect(receiver.deliveries).toHaveLength(1);
    await advance(60_000);
    expect((await writer.studio.get({ id: saved.id })).attempts).toBe(2);
    await advance(60_000);
    expect(await writer.studio.get({ id: saved.id })).toMatchObject({
      state: "published",
      attempts: 3,
      error: null,
    });
    expect(receiver.deliveries).toHaveLength(3);
    const last = receiver.deliveries.at(-1);
    if (!last) throw new Error("no delivery");
    expect(JSON.parse(last.body)).toMatchObject({
      type: "studio.post.published",
      post: { id: saved.id, body: "To the webhook" },
    });
    expect(last.headers["x-guild-delivery"]).toBe(saved.id);
    const signature = String(last.headers["x-guild-signature"]);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
    expect(v1).toBe(createHmac("sha256", secret).update(`${t}.${last.body}`).digest("hex"));
    expect(await publishRecords(saved.id)).toMatchObject([
      { target: "webhook", responseStatus: 200 },
    ]);
  });

  it("fails after the last attempt and tells the author; retry sends it again", async () => {
    const saved = await writer.studio.save(draft("Webhook down"));
    await writer.studio.schedule({ id: saved.id, target: "webhook", at: soon() });
    receiver.answers = Array.from({ length: STUDIO_PUBLISH_ATTEMPTS }, () => 502);
    await advance(120_000);
    for (let i = 1; i < STUDIO_PUBLISH_ATTEMPTS; i++) await advance(10 * 60_000);
    const failed = await writer.studio.get({ id: saved.id });
    expect(failed).toMatchObject({
      state: "failed",
      attempts: STUDIO_PUBLISH_ATTEMPTS,
      error: "The webhook answered HTTP 502",
    });
    expect(receiver.deliveries).toHaveLength(STUDIO_PUBLISH_ATTEMPTS);
    const notifications = await writer.notification.list({ limit: 50 });
    expect(
      notifications.items.filter((n) => n.kind === "studio.publish_failed").length,
    ).toBeGreaterThanOrEqual(1);
    await writer.studio.retry({ id: saved.id });
    await fx.runJobs({ clock });
    expect((await writer.studio.get({ id: saved.id })).state).toBe("published");
  });

  it("never calls a private or local address where those are not allowed (production), and says why", async () => {
    const saved = await writer.studio.save(draft("To the database port"));
    await writer.studio.schedule({ id: saved.id, target: "webhook", at: soon() });
    const delivered = receiver.deliveries.length;
    await advanceJobClock(fx.db, clock, 120_000);
    await fx.runJobs({ clock, allowPrivateWebhookAddresses: false });
    expect(await writer.studio.get({ id: saved.id })).toMatchObject({
      state: "failed",
      error: expect.stringContaining("private or local network"),
    });
    expect(receiver.deliveries).toHaveLength(delivered);
  });
});

describe("exactly once", () => {
  /** A second job for the same schedule, as a restart that redelivers it would leave. */
  async function duplicateJob(studioPostId: string, scheduledAt: Date) {
    await fx.sql`select graphile_worker.add_job('studio.publish', json_build_object(
      'organizationId', ${orgId}::text, 'studioPostId', ${studioPostId}::text,
      'scheduledAt', ${scheduledAt.toISOString()}::text))`;
  }

  async function runWithTwoRunners() {
    const runners = await Promise.all(
      [0, 1].map(() =>
        startJobRunner(fx.jobDeps, {
          databaseUrl: fx.url,
          concurrency: 4,
          cron: [],
          pollIntervalMs: 50,
        }),
      ),
    );
    try {
      for (let waited = 0; waited < 30_000; waited += 100) {
        const [left] = await fx.sql<{ n: number }[]>`
          select count(*)::int as n from graphile_worker.jobs
          where task_identifier = 'studio.publish' and attempts < max_attempts`;
        if (left?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
  }

  it("publishes into a space once with duplicate jobs on two runners", async () => {
    const at = new Date(Date.now() + 500);
    const posts = [];
    for (let i = 0; i < 3; i++) {
      const saved = await writer.studio.save(draft(`Once only ${i}`));
      await writer.studio.schedule({ id: saved.id, target: "space", spaceId: spaceIds.open, at });
      for (let d = 0; d < 3; d++) await duplicateJob(saved.id, at);
      posts.push(saved);
    }
    await runWithTwoRunners();
    for (const [i, saved] of posts.entries()) {
      expect((await writer.studio.get({ id: saved.id })).state).toBe("published");
      expect(await postsInSpace(spaceIds.open, `Once only ${i}`)).toHaveLength(1);
      expect(await publishRecords(saved.id)).toHaveLength(1);
    }
  });

  it("publishes once across a restart: the server stops before the instant, the next one publishes", async () => {
    // Far enough ahead that a loaded machine starts and stops the first runner before it.
    const at = new Date(Date.now() + 5_000);
    const saved = await writer.studio.save(draft("Across a restart"));
    await writer.studio.schedule({ id: saved.id, target: "space", spaceId: spaceIds.open, at });
    // The first server's runner starts and stops (a deploy) before the instant: nothing yet.
    const first = await startJobRunner(fx.jobDeps, {
      databaseUrl: fx.url,
      cron: [],
      pollIntervalMs: 50,
    });
    await first.stop();
    expect((await writer.studio.get({ id: saved.id })).state).toBe("scheduled");
    await new Promise((resolve) => setTimeout(resolve, at.getTime() - Date.now() + 100));
    // The next server (two processes) finds the job in PostgreSQL and publishes it, once.
    await runWithTwoRunners();
    await runWithTwoRunners();
    expect((await writer.studio.get({ id: saved.id })).state).toBe("published");
    expect(await postsInSpace(spaceIds.open, "Across a restart")).toHaveLength(1);
    expect(await publishRecords(saved.id)).toHaveLength(1);
  });

  it("delivers to the webhook once with duplicate jobs on two runners", async () => {
    await owner.studio.setWebhook({ url: receiver.url });
    const at = new Date(Date.now() + 500);
    const saved = await writer.studio.save(draft("Webhook once"));
    await writer.studio.schedule({ id: saved.id, target: "webhook", at });
    for (let d = 0; d < 3; d++) await duplicateJob(saved.id, at);
    await runWithTwoRunners();
    // The duplicates that met the lease retry later: run them now, as their backoff would.
    await advance(10 * 60_000);
    expect((await writer.studio.get({ id: saved.id })).state).toBe("published");
    expect(receiver.deliveries.filter((d) => JSON.parse(d.body).post.id === saved.id)).toHaveLength(
      1,
    );
    expect(await publishRecords(saved.id)).toHaveLength(1);
  });
});
