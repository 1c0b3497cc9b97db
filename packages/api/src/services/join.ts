// The front door (issue 11 §2): an organization's public page (/c/:slug) and joining it.
//
// The public page is read by anyone, signed out included, so it answers only what the
// organization shows the world: its name, logo, accent colour and description, its public spaces
// (names and descriptions), its tiers with their prices and, if the owner allows, recent posts of
// public spaces, and the published courses of public spaces (each with a page of its own,
// public-course.ts). Never a private or paid space, never a member. It reads as the system actor (a
// visitor sees no space under RLS) with every filter spelled out here; an unknown slug is
// NOT_FOUND, like every organization a caller cannot see.
//
// Joining follows the organization's join policy: "open" makes a plain member at once (with a
// free tier if one was chosen), or through a paid tier's checkout, the membership then made by
// the checkout's webhook (member-tier-stripe.ts); "approval" files a join request that admins
// approve or deny; "invitation" refuses. Every way in is within the plan's community member limit
// (admission.ts).
import {
  and,
  asc,
  asSystem,
  type Clock,
  course,
  type Database,
  desc,
  eq,
  inArray,
  isNotNull,
  isNull,
  joinRequest,
  member,
  memberTier,
  organization,
  post,
  space,
  type TenantScope,
  withTenant,
} from "@guild/db";
import type Stripe from "stripe";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import type { joinCheckoutInput, joinInput, joinRequestListInput } from "../schemas/join.ts";
import { recordActivity } from "./activity.ts";
import {
  admitMember,
  bannedFromJoining,
  JOIN_METADATA_KEY,
  membershipOf,
  requireCommunitySeat,
} from "./admission.ts";
import { stripeCall } from "./billing-context.ts";
import { memberTierMetadata } from "./connect.ts";
import { freeTierOnOffer, giveFreeTier, tierPrice } from "./member-tier.ts";
import { notify } from "./notification.ts";
import { bannedFromOrganization, bannedRefusal } from "./organization-ban.ts";
import { logoUrlOf } from "./organization-logo.ts";
import { sealMetadata } from "./stripe-metadata.ts";

declare module "@guild/db/scope" {
  interface JobPayloads {
    "join_request.denied_mail": { joinRequestId: string };
  }
}

/** How many recent posts the public page shows, and how much of each. */
const PUBLIC_POSTS = 5;
const EXCERPT_CHARACTERS = 280;

const noSuchCommunity = () => notFound("Community");

/** The organization a public page names, in the fields the world may see; NOT_FOUND otherwise. */
export async function findOrganization(db: Database, slug: string) {
  const [row] = await db
    .select({
      id: organization.id,
      name: organization.name,
      slug: organization.slug,
      description: organization.description,
      accentColor: organization.accentColor,
      showPublicPosts: organization.showPublicPosts,
      joinPolicy: organization.joinPolicy,
    })
    .from(organization)
    .where(eq(organization.slug, slug));
  if (!row) throw noSuchCommunity();
  return row;
}

type PublicOrganization = Awaited<ReturnType<typeof findOrganization>>;

/** A tenant scope of the organization as Guild itself, for the front door's own explicit reads. */
export function asFrontDoor<T>(
  db: Database,
  clock: Clock,
  org: PublicOrganization,
  reason: string,
  fn: (scope: TenantScope) => Promise<T>,
): Promise<T> {
  return withTenant(db, asSystem(org.id, reason, clock), fn);
}

/** Where the signed-in viewer stands with the organization (null: signed out). */
export type ViewerStanding = "member" | "pending" | "banned" | "none";

export async function standingOf(scope: TenantScope, userId: string): Promise<ViewerStanding> {
  if (await membershipOf(scope, userId)) return "member";
  // The page says so at once, instead of offering a Join that is refused.
  if (await bannedFromOrganization(scope.db, scope.organizationId, userId)) return "banned";
  const [pending] = await scope.db
    .select({ id: joinRequest.id })
    .from(joinRequest)
    .where(
      and(
        eq(joinRequest.organizationId, scope.organizationId),
        eq(joinRequest.userId, userId),
        eq(joinRequest.status, "pending"),
      ),
    );
  return pending ? "pending" : "none";
}

/** The first words of a post's markdown, as plain text for the public page. */
function excerptOf(body: string): string {
  const plain = body
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > EXCERPT_CHARACTERS
    ? `${plain.slice(0, EXCERPT_CHARACTERS - 1).trimEnd()}…`
    : plain;
}

