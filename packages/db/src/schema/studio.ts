// Content studio (issue 14 §2): generated posts of at most 500 characters, each its author's
// alone (member-owned: row-level security shows a member only their own; the publishing job, as
// the system actor, sees the organization's). A post goes draft → scheduled → published or
// failed; `studio_publish` is the proof of publication, unique per post, written in the same
// transaction as the state change, so however often the job runs (a restart, two runners) a
// post is published once. The organization's outgoing webhook (URL + signing secret) is one row
// per organization, set by admins.
import { sql } from "drizzle-orm";
import { check, index, integer, text, unique, uuid } from "drizzle-orm/pg-core";
import {
  STUDIO_POST_MAX,
  studioLengths,
  studioPlatforms,
  studioPostStates,
  studioTargets,
  studioTones,
} from "../enums/studio.ts";
import {
  instant,
  memberOwnedTable,
  memberRef,
  tenantRef,
  tenantTable,
  textEnum,
  updatedAt,
} from "./helpers.ts";
import { post } from "./post.ts";
import { space } from "./space.ts";

export const studioPost = memberOwnedTable(
  "studio_post",
  {
    state: textEnum(studioPostStates).notNull().default("draft"),
    body: text().notNull().default(""),
    // The brief the text was generated from.
    topic: text().notNull().default(""),
    tone: textEnum(studioTones).notNull().default("friendly"),
    platform: textEnum(studioPlatforms).notNull().default("community"),
    length: textEnum(studioLengths).notNull().default("medium"),
    // What generated it (null for a post written by hand).
    model: text(),
    prompt: text(),
    promptTokens: integer(),
    completionTokens: integer(),
    // Publishing: where, when, how it went.
    target: textEnum(studioTargets),
    /**
     * The space (target space). Null once that space is deleted: a post still scheduled for it
     * then fails at its instant ("Its space is gone"), and can be scheduled elsewhere.
     */
    spaceId: uuid(),
    scheduledAt: instant(),
    publishedAt: instant(),
    /** Publishing attempts of the current schedule (the job's). */
    attempts: integer().notNull().default(0),
    /**
     * A run of the job is publishing it until then (a webhook delivery in flight): another run
     * (a second runner, a duplicate job) waits and retries instead of sending it twice. A run
     * that crashed leaves it to expire.
     */
    publishingUntil: instant(),
    /** Why the last attempt failed, in words for the author. */
    error: text(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantRef(t, t.spaceId, () => space, { onDelete: "set null", name: "studio_post_space_fk" }),
    check(
      "studio_post_body_length_check",
      sql`char_length(${t.body}) <= ${sql.raw(String(STUDIO_POST_MAX))}`,
    ),
    check(
      "studio_post_scheduled_check",
      sql`${t.state} <> 'scheduled' or (${t.scheduledAt} is not null and ${t.target} is not null)`,
    ),
    check("studio_post_attempts_check", sql`${t.attempts} >= 0`),
    // The studio's lists: a member's posts by state, newest first (keyset by updated_at, id).
    index("studio_post_org_member_state_idx").on(
      t.organizationId,
      t.memberId,
      t.state,
      t.updatedAt,
      t.id,
    ),
    // The calendar: a member's scheduled and published posts by instant.
    index("studio_post_org_member_scheduled_idx")
      .on(t.organizationId, t.memberId, t.scheduledAt)
      .where(sql`${t.scheduledAt} is not null`),
  ],
);

/** One row per published post: the job's proof that it is done (unique per post). */
export const studioPublish = tenantTable(
  "studio_publish",
  {
    studioPostId: uuid().notNull(),
    target: textEnum(studioTargets).notNull(),
    /** The community post it became (target space); null once that post is deleted. */
    postId: uuid(),
    spaceId: uuid(),
    /** The webhook's HTTP status (target webhook). */
    responseStatus: integer(),
    /** Who published it: the author (member), kept as "Former member" when they leave. */
    authorMemberId: uuid(),
    publishedAt: instant().notNull(),
  },
  (t) => [
    unique("studio_publish_org_post_unique").on(t.organizationId, t.studioPostId),
    tenantRef(t, t.studioPostId, () => studioPost, {
      onDelete: "cascade",
      name: "studio_publish_studio_post_fk",
    }),
    tenantRef(t, t.postId, () => post, { onDelete: "set null", name: "studio_publish_post_fk" }),
    tenantRef(t, t.spaceId, () => space, { onDelete: "set null", name: "studio_publish_space_fk" }),
    memberRef(t, t.authorMemberId, "studio_publish_author_fk"),
  ],
);

/**
 * The organization's outgoing webhook for published posts (e.g. to Zapier or Make): its URL and
 * the secret that signs each delivery (X-Guild-Signature, HMAC-SHA256 like Stripe's). The secret
 * is shown to the admin once, when set or rotated; reads show its last four characters.
 */
export const studioWebhook = tenantTable(
  "studio_webhook",
  {
    url: text().notNull(),
    secret: text().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("studio_webhook_org_unique").on(t.organizationId),
    check("studio_webhook_url_check", sql`${t.url} ~ '^https?://'`),
  ],
);
