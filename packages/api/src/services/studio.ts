// Content studio (issue 14 §2): a member's generated or hand-written posts of at most 500
// characters, their lifecycle (draft → scheduled → published or failed) and the organization's
// outgoing webhook. Studio posts are their author's alone (member-owned rows: row-level security
// shows nobody else's, and every query here names the author too). Publishing is the job's
// (services/studio-publish.ts); generation streams from the model (services/studio-generate.ts).
import { randomBytes } from "node:crypto";
import {
  and,
  asc,
  desc,
  eq,
  inArray,
  isNotNull,
  lt,
  or,
  type SQL,
  scheduleStudioPublish,
  space,
  sql,
  studioPost,
  studioPublish,
  studioWebhook,
  type TenantScope,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import type {
  listStudioPostsInput,
  saveStudioPostInput,
  scheduleStudioPostInput,
  setStudioWebhookInput,
  studioCalendarInput,
  updateStudioPostInput,
} from "../schemas/studio.ts";
import { actingMember } from "./member.ts";
import { spaceToWriteIn } from "./post.ts";

/** A schedule a little in the past is "now" (a slow form); further back is a mistake. */
const PAST_GRACE_MS = 60_000;

export const missingStudioPost = () => notFound("Post");

/** Joins a studio post to its publish record (at most one). */
export const publishRecordOf = and(
  eq(studioPublish.organizationId, studioPost.organizationId),
  eq(studioPublish.studioPostId, studioPost.id),
);

const postColumns = {
  id: studioPost.id,
  memberId: studioPost.memberId,
  state: studioPost.state,
  body: studioPost.body,
  topic: studioPost.topic,
  tone: studioPost.tone,
  platform: studioPost.platform,
  length: studioPost.length,
  model: studioPost.model,
  prompt: studioPost.prompt,
  promptTokens: studioPost.promptTokens,
  completionTokens: studioPost.completionTokens,
  target: studioPost.target,
  scheduledAt: studioPost.scheduledAt,
  publishedAt: studioPost.publishedAt,
  attempts: studioPost.attempts,
  error: studioPost.error,
  createdAt: studioPost.createdAt,
  updatedAt: studioPost.updatedAt,
  spaceId: studioPost.spaceId,
  spaceName: space.name,
  spaceSlug: space.slug,
  publishedPostId: studioPublish.postId,
};

type StudioPostRow = Awaited<ReturnType<typeof selectOwnPosts>>[number];

function present(row: StudioPostRow) {
  const { spaceId, spaceName, spaceSlug, publishedPostId, ...rest } = row;
  return {
    ...rest,
    space:
      spaceId && spaceName && spaceSlug ? { id: spaceId, name: spaceName, slug: spaceSlug } : null,
    publishedPostId,
  };
}
export type StudioPostView = ReturnType<typeof present>;

/** The caller's own posts, with their space and publish record. */
function selectOwnPosts(scope: TenantScope, where: SQL | undefined) {
  const me = actingMember(scope);
  return scope.db
    .select(postColumns)
    .from(studioPost)
    .leftJoin(
      space,
      and(eq(space.organizationId, studioPost.organizationId), eq(space.id, studioPost.spaceId)),
    )
    .leftJoin(studioPublish, publishRecordOf)
    .where(
      and(
        eq(studioPost.organizationId, scope.organizationId),
        eq(studioPost.memberId, me.memberId),
        where,
      ),
    );
}

/** studio.get: one of the caller's posts; anyone else's is NOT_FOUND, as an id that exists nowhere. */
export async function getStudioPost(scope: TenantScope, id: string): Promise<StudioPostView> {
  const [row] = await selectOwnPosts(scope, eq(studioPost.id, id)).limit(1);
  if (!row) throw missingStudioPost();
  return present(row);
}

/** studio.list: the caller's posts in one state, most recently changed first (keyset). */
export async function listStudioPosts(
  scope: TenantScope,
  input: z.output<typeof listStudioPostsInput>,
) {
  const { cursor } = input;
  const rows = await selectOwnPosts(
    scope,
    and(
      eq(studioPost.state, input.state),
      cursor
        ? or(
            lt(studioPost.updatedAt, cursor.updatedAt),
            and(eq(studioPost.updatedAt, cursor.updatedAt), lt(studioPost.id, cursor.id)),
          )
        : undefined,
    ),
  )
    .orderBy(desc(studioPost.updatedAt), desc(studioPost.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map(present);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > input.limit && last ? { updatedAt: last.updatedAt, id: last.id } : null,
  };
}

/** The most a calendar range answers (three months of a busy studio). */
const CALENDAR_MAX = 500;

/**
 * studio.calendar: the caller's scheduled, published and failed posts whose instant (published
 * at, else scheduled at) falls in [from, to), in order.
 */
export async function studioCalendar(
  scope: TenantScope,
  input: z.output<typeof studioCalendarInput>,
) {
  const at = sql<Date>`coalesce(${studioPost.publishedAt}, ${studioPost.scheduledAt})`;
  const rows = await selectOwnPosts(
    scope,
    and(
      isNotNull(studioPost.scheduledAt),
      inArray(studioPost.state, ["scheduled", "published", "failed"]),
      sql`${at} >= ${input.from.toISOString()}::timestamptz`,
      sql`${at} < ${input.to.toISOString()}::timestamptz`,
    ),
  )
    .orderBy(asc(at), asc(studioPost.id))
    .limit(CALENDAR_MAX);
  return { items: rows.map(present) };
}

/** Tells the author's open screens that their post changed (they are its only audience). */
export async function publishStudioPostChanged(scope: TenantScope, id: string, memberId: string) {
  await publish(scope, {
    kind: "studio.post.changed",
    target: { type: "studio_post", id },
    audienceMemberId: memberId,
  });
}

/** A new draft of the caller's (written by hand, or what a generation produced). */
export async function createStudioDraft(
  scope: TenantScope,
  input: z.output<typeof saveStudioPostInput>,
): Promise<StudioPostView> {
  const me = actingMember(scope);
  const now = scope.now();
  const [row] = await scope.db
    .insert(studioPost)
    .values({
      organizationId: scope.organizationId,
      memberId: me.memberId,
      state: "draft",
      body: input.body,
      topic: input.topic,
      tone: input.tone,
      platform: input.platform,
      length: input.length,
      model: input.generation?.model ?? null,
      prompt: input.generation?.prompt ?? null,
      promptTokens: input.generation?.promptTokens ?? null,
      completionTokens: input.generation?.completionTokens ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: studioPost.id });
  if (!row) throw new Error("studio post insert returned nothing");
  await publishStudioPostChanged(scope, row.id, me.memberId);
  return getStudioPost(scope, row.id);
}

/** The caller's post, locked for a change; NOT_FOUND for anyone else's. */
async function lockOwnPost(scope: TenantScope, id: string) {
  const me = actingMember(scope);
  const [row] = await scope.db
    .select({
      id: studioPost.id,
      state: studioPost.state,
      body: studioPost.body,
      target: studioPost.target,
      spaceId: studioPost.spaceId,
    })
    .from(studioPost)
    .where(
      and(
        eq(studioPost.organizationId, scope.organizationId),
        eq(studioPost.memberId, me.memberId),
        eq(studioPost.id, id),
      ),
    )
    .for("update");
  if (!row) throw missingStudioPost();
  return { ...row, memberId: me.memberId };
}

const ofPost = (scope: TenantScope, id: string) =>
  and(eq(studioPost.organizationId, scope.organizationId), eq(studioPost.id, id));

/** A generation's text and metadata, on the draft it was made for (services/studio-generate.ts). */
export async function saveGeneration(
  scope: TenantScope,
  id: string,
  generation: {
    body: string;
    model: string;
    prompt: string;
    promptTokens: number | null;
    completionTokens: number | null;
  },
) {
  const post = await lockOwnPost(scope, id);
  await scope.db
    .update(studioPost)
    .set({ ...generation, updatedAt: scope.now() })
    .where(ofPost(scope, post.id));
  await publishStudioPostChanged(scope, post.id, post.memberId);
}

/** studio.update: the text and brief of a post not yet published (a scheduled one goes out as edited). */
export async function updateStudioPost(
  scope: TenantScope,
  input: z.output<typeof updateStudioPostInput>,
): Promise<StudioPostView> {
  const post = await lockOwnPost(scope, input.id);
  if (post.state === "published")
    throw new AppError("CONFLICT", "This post is published: duplicate it to write another");
  if (post.state === "scheduled" && input.body.trim() === "")
    throw new AppError("BAD_REQUEST", "A scheduled post needs some text", { field: "body" });
  await scope.db
    .update(studioPost)
    .set({
      body: input.body,
      ...(input.topic === undefined ? {} : { topic: input.topic }),
      ...(input.tone ? { tone: input.tone } : {}),
      ...(input.platform ? { platform: input.platform } : {}),
      ...(input.length ? { length: input.length } : {}),
      updatedAt: scope.now(),
    })
    .where(ofPost(scope, post.id));
  await publishStudioPostChanged(scope, post.id, post.memberId);
  return getStudioPost(scope, post.id);
}

/** studio.duplicate: a new draft with the same text, brief and generation details. */
export async function duplicateStudioPost(scope: TenantScope, id: string) {
  const source = await getStudioPost(scope, id);
  return createStudioDraft(scope, {
    body: source.body,
    topic: source.topic,
    tone: source.tone,
    platform: source.platform,
    length: source.length,
    generation:
      source.model && source.prompt !== null
        ? {
            model: source.model,
            prompt: source.prompt,
            promptTokens: source.promptTokens,
            completionTokens: source.completionTokens,
          }
        : null,
  });
}

/**
 * studio.remove: deletes the post (a scheduled one is never published: its job finds nothing).
 * What it became in a space stays there.
 */
export async function removeStudioPost(scope: TenantScope, id: string) {
  const post = await lockOwnPost(scope, id);
  await scope.db.delete(studioPost).where(ofPost(scope, post.id));
  await publishStudioPostChanged(scope, post.id, post.memberId);
  return { id: post.id };
}

/** Where a post can go, checked as its author when it is scheduled (the job checks again). */
async function checkTarget(
  scope: TenantScope,
  target: { target: "space"; spaceId: string } | { target: "webhook" },
) {
  if (target.target === "space") {
    await spaceToWriteIn(scope, target.spaceId);
    return;
  }
  if (!(await webhookOf(scope)))
    throw new AppError(
      "BAD_REQUEST",
      "Your organization has no webhook yet: an admin sets it in the studio's settings",
      { field: "target" },
    );
}

async function scheduleAt(
  scope: TenantScope,
  post: { id: string; memberId: string },
  target: { target: "space"; spaceId: string } | { target: "webhook" },
  at: Date,
) {
  await scope.db
    .update(studioPost)
    .set({
      state: "scheduled",
      target: target.target,
      spaceId: target.target === "space" ? target.spaceId : null,
      scheduledAt: at,
      publishedAt: null,
      attempts: 0,
      error: null,
      updatedAt: scope.now(),
    })
    .where(ofPost(scope, post.id));
  await scheduleStudioPublish(scope, { id: post.id, scheduledAt: at });
  await publishStudioPostChanged(scope, post.id, post.memberId);
  return getStudioPost(scope, post.id);
}

/**
 * studio.schedule: a draft, a failed post or a scheduled one (moved: the calendar's drag) goes
 * out at `at`, into a space the author may post in or to the organization's webhook.
 */
export async function scheduleStudioPost(
  scope: TenantScope,
  input: z.output<typeof scheduleStudioPostInput>,
) {
  const post = await lockOwnPost(scope, input.id);
  if (post.state === "published")
    throw new AppError("CONFLICT", "This post is published already: duplicate it to post it again");
  if (post.body.trim() === "")
    throw new AppError("BAD_REQUEST", "Write the post before scheduling it", { field: "body" });
  if (input.at.getTime() < scope.now().getTime() - PAST_GRACE_MS)
    throw new AppError("BAD_REQUEST", "Pick a time in the future", { field: "at" });
  await checkTarget(scope, input);
  return scheduleAt(scope, post, input, input.at);
}

/** studio.unschedule: back to a draft (its job, when it comes, finds nothing to do). */
export async function unscheduleStudioPost(scope: TenantScope, id: string) {
  const post = await lockOwnPost(scope, id);
  if (post.state !== "scheduled") throw new AppError("CONFLICT", "This post is not scheduled");
  await scope.db
    .update(studioPost)
    .set({ state: "draft", scheduledAt: null, attempts: 0, error: null, updatedAt: scope.now() })
    .where(ofPost(scope, post.id));
  await publishStudioPostChanged(scope, post.id, post.memberId);
  return getStudioPost(scope, post.id);
}

/** studio.retry: a failed post goes out again now, where it was meant to. */
export async function retryStudioPost(scope: TenantScope, id: string) {
  const post = await lockOwnPost(scope, id);
  if (post.state !== "failed") throw new AppError("CONFLICT", "Only a failed post can be retried");
  const target =
    post.target === "space" && post.spaceId
      ? { target: "space" as const, spaceId: post.spaceId }
      : post.target === "webhook"
        ? { target: "webhook" as const }
        : null;
  if (!target)
    throw new AppError("BAD_REQUEST", "Its space is gone: schedule it again somewhere else", {
      field: "spaceId",
    });
  await checkTarget(scope, target);
  return scheduleAt(scope, post, target, scope.now());
}

// --- The organization's outgoing webhook (admins) ---

async function webhookOf(scope: TenantScope) {
  const [row] = await scope.db
    .select({
      url: studioWebhook.url,
      secret: studioWebhook.secret,
      updatedAt: studioWebhook.updatedAt,
    })
    .from(studioWebhook)
    .where(eq(studioWebhook.organizationId, scope.organizationId));
  return row ?? null;
}

/** The URL and signing secret deliveries use (the publishing job's read). */
export const studioWebhookTarget = webhookOf;

/** A new signing secret: 32 random bytes, prefixed so it is recognisable in a password manager. */
const newSecret = () => `whsec_${randomBytes(32).toString("hex")}`;

/** studio.webhookSettings: the address and the secret's last characters (it is shown once). */
export async function studioWebhookSettings(scope: TenantScope) {
  const row = await webhookOf(scope);
  return row ? { url: row.url, secretHint: row.secret.slice(-4), updatedAt: row.updatedAt } : null;
}

/**
 * studio.setWebhook: sets the address. The first time it also makes the signing secret, which
 * this answer alone carries (`secret`); changing the address keeps the secret (null here).
 */
export async function setStudioWebhook(
  scope: TenantScope,
  input: z.output<typeof setStudioWebhookInput>,
) {
  const now = scope.now();
  const secret = newSecret();
  const [row] = await scope.db
    .insert(studioWebhook)
    .values({
      organizationId: scope.organizationId,
      url: input.url,
      secret,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [studioWebhook.organizationId],
      set: { url: input.url, updatedAt: now },
    })
    .returning({
      url: studioWebhook.url,
      secret: studioWebhook.secret,
      updatedAt: studioWebhook.updatedAt,
    });
  if (!row) throw new Error("studio webhook upsert returned nothing");
  return {
    url: row.url,
    secretHint: row.secret.slice(-4),
    updatedAt: row.updatedAt,
    secret: row.secret === secret ? secret : null,
  };
}

/** studio.rotateSecret: a new signing secret, shown in this answer only; the old one stops signing. */
export async function rotateStudioWebhookSecret(scope: TenantScope) {
  const secret = newSecret();
  const [row] = await scope.db
    .update(studioWebhook)
    .set({ secret, updatedAt: scope.now() })
    .where(eq(studioWebhook.organizationId, scope.organizationId))
    .returning({ url: studioWebhook.url, updatedAt: studioWebhook.updatedAt });
  if (!row) throw notFound("Webhook");
  return { url: row.url, secretHint: secret.slice(-4), updatedAt: row.updatedAt, secret };
}