/** Public, not archived: what the world may know exists. */
const publicSpace = (organizationId: string) =>
  and(
    eq(space.organizationId, organizationId),
    eq(space.visibility, "public"),
    isNull(space.archivedAt),
  );

/**
 * The published courses of the organization's public spaces (one of them with `courseId`), in
 * the fields the world may see: its public page lists them, each has a page (public-course.ts).
 */
export async function publicCourses(scope: TenantScope, courseId?: string) {
  return scope.db
    .select({
      id: course.id,
      title: course.title,
      description: course.description,
      access: course.access,
      spaceName: space.name,
      spaceSlug: space.slug,
    })
    .from(course)
    .innerJoin(
      space,
      and(eq(space.organizationId, course.organizationId), eq(space.id, course.spaceId)),
    )
    .where(
      and(
        eq(course.organizationId, scope.organizationId),
        courseId === undefined ? undefined : eq(course.id, courseId),
        eq(course.status, "published"),
        publicSpace(scope.organizationId),
      ),
    )
    .orderBy(asc(space.section), asc(space.position), asc(course.position), asc(course.id));
}

/** The organization's active tiers with their prices (only those of `ids` when given). */
export async function tiersOnSale(scope: TenantScope, ids?: string[]) {
  return scope.db
    .select({
      id: memberTier.id,
      name: memberTier.name,
      description: memberTier.description,
      currency: memberTier.currency,
      monthlyPrice: memberTier.monthlyPrice,
      yearlyPrice: memberTier.yearlyPrice,
      lifetimePrice: memberTier.lifetimePrice,
      trialDays: memberTier.trialDays,
    })
    .from(memberTier)
    .where(
      and(
        eq(memberTier.organizationId, scope.organizationId),
        ids === undefined ? undefined : inArray(memberTier.id, ids),
        eq(memberTier.status, "active"),
      ),
    )
    .orderBy(asc(memberTier.sortOrder), asc(memberTier.name), asc(memberTier.id));
}

/** publicPage.get: what /c/:slug shows, to anyone. */
export async function publicPage(
  db: Database,
  clock: Clock,
  slug: string,
  viewer: { userId: string } | null,
) {
  const org = await findOrganization(db, slug);
  return asFrontDoor(db, clock, org, "public page", async (scope) => {
    const spaces = await scope.db
      .select({
        id: space.id,
        name: space.name,
        description: space.description,
        icon: space.icon,
        type: space.type,
      })
      .from(space)
      .where(publicSpace(org.id))
      .orderBy(asc(space.section), asc(space.position), asc(space.name), asc(space.id));
    const tiers = await tiersOnSale(scope);
    const posts = org.showPublicPosts
      ? (
          await scope.db
            .select({
              id: post.id,
              title: post.title,
              body: post.body,
              type: post.type,
              publishedAt: post.publishedAt,
              spaceName: space.name,
            })
            .from(post)
            .innerJoin(
              space,
              and(eq(space.organizationId, post.organizationId), eq(space.id, post.spaceId)),
            )
            .where(
              and(
                eq(post.organizationId, org.id),
                publicSpace(org.id),
                eq(post.status, "published"),
                isNotNull(post.publishedAt),
                isNull(post.deletedAt),
                isNull(post.hiddenAt),
              ),
            )
            .orderBy(desc(post.publishedAt), desc(post.id))
            .limit(PUBLIC_POSTS)
        ).map(({ body, ...row }) => ({ ...row, excerpt: excerptOf(body) }))
      : [];
    return {
      name: org.name,
      slug: org.slug,
      description: org.description,
      accentColor: org.accentColor,
      logoUrl: await logoUrlOf(scope),
      joinPolicy: org.joinPolicy,
      spaces,
      tiers,
      posts,
      courses: (await publicCourses(scope)).map(({ spaceSlug: _slug, ...row }) => row),
      viewer: viewer ? { standing: await standingOf(scope, viewer.userId) } : null,
    };
  });
}

export interface Joiner {
  id: string;
  name: string;
  email: string;
}

/** Refuses someone the organization does not take: a platform ban, or the organization's own. */
async function refuseBanned(db: Database, clock: Clock, userId: string, organizationId: string) {
  const ban = await bannedFromJoining(db, userId, organizationId, clock.now());
  if (ban === "platform") throw new AppError("FORBIDDEN", "This account cannot join communities");
  if (ban === "organization") throw bannedRefusal();
}

const invitationOnly = () =>
  new AppError(
    "FORBIDDEN",
    "This community takes new members by invitation only: ask someone in it to invite you",
    { reason: "JOIN_INVITATION_ONLY" },
  );

