// Publishing a scheduled studio post (the studio.publish job): into a community space as a post
// by its author, with the author's rights (through the post service), or as a signed POST to the
// organization's webhook. Exactly once: the publish record (unique per post) and the state change
// are written in one transaction that locks the post and checks it is still scheduled for this
// run's instant, so a second run (a restart after the work but before graphile-worker recorded
// it, a second runner, a redelivery) finds it published and does nothing. A webhook delivery
// waits on the outside world, so it happens between two short transactions; its receiver sees
// the same X-Guild-Delivery id if a crash makes us send it again.
import { createHmac } from "node:crypto";
import { and, eq, studioPost, studioPublish, type TenantScope, withTenant } from "@guild/db";
import type { JobHelpers } from "graphile-worker";
import { AppError } from "../errors.ts";
import type { JobDeps } from "../jobs/define.ts";
import { notify, recipientActor } from "./notification.ts";
import { PrivateAddressError, postToUserAddress } from "./outgoing-http.ts";
import { createPost } from "./post.ts";
import { publishRecordOf, publishStudioPostChanged, studioWebhookTarget } from "./studio.ts";

/** A webhook that takes longer than this is a failed attempt (retried with backoff). */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** How long a run holds a post it is publishing: past any delivery's timeout. */
const PUBLISH_LEASE_MS = 3 * WEBHOOK_TIMEOUT_MS;

/** Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export function signStudioWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

interface PublishJob {
  studioPostId: string;
  scheduledAt: string;
}

/** The post as this run may publish it, or null when there is nothing to do (any more). */
async function duePost(scope: TenantScope, job: PublishJob, lock: boolean) {
  const query = scope.db
    .select({
      id: studioPost.id,
      memberId: studioPost.memberId,
      state: studioPost.state,
      body: studioPost.body,
      topic: studioPost.topic,
      tone: studioPost.tone,
      platform: studioPost.platform,
      target: studioPost.target,
      spaceId: studioPost.spaceId,
      scheduledAt: studioPost.scheduledAt,
      publishingUntil: studioPost.publishingUntil,
      published: studioPublish.id,
    })
    .from(studioPost)
    .leftJoin(studioPublish, publishRecordOf)
    .where(
      and(eq(studioPost.organizationId, scope.organizationId), eq(studioPost.id, job.studioPostId)),
    );
  const [row] = lock ? await query.for("update", { of: studioPost }) : await query;
  if (row?.state !== "scheduled" || row.published) return null;
  // Rescheduled or unscheduled and scheduled again since this job was queued: the newer job's.
  if (row.scheduledAt?.getTime() !== new Date(job.scheduledAt).getTime()) return null;
  return row;
}

type DuePost = NonNullable<Awaited<ReturnType<typeof duePost>>>;

/** Records the publication and the state change, under the post's lock; false if already done. */
async function recordPublished(
  scope: TenantScope,
  job: PublishJob,
  record: { postId?: string | null; spaceId?: string | null; responseStatus?: number | null },
): Promise<boolean> {
  const post = await duePost(scope, job, true);
  if (!post?.target) return false;
  const now = scope.now();
  const [written] = await scope.db
    .insert(studioPublish)
    .values({
      organizationId: scope.organizationId,
      studioPostId: post.id,
      target: post.target,
      postId: record.postId ?? null,
      spaceId: record.spaceId ?? null,
      responseStatus: record.responseStatus ?? null,
      authorMemberId: post.memberId,
      publishedAt: now,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: studioPublish.id });
  if (!written) return false;
  await scope.db
    .update(studioPost)
    .set({
      state: "published",
      publishedAt: now,
      error: null,
      publishingUntil: null,
      updatedAt: now,
    })
    .where(and(eq(studioPost.organizationId, scope.organizationId), eq(studioPost.id, post.id)));
  await publishStudioPostChanged(scope, post.id, post.memberId);
  return true;
}

/** The last attempt failed, or the failure is final: the post is failed and its author told. */
async function recordFailed(scope: TenantScope, job: PublishJob, error: string) {
  const post = await duePost(scope, job, true);
  if (!post) return;
  await scope.db
    .update(studioPost)
    .set({ state: "failed", error, publishingUntil: null, updatedAt: scope.now() })
    .where(and(eq(studioPost.organizationId, scope.organizationId), eq(studioPost.id, post.id)));
  await publishStudioPostChanged(scope, post.id, post.memberId);
  await notify(scope, {
    kind: "studio.publish_failed",
    target: { type: "studio_post", id: post.id },
    recipients: [post.memberId],
  });
}

/** A failure this post will meet however often it is tried (no right to the space any more). */
class FinalFailure extends Error {}

async function publishToSpace(
  deps: JobDeps,
  organizationId: string,
  job: PublishJob,
  post: DuePost,
  tenant: <T>(fn: (scope: TenantScope) => Promise<T>) => Promise<T>,
) {
  const author = await tenant((scope) => recipientActor(scope, post.memberId));
  if (!author || !post.spaceId)
    throw new FinalFailure("Its space is gone: schedule it again somewhere else");
  const spaceId = post.spaceId;
  try {
    // As the author: their rights decide (a space they can no longer see or post in refuses).
    await withTenant(
      deps.db,
      { organizationId, actor: author, clock: deps.clock },
      async (scope) => {
        if (!(await duePost(scope, job, true))) return;
        const created = await createPost(scope, {
          spaceId,
          title: null,
          body: post.body,
          type: "discussion",
          tags: [],
          publish: true,
        });
        await recordPublished(scope, job, { postId: created.id, spaceId });
      },
    );
  } catch (error) {
    if (error instanceof AppError && ["NOT_FOUND", "BAD_REQUEST", "FORBIDDEN"].includes(error.code))
      throw new FinalFailure(
        error.code === "NOT_FOUND"
          ? "You can no longer post in that space: schedule it again in another one"
          : `The space refused the post: ${error.message}`,
      );
    throw error;
  }
}

async function publishToWebhook(
  deps: JobDeps,
  organizationId: string,
  job: PublishJob,
  post: DuePost,
  tenant: <T>(fn: (scope: TenantScope) => Promise<T>) => Promise<T>,
) {
  const webhook = await tenant((scope) => studioWebhookTarget(scope));
  if (!webhook) throw new FinalFailure("Your organization's webhook was removed");
  const now = deps.clock.now();
  const body = JSON.stringify({
    id: post.id,
    type: "studio.post.published",
    organizationId,
    createdAt: now.toISOString(),
    post: {
      id: post.id,
      body: post.body,
      topic: post.topic,
      tone: post.tone,
      platform: post.platform,
      scheduledAt: post.scheduledAt?.toISOString() ?? null,
    },
  });
  let status: number;
  try {
    status = await postToUserAddress({
      url: webhook.url,
      headers: {
        "content-type": "application/json",
        "user-agent": "Guild-Webhook/1",
        "x-guild-delivery": post.id,
        "x-guild-signature": signStudioWebhook(webhook.secret, body, now),
      },
      body,
      timeoutMs: WEBHOOK_TIMEOUT_MS,
      allowPrivateAddresses: deps.allowPrivateWebhookAddresses === true,
    });
  } catch (error) {
    // No retry reaches a refused address: the post fails now and its author is told why.
    if (error instanceof PrivateAddressError)
      throw new FinalFailure(
        "The webhook's address is on a private or local network, which Guild does not call: set a public address",
      );
    throw new Error(
      error instanceof Error && error.name === "TimeoutError"
        ? `The webhook did not answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`
        : "The webhook could not be reached",
    );
  }
  if (status < 200 || status >= 300) throw new Error(`The webhook answered HTTP ${status}`);
  await tenant((scope) => recordPublished(scope, job, { responseStatus: status }));
}

/**
 * The studio.publish job. A failed attempt is retried by graphile-worker with exponential backoff
 * (STUDIO_PUBLISH_ATTEMPTS in all, each recorded on the post with its error); after the last, or
 * at once for a failure no retry mends, the post is failed and its author notified.
 */
export async function runStudioPublish(
  job: PublishJob,
  context: {
    organizationId: string;
    tenant: <T>(fn: (scope: TenantScope) => Promise<T>) => Promise<T>;
    deps: JobDeps;
    helpers: Pick<JobHelpers, "job">;
  },
) {
  const { organizationId, tenant, deps, helpers } = context;
  // Claims the post for this run (the lease), under its lock: a concurrent run of another job
  // for it waits for this transaction, then sees the lease and retries later.
  const post = await tenant(async (scope) => {
    const due = await duePost(scope, job, true);
    if (!due) return null;
    const now = scope.now();
    if (due.publishingUntil && due.publishingUntil.getTime() > now.getTime())
      throw new Error("Another run is publishing this post");
    await scope.db
      .update(studioPost)
      .set({
        attempts: helpers.job.attempts,
        publishingUntil: new Date(now.getTime() + PUBLISH_LEASE_MS),
      })
      .where(and(eq(studioPost.organizationId, scope.organizationId), eq(studioPost.id, due.id)));
    return due;
  });
  if (!post) return;
  try {
    if (post.target === "space") await publishToSpace(deps, organizationId, job, post, tenant);
    else await publishToWebhook(deps, organizationId, job, post, tenant);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const last = error instanceof FinalFailure || helpers.job.attempts >= helpers.job.max_attempts;
    if (last) {
      await tenant((scope) => recordFailed(scope, job, message));
      return;
    }
    await tenant((scope) =>
      scope.db
        .update(studioPost)
        .set({ error: message, publishingUntil: null })
        .where(
          and(eq(studioPost.organizationId, scope.organizationId), eq(studioPost.id, post.id)),
        ),
    );
    throw error;
  }
}