/** The organization's admins and owners, who answer join requests. */
async function admins(scope: TenantScope): Promise<string[]> {
  const rows = await scope.db
    .select({ id: member.id })
    .from(member)
    .where(
      and(
        eq(member.organizationId, scope.organizationId),
        inArray(member.role, ["owner", "admin"]),
      ),
    );
  return rows.map((row) => row.id);
}

/**
 * join.join: joins for free (no tier, or a free tier), or asks to join where admins approve.
 * A member already gets "member" again (a double click, two tabs): joining is idempotent.
 */
export async function joinOrganization(
  db: Database,
  clock: Clock,
  joiner: Joiner,
  input: z.output<typeof joinInput>,
): Promise<{ status: "member" | "pending"; slug: string }> {
  const org = await findOrganization(db, input.slug);
  await refuseBanned(db, clock, joiner.id, org.id);
  return asFrontDoor(db, clock, org, "join", async (scope) => {
    if (await membershipOf(scope, joiner.id)) return { status: "member", slug: org.slug };
    if (org.joinPolicy === "invitation") throw invitationOnly();
    const tier = input.tierId ? await freeTierOnOffer(scope, input.tierId) : null;
    if (org.joinPolicy === "approval") {
      const [filed] = await scope.db
        .insert(joinRequest)
        .values({
          organizationId: org.id,
          userId: joiner.id,
          name: joiner.name,
          email: joiner.email,
        })
        .onConflictDoNothing()
        .returning({ id: joinRequest.id });
      // A second ask while one is pending changes nothing and tells nobody again.
      if (filed)
        await notify(scope, {
          kind: "join.requested",
          target: { type: "join_request", id: filed.id },
          recipients: await admins(scope),
        });
      return { status: "pending", slug: org.slug };
    }
    const admission = await admitMember(scope, joiner.id);
    if (admission.joined) {
      if (tier)
        await giveFreeTier(scope, { memberId: admission.memberId, userId: joiner.id }, tier.id);
      await recordActivity(scope, {
        action: "member.joined",
        target: { type: "member", id: admission.memberId },
        ...(tier ? { changes: { tier: { from: null, to: tier.name } } } : {}),
      });
    }
    return { status: "member", slug: org.slug };
  });
}

export interface JoinCheckoutContext {
  db: Database;
  clock: Clock;
  stripe: Stripe;
  appUrl: string;
  /** The app's secret: seals the checkout's metadata, so only Guild's checkouts make members. */
  secret: string;
  joiner: Joiner;
}

/**
 * join.checkout: Stripe's checkout on the organization's connected account for a paid tier, for
 * someone not yet a member of an open organization. Its metadata is a tier purchase's (the
 * webhook applies the tier as for any member) plus the sealed join mark, which makes the
 * completed checkout's webhook admit the buyer first (member-tier-stripe.ts).
 */
export async function startJoinCheckout(
  ctx: JoinCheckoutContext,
  input: z.output<typeof joinCheckoutInput>,
): Promise<{ url: string }> {
  const org = await findOrganization(ctx.db, input.slug);
  await refuseBanned(ctx.db, ctx.clock, ctx.joiner.id, org.id);
  const plan = await asFrontDoor(ctx.db, ctx.clock, org, "join checkout", async (scope) => {
    if (await membershipOf(scope, ctx.joiner.id))
      throw new AppError(
        "CONFLICT",
        "You are a member already: open the community and choose a tier there",
        { reason: "ALREADY_MEMBER" },
      );
    if (org.joinPolicy === "invitation") throw invitationOnly();
    if (org.joinPolicy === "approval")
      throw new AppError(
        "FORBIDDEN",
        "This community approves new members first: ask to join, then choose a tier once you are in",
      );
    // Room now; the seat is not held while the person pays (a checkout can be abandoned).
    await requireCommunitySeat(scope);
    return tierPrice(scope, input);
  });
  const metadata = sealMetadata(
    ctx.secret,
    memberTierMetadata(org.id, {
      user_id: ctx.joiner.id,
      tier_id: plan.tier.id,
      interval: input.interval,
      [JOIN_METADATA_KEY]: "1",
    }),
  );
  const base = `${ctx.appUrl}/c/${encodeURIComponent(org.slug)}`;
  const lifetime = input.interval === "lifetime";
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: lifetime ? "payment" : "subscription",
    line_items: [{ price: plan.priceId, quantity: 1 }],
    success_url: `${base}?checkout=success`,
    cancel_url: `${base}?checkout=canceled`,
    client_reference_id: ctx.joiner.id,
    metadata,
    customer_email: ctx.joiner.email,
    ...(lifetime
      ? { payment_intent_data: { metadata }, customer_creation: "always" as const }
      : {
          subscription_data: {
            metadata,
            ...(plan.tier.trialDays > 0 ? { trial_period_days: plan.tier.trialDays } : {}),
          },
        }),
  };
  const session = await stripeCall("start the checkout", () =>
    ctx.stripe.checkout.sessions.create(params, { stripeAccount: plan.stripeAccount }),
  );
  if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
  return { url: session.url };
}

// ---- the admins' queue -------------------------------------------------------------------------

const requestColumns = {
  id: joinRequest.id,
  name: joinRequest.name,
  email: joinRequest.email,
  status: joinRequest.status,
  createdAt: joinRequest.createdAt,
  decidedAt: joinRequest.decidedAt,
};

/** joinRequest.list (admins): pending requests oldest first, or the answered ones newest first. */
export async function listJoinRequests(
  scope: TenantScope,
  input: z.output<typeof joinRequestListInput>,
) {
  const pending = input.status === "pending";
  return scope.db
    .select(requestColumns)
    .from(joinRequest)
    .where(
      and(
        eq(joinRequest.organizationId, scope.organizationId),
        pending
          ? eq(joinRequest.status, "pending")
          : inArray(joinRequest.status, ["approved", "denied"]),
      ),
    )
    .orderBy(
      pending ? asc(joinRequest.createdAt) : desc(joinRequest.decidedAt),
      asc(joinRequest.id),
    )
    .limit(200);
}

/** Marks a pending request answered; NOT_FOUND if there is none, CONFLICT if already answered. */
async function answer(scope: TenantScope, id: string, status: "approved" | "denied") {
  const where = and(eq(joinRequest.organizationId, scope.organizationId), eq(joinRequest.id, id));
  const [row] = await scope.db
    .update(joinRequest)
    .set({
      status,
      decidedAt: scope.now(),
      decidedByMemberId: scope.actor.kind === "member" ? scope.actor.memberId : null,
    })
    .where(and(where, eq(joinRequest.status, "pending")))
    .returning();
  if (row) return row;
  const [answered] = await scope.db.select(requestColumns).from(joinRequest).where(where);
  if (!answered) throw notFound("Join request");
  throw new AppError("CONFLICT", `This request was already ${answered.status}`);
}

/**
 * joinRequest.approve (admins): the person becomes a plain member (within the plan's community
 * member limit: over it, nothing changes and the refusal offers the upgrade) and is told.
 */
export async function approveJoinRequest(scope: TenantScope, id: string) {
  const row = await answer(scope, id, "approved");
  // Banned since they asked (a ban closes a pending request, so only a ban racing this answer).
  if (await bannedFromOrganization(scope.db, scope.organizationId, row.userId))
    throw bannedRefusal();
  const admission = await admitMember(scope, row.userId, "check", "admin");
  if (admission.joined) {
    await recordActivity(scope, {
      action: "member.joined",
      target: { type: "member", id: admission.memberId },
    });
    await notify(scope, {
      kind: "join.approved",
      target: { type: "organization", id: scope.organizationId },
      recipients: [admission.memberId],
    });
  }
  return { id: row.id, status: row.status, memberId: admission.memberId };
}

/**
 * joinRequest.deny (admins): the request is closed and the person told by mail (not a member,
 * they have no in-app notifications here); they may ask again later.
 */
export async function denyJoinRequest(scope: TenantScope, id: string) {
  const row = await answer(scope, id, "denied");
  await scope.enqueue("join_request.denied_mail", { joinRequestId: row.id });
  return { id: row.id, status: row.status };
}

/** The mail telling a person their request was declined; null if it is no longer denied. */
export async function joinDeniedMail(scope: TenantScope, joinRequestId: string) {
  const [row] = await scope.db
    .select({ email: joinRequest.email, organizationName: organization.name })
    .from(joinRequest)
    .innerJoin(organization, eq(organization.id, joinRequest.organizationId))
    .where(
      and(
        eq(joinRequest.organizationId, scope.organizationId),
        eq(joinRequest.id, joinRequestId),
        eq(joinRequest.status, "denied"),
      ),
    );
  if (!row) return null;
  return {
    to: row.email,
    subject: `Your request to join ${row.organizationName} was declined`,
    text: `The admins of ${row.organizationName} declined your request to join the community.\nYou may ask again later from its public page.`,
  };
}
