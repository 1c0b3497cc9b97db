// Member tiers (issue 10 §1): the organization's catalog of tiers it sells to its members, paid to
// its connected Stripe account (services/connect.ts), and each member's current tier
// (schema/member-tier.ts). Admins manage the catalog (each price is a Stripe price on the connected
// account, made with `stripeAccount`) and grant tiers by hand (comped); a member chooses a free
// tier, or buys one through Stripe's checkout on the connected account, and cancels or resumes
// their own. The webhooks (services/member-tier-stripe.ts) are what makes a purchase count.
//
// activeTierOf / memberHasTier are what later issues ask (paid spaces, courses).
import { randomUUID } from "node:crypto";
import {
  and,
  asc,
  billingInvoice,
  desc,
  eq,
  hasRole,
  inArray,
  isNotNull,
  type MemberTierInterval,
  type MemberTierSource,
  type MemberTierState,
  member,
  memberTier,
  memberTierState,
  type TenantScope,
  user,
} from "@guild/db";
import type Stripe from "stripe";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import type {
  archiveTierInput,
  chooseFreeTierInput,
  grantTierInput,
  listTiersInput,
  revokeTierInput,
  TierFields,
  tierCheckoutInput,
  tierMembersInput,
  updateTierInput,
} from "../schemas/member-tier.ts";
import { recordActivity } from "./activity.ts";
import { type StripeCallContext, stripeCall } from "./billing-context.ts";
import { chargeableAccount, connectStatus, memberTierMetadata } from "./connect.ts";
import { releaseSeatsOutOfSight } from "./event-rsvp.ts";
import { applyTierObject, parseTierSubscription } from "./member-tier-stripe.ts";
import { graceEndsAt, withinGrace } from "./payment-grace.ts";

const tierColumns = {
  id: memberTier.id,
  name: memberTier.name,
  description: memberTier.description,
  currency: memberTier.currency,
  monthlyPrice: memberTier.monthlyPrice,
  yearlyPrice: memberTier.yearlyPrice,
  lifetimePrice: memberTier.lifetimePrice,
  trialDays: memberTier.trialDays,
  status: memberTier.status,
  sortOrder: memberTier.sortOrder,
  maxLessonLevel: memberTier.maxLessonLevel,
};

/** A tier as members and admins see it (no Stripe ids). */
export interface Tier {
  id: string;
  name: string;
  description: string;
  currency: string;
  monthlyPrice: number | null;
  yearlyPrice: number | null;
  lifetimePrice: number | null;
  trialDays: number;
  status: "active" | "archived";
  sortOrder: number;
  /** The highest lesson level it opens in its courses (null: every level). */
  maxLessonLevel: number | null;
}

export const isFreeTier = (tier: Pick<Tier, "monthlyPrice" | "yearlyPrice" | "lifetimePrice">) =>
  tier.monthlyPrice === null && tier.yearlyPrice === null && tier.lifetimePrice === null;

/** Statuses that are a current tier (past_due only within the grace period: activeTierOf). */
export const liveTierStates: readonly MemberTierState[] = ["active", "trialing", "past_due"];
export const isLiveTierState = (status: MemberTierState) => liveTierStates.includes(status);

const tierById = (scope: TenantScope, id: string) =>
  and(eq(memberTier.organizationId, scope.organizationId), eq(memberTier.id, id));

async function readTier(scope: TenantScope, id: string) {
  const [row] = await scope.db.select().from(memberTier).where(tierById(scope, id));
  return row ?? null;
}

// ---- catalog ---------------------------------------------------------------------------------

/** memberTier.list: the tiers on offer; admins may ask for the archived ones too. */
export async function listTiers(
  scope: TenantScope,
  input: z.output<typeof listTiersInput>,
): Promise<Tier[]> {
  const admin = scope.actor.kind !== "member" || hasRole(scope.actor.role, "admin");
  const archivedToo = input.includeArchived && admin;
  return scope.db
    .select(tierColumns)
    .from(memberTier)
    .where(
      and(
        eq(memberTier.organizationId, scope.organizationId),
        archivedToo ? undefined : eq(memberTier.status, "active"),
      ),
    )
    .orderBy(asc(memberTier.sortOrder), asc(memberTier.name), asc(memberTier.id));
}

const intervals: readonly { interval: MemberTierInterval; field: keyof PriceFields }[] = [
  { interval: "month", field: "monthlyPrice" },
  { interval: "year", field: "yearlyPrice" },
  { interval: "lifetime", field: "lifetimePrice" },
];
type PriceFields = Pick<TierFields, "monthlyPrice" | "yearlyPrice" | "lifetimePrice">;
const priceIdField = {
  month: "stripeMonthlyPriceId",
  year: "stripeYearlyPriceId",
  lifetime: "stripeLifetimePriceId",
} as const;

type TierRow = typeof memberTier.$inferSelect;

/**
 * Makes the tier's Stripe product and prices on the connected account match `fields`: a product
 * for a tier with any price, a new price where an amount or the currency changed (Stripe's prices
 * cannot change; subscribers keep the old one), the old one deactivated. Idempotency keys make a
 * retried request create nothing twice. Returns the Stripe ids for the row.
 */
export async function syncTierStripeCatalog(
  ctx: Pick<StripeCallContext, "stripe" | "organizationId">,
  stripeAccount: string | null,
  tierId: string,
  fields: TierFields,
  existing: TierRow | null,
) {
  const ids = {
    stripeProductId: existing?.stripeProductId ?? null,
    stripeMonthlyPriceId: existing?.stripeMonthlyPriceId ?? null,
    stripeYearlyPriceId: existing?.stripeYearlyPriceId ?? null,
    stripeLifetimePriceId: existing?.stripeLifetimePriceId ?? null,
  };
  const priced = !isFreeTier(fields);
  const hasStripe = priced || ids.stripeProductId !== null;
  if (!hasStripe || !stripeAccount) return ids;
  const options = (key: string): Stripe.RequestOptions => ({
    stripeAccount,
    idempotencyKey: `guild-tier:${tierId}:${key}`,
  });
  const metadata = memberTierMetadata(ctx.organizationId, { tier_id: tierId });
  const productFields = {
    name: fields.name,
    ...(fields.description ? { description: fields.description } : {}),
  };
  if (!ids.stripeProductId) {
    const product = await stripeCall("create the tier's product", () =>
      ctx.stripe.products.create({ ...productFields, metadata }, options("product")),
    );
    ids.stripeProductId = product.id;
  } else if (
    existing &&
    (existing.name !== fields.name || existing.description !== fields.description)
  ) {
    const productId = ids.stripeProductId;
    await stripeCall("rename the tier's product", () =>
      ctx.stripe.products.update(
        productId,
        { name: fields.name, description: fields.description || "" },
        { stripeAccount },
      ),
    );
  }
  const productId = ids.stripeProductId;
  for (const { interval, field } of intervals) {
    const amount = fields[field];
    const before = existing?.[field] ?? null;
    const oldPrice = ids[priceIdField[interval]];
    const unchanged = before === amount && existing?.currency === fields.currency && oldPrice;
    if (unchanged) continue;
    if (amount !== null) {
      const price = await stripeCall("create the tier's price", () =>
        ctx.stripe.prices.create(
          {
            product: productId,
            currency: fields.currency,
            unit_amount: amount,
            ...(interval === "lifetime" ? {} : { recurring: { interval } }),
            metadata: { ...metadata, interval },
          },
          options(`price:${interval}:${fields.currency}:${amount}`),
        ),
      );
      ids[priceIdField[interval]] = price.id;
    } else ids[priceIdField[interval]] = null;
    if (oldPrice)
      await stripeCall("retire the tier's old price", () =>
        ctx.stripe.prices.update(oldPrice, { active: false }, { stripeAccount }),
      );
  }
  return ids;
}

/** A tier with prices needs a connected account that takes payments. */
async function accountFor(scope: TenantScope, fields: PriceFields) {
  return isFreeTier(fields) ? null : chargeableAccount(scope);
}

/** memberTier.create (admins): a tier, its product and prices on the connected account. */
export async function createTier(ctx: StripeCallContext, fields: TierFields): Promise<Tier> {
  const stripeAccount = await ctx.tenant((scope) => accountFor(scope, fields));
  const id = randomUUID();
  const ids = await syncTierStripeCatalog(ctx, stripeAccount, id, fields, null);
  return ctx.tenant(async (scope) => {
    const [row] = await scope.db
      .insert(memberTier)
      .values({ organizationId: scope.organizationId, id, ...fields, ...ids })
      .returning(tierColumns);
    if (!row) throw new Error("tier insert returned nothing");
    await recordActivity(scope, {
      action: "member_tier.created",
      target: { type: "member_tier", id },
      changes: { name: { from: null, to: fields.name } },
    });
    return row;
  });
}

/** memberTier.update (admins): its fields; changed prices become new Stripe prices. */
export async function updateTier(
  ctx: StripeCallContext,
  input: z.output<typeof updateTierInput>,
): Promise<Tier> {
  const { id, ...fields } = input;
  const { existing, stripeAccount } = await ctx.tenant(async (scope) => {
    const row = await readTier(scope, id);
    if (!row) throw notFound("Tier");
    const needsAccount = !isFreeTier(fields) || row.stripeProductId !== null;
    return { existing: row, stripeAccount: needsAccount ? await chargeableAccount(scope) : null };
  });
  const ids = await syncTierStripeCatalog(ctx, stripeAccount, id, fields, existing);
  return ctx.tenant(async (scope) => {
    const [row] = await scope.db
      .update(memberTier)
      .set({ ...fields, ...ids })
      .where(tierById(scope, id))
      .returning(tierColumns);
    if (!row) throw notFound("Tier");
    await recordActivity(scope, {
      action: "member_tier.updated",
      target: { type: "member_tier", id },
    });
    return row;
  });
}

/**
 * memberTier.archive (admins): no longer offered (its Stripe product inactive), or offered again.
 * Members who have it keep it.
 */
export async function archiveTier(
  ctx: StripeCallContext,
  input: z.output<typeof archiveTierInput>,
): Promise<Tier> {
  const existing = await ctx.tenant(async (scope) => {
    const row = await readTier(scope, input.id);
    if (!row) throw notFound("Tier");
    return { row, account: row.stripeProductId ? await chargeableAccount(scope) : null };
  });
  const productId = existing.row.stripeProductId;
  const stripeAccount = existing.account;
  if (productId && stripeAccount)
    await stripeCall(input.archived ? "archive the tier" : "restore the tier", () =>
      ctx.stripe.products.update(productId, { active: !input.archived }, { stripeAccount }),
    );
  return ctx.tenant(async (scope) => {
    const [row] = await scope.db
      .update(memberTier)
      .set({ status: input.archived ? "archived" : "active" })
      .where(tierById(scope, input.id))
      .returning(tierColumns);
    if (!row) throw notFound("Tier");
    await recordActivity(scope, {
      action: input.archived ? "member_tier.archived" : "member_tier.restored",
      target: { type: "member_tier", id: input.id },
    });
    return row;
  });
}

// ---- a member's tier --------------------------------------------------------------------------

/** A member's tier as they (and admins) see it. */
export interface MemberTierView {
  memberId: string;
  tier: { id: string; name: string; status: "active" | "archived" };
  status: MemberTierState;
  source: MemberTierSource;
  interval: MemberTierInterval | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  /** Whether it opens paid content now (activeTierOf's answer). */
  active: boolean;
}

const stateColumns = {
  memberId: memberTierState.memberId,
  userId: memberTierState.userId,
  tierId: memberTierState.tierId,
  tierName: memberTier.name,
  tierStatus: memberTier.status,
  status: memberTierState.status,
  source: memberTierState.source,
  interval: memberTierState.interval,
  currentPeriodEnd: memberTierState.currentPeriodEnd,
  cancelAtPeriodEnd: memberTierState.cancelAtPeriodEnd,
  pastDueSince: memberTierState.pastDueSince,
  stripeCustomerId: memberTierState.stripeCustomerId,
};
type StateRow = {
  memberId: string;
  userId: string;
  tierId: string;
  tierName: string;
  tierStatus: "active" | "archived";
  status: MemberTierState;
  source: MemberTierSource;
  interval: MemberTierInterval | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  pastDueSince: Date | null;
  stripeCustomerId: string | null;
};

/** Whether a state opens paid content at `now`. */
function opens(row: StateRow, now: Date): boolean {
  // A subscription set to end whose period is over has ended, even if its deletion event is late.
  if (row.cancelAtPeriodEnd && row.currentPeriodEnd && row.currentPeriodEnd <= now) return false;
  if (row.status === "active" || row.status === "trialing") return true;
  if (row.status !== "past_due") return false;
  return withinGrace(row.pastDueSince && graceEndsAt(row.pastDueSince), now);
}

function view(row: StateRow, now: Date): MemberTierView {
  return {
    memberId: row.memberId,
    tier: { id: row.tierId, name: row.tierName, status: row.tierStatus },
    status: row.status,
    source: row.source,
    interval: row.interval,
    currentPeriodEnd: row.currentPeriodEnd,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    active: opens(row, now),
  };
}

/** A state row's tier (same organization, by construction of the foreign key). */
const tierOfState = and(
  eq(memberTier.organizationId, memberTierState.organizationId),
  eq(memberTier.id, memberTierState.tierId),
);

function statesQuery(scope: TenantScope) {
  return scope.db.select(stateColumns).from(memberTierState).innerJoin(memberTier, tierOfState);
}

const stateOf = (scope: TenantScope, memberId: string) =>
  and(
    eq(memberTierState.organizationId, scope.organizationId),
    eq(memberTierState.memberId, memberId),
  );

async function readState(scope: TenantScope, memberId: string) {
  const [row] = await statesQuery(scope).where(stateOf(scope, memberId));
  return row ?? null;
}

/** The member's tier as just written. */
async function writtenView(scope: TenantScope, memberId: string): Promise<MemberTierView> {
  const row = await readState(scope, memberId);
  if (!row) throw new Error("the tier just written is gone");
  return view(row, scope.now());
}

/** The member's tier that opens paid content now, or null. */
export interface ActiveTier {
  tierId: string;
  name: string;
  status: MemberTierState;
  source: MemberTierSource;
}

/**
 * The tier a person holds in the scope's organization that opens paid content now: active or
 * trialing, past_due within the payment grace (payment-grace.ts), comped or a chosen
 * free tier; never canceled, unpaid or none. For paid spaces and courses.
 */
export async function activeTierOf(scope: TenantScope, userId: string): Promise<ActiveTier | null> {
  const [row] = await statesQuery(scope).where(
    and(
      eq(memberTierState.organizationId, scope.organizationId),
      eq(memberTierState.userId, userId),
      inArray(memberTierState.status, [...liveTierStates]),
    ),
  );
  if (!row || !opens(row, scope.now())) return null;
  return { tierId: row.tierId, name: row.tierName, status: row.status, source: row.source };
}

/** Whether the person's active tier (activeTierOf) is one of `tierIds`. */
export async function memberHasTier(
  scope: TenantScope,
  userId: string,
  tierIds: readonly string[],
): Promise<boolean> {
  if (tierIds.length === 0) return false;
  const tier = await activeTierOf(scope, userId);
  return tier !== null && tierIds.includes(tier.tierId);
}

function actorOf(scope: TenantScope) {
  if (scope.actor.kind !== "member") throw new Error("a member's own tier needs a member");
  return scope.actor;
}

/** memberTier.mine: the caller's own tier (null: none). */
export async function myTier(
  scope: TenantScope,
): Promise<
  | (MemberTierView & { unpaidInvoice: { url: string; amount: number; currency: string } | null })
  | null
> {
  const row = await readState(scope, actorOf(scope).memberId);
  if (!row) return null;
  const failing = row.source === "stripe" && (row.status === "past_due" || row.status === "unpaid");
  return {
    ...view(row, scope.now()),
    unpaidInvoice: failing ? await unpaidTierInvoice(scope, row.memberId) : null,
  };
}

/**
 * The member's tier invoice whose payment failed, with Stripe's hosted page (on the
 * organization's connected account), where a new card pays it at once: the tier screen's "Pay",
 * where the failure's notification leads.
 */
async function unpaidTierInvoice(scope: TenantScope, memberId: string) {
  const [row] = await scope.db
    .select({
      url: billingInvoice.hostedInvoiceUrl,
      amount: billingInvoice.amountDue,
      currency: billingInvoice.currency,
    })
    .from(billingInvoice)
    .where(
      and(
        eq(billingInvoice.organizationId, scope.organizationId),
        eq(billingInvoice.subject, "member_tier"),
        eq(billingInvoice.memberId, memberId),
        inArray(billingInvoice.status, ["open", "payment_failed"]),
        isNotNull(billingInvoice.hostedInvoiceUrl),
      ),
    )
    .orderBy(desc(billingInvoice.issuedAt))
    .limit(1);
  return row?.url ? { url: row.url, amount: row.amount, currency: row.currency } : null;
}

/** memberTier.members (admins): who has which tier, with their names. */
export async function listTierMembers(
  scope: TenantScope,
  input: z.output<typeof tierMembersInput>,
): Promise<(MemberTierView & { name: string; email: string })[]> {
  const rows = await scope.db
    .select({ ...stateColumns, name: user.name, email: user.email })
    .from(memberTierState)
    .innerJoin(memberTier, tierOfState)
    .innerJoin(user, eq(user.id, memberTierState.userId))
    .where(
      and(
        eq(memberTierState.organizationId, scope.organizationId),
        input.tierId ? eq(memberTierState.tierId, input.tierId) : undefined,
      ),
    )
    .orderBy(asc(memberTier.sortOrder), asc(user.name), asc(memberTierState.memberId))
    .limit(500);
  const now = scope.now();
  return rows.map((row) => ({ ...view(row, now), name: row.name, email: row.email }));
}

/** A member of the scope's organization (NOT_FOUND otherwise), with their person. */
async function memberById(scope: TenantScope, memberId: string) {
  const [row] = await scope.db
    .select({ id: member.id, userId: member.userId })
    .from(member)
    .where(and(eq(member.organizationId, scope.organizationId), eq(member.id, memberId)));
  if (!row) throw notFound("Member");
  return row;
}

/** Refuses to replace a tier the member pays for through Stripe. */
function refuseOverPaidTier(row: StateRow | null, what: string) {
  if (row && row.source === "stripe" && isLiveTierState(row.status))
    throw new AppError(
      "CONFLICT",
      `${what} already pays for ${row.tierName}${row.interval === "lifetime" ? " for life" : ""}: it has to end first`,
    );
}

/** Sets a member's tier without Stripe (comped or free), replacing any ended one. */
async function setUnpaidTier(
  scope: TenantScope,
  target: { memberId: string; userId: string },
  tierId: string,
  source: "comp" | "free",
  grantedByMemberId: string | null,
) {
  const values = {
    tierId,
    status: "active" as const,
    source,
    interval: null,
    stripeSubscriptionId: null,
    stripeCheckoutSessionId: null,
    currentPeriodEnd: null,
    cancelAtPeriodEnd: false,
    pastDueSince: null,
    stripeObjectCreatedAt: null,
    grantedByMemberId,
  };
  await scope.db
    .insert(memberTierState)
    .values({ organizationId: scope.organizationId, ...target, ...values })
    .onConflictDoUpdate({
      target: [memberTierState.organizationId, memberTierState.memberId],
      // The customer stays: a later purchase reuses it. stripe_event_at stays too, so an old
      // subscription's late event still compares against what Stripe last said.
      set: values,
    });
}

/** memberTier.grant (admins): gives a member a tier without payment (comped). */
export async function grantTier(
  scope: TenantScope,
  input: z.output<typeof grantTierInput>,
): Promise<MemberTierView> {
  const target = await memberById(scope, input.memberId);
  const tier = await readTier(scope, input.tierId);
  if (tier?.status !== "active") throw notFound("Tier");
  const current = await readState(scope, target.id);
  refuseOverPaidTier(current, "This member");
  await setUnpaidTier(
    scope,
    { memberId: target.id, userId: target.userId },
    tier.id,
    "comp",
    actorOf(scope).memberId,
  );
  await recordActivity(scope, {
    action: "member_tier.granted",
    target: { type: "member", id: target.id },
    changes: { tier: { from: current?.tierName ?? null, to: tier.name } },
  });
  // Another tier may not open the paid spaces the last one did.
  await releaseSeatsOutOfSight(scope, target.id);
  return writtenView(scope, target.id);
}

/** memberTier.revoke (admins): ends a comped tier (a paid one ends through Stripe). */
export async function revokeTier(
  scope: TenantScope,
  input: z.output<typeof revokeTierInput>,
): Promise<MemberTierView> {
  const target = await memberById(scope, input.memberId);
  const current = await readState(scope, target.id);
  if (current?.source !== "comp" || current.status !== "active")
    throw new AppError("BAD_REQUEST", "This member has no comped tier to revoke");
  await scope.db
    .update(memberTierState)
    .set({ status: "canceled" })
    .where(stateOf(scope, target.id));
  await recordActivity(scope, {
    action: "member_tier.revoked",
    target: { type: "member", id: target.id },
    changes: { tier: { from: current.tierName, to: null } },
  });
  await releaseSeatsOutOfSight(scope, target.id);
  return view({ ...current, status: "canceled" }, scope.now());
}

/** memberTier.chooseFree: the caller takes a free tier. */
export async function chooseFreeTier(
  scope: TenantScope,
  input: z.output<typeof chooseFreeTierInput>,
): Promise<MemberTierView> {
  const actor = actorOf(scope);
  const tier = await readTier(scope, input.tierId);
  if (tier?.status !== "active") throw notFound("Tier");
  if (!isFreeTier(tier))
    throw new AppError("BAD_REQUEST", "This tier is paid: choose how to pay for it", {
      field: "tierId",
    });
  refuseOverPaidTier(await readState(scope, actor.memberId), "You");
  await setUnpaidTier(scope, actor, tier.id, "free", null);
  return writtenView(scope, actor.memberId);
}

/**
 * The Stripe price a checkout of this tier by this interval sells, on the organization's
 * connected account: NOT_FOUND for a tier not on offer, BAD_REQUEST for an interval it is not
 * sold by, CONFLICT when Stripe cannot take the payment yet. Also the front door's paid join.
 */
export async function tierPrice(
  scope: TenantScope,
  input: { tierId: string; interval: MemberTierInterval },
) {
  const tier = await readTier(scope, input.tierId);
  if (tier?.status !== "active") throw notFound("Tier");
  const stripeAccount = await chargeableAccount(scope);
  const amount =
    tier[intervals.find((i) => i.interval === input.interval)?.field ?? "monthlyPrice"];
  const priceId = tier[priceIdField[input.interval]];
  if (amount === null)
    throw new AppError(
      "BAD_REQUEST",
      input.interval === "lifetime"
        ? "This tier is not sold for life"
        : `This tier is not sold by the ${input.interval}`,
      { field: "interval" },
    );
  // Priced before Stripe was connected (the demo's tiers): saving it makes its Stripe prices.
  if (!priceId)
    throw new AppError(
      "CONFLICT",
      "This tier's prices are not on Stripe yet: an admin has to save the tier again",
    );
  return { tier, priceId, stripeAccount };
}

/**
 * A free tier on offer for someone joining from the front door: NOT_FOUND if it is not on offer,
 * BAD_REQUEST if it is paid (that is a checkout).
 */
export async function freeTierOnOffer(scope: TenantScope, tierId: string) {
  const tier = await readTier(scope, tierId);
  if (tier?.status !== "active") throw notFound("Tier");
  if (!isFreeTier(tier))
    throw new AppError("BAD_REQUEST", "This tier is paid: choose how to pay for it", {
      field: "tierId",
    });
  return tier;
}

/** Gives a member who just joined the free tier they chose on the way (freeTierOnOffer). */
export async function giveFreeTier(
  scope: TenantScope,
  target: { memberId: string; userId: string },
  tierId: string,
) {
  await setUnpaidTier(scope, target, tierId, "free", null);
}

/**
 * memberTier.checkout: a Stripe checkout session on the connected account for the caller's
 * purchase (a subscription by month or year, with the tier's trial on a first purchase; a one-time
 * payment for life). Its metadata (and the subscription's, and the payment's) names the purpose,
 * organization, person and tier, which the webhook reads back.
 */
export async function startTierCheckout(
  ctx: StripeCallContext,
  input: z.output<typeof tierCheckoutInput>,
): Promise<{ url: string }> {
  const plan = await ctx.tenant(async (scope) => {
    const { tier, priceId, stripeAccount } = await tierPrice(scope, input);
    const current = await readState(scope, ctx.memberId);
    if (current && current.source === "stripe" && isLiveTierState(current.status))
      throw new AppError(
        "CONFLICT",
        `You already pay for ${current.tierName}: cancel it and let it end before buying another tier`,
      );
    return {
      tier,
      priceId,
      stripeAccount,
      customer: current?.stripeCustomerId ?? null,
      // One trial per member: someone who bought before pays from the start.
      trialDays: current?.source === "stripe" ? 0 : tier.trialDays,
    };
  });
  const metadata = memberTierMetadata(ctx.organizationId, {
    user_id: ctx.userId,
    tier_id: plan.tier.id,
    interval: input.interval,
  });
  const base = `${ctx.appUrl}/o/${encodeURIComponent(ctx.organizationSlug)}/tiers`;
  const lifetime = input.interval === "lifetime";
  const params: Stripe.Checkout.SessionCreateParams = {
    mode: lifetime ? "payment" : "subscription",
    line_items: [{ price: plan.priceId, quantity: 1 }],
    success_url: `${base}?checkout=success`,
    cancel_url: `${base}?checkout=canceled`,
    client_reference_id: ctx.userId,
    metadata,
    ...(plan.customer ? { customer: plan.customer } : { customer_email: ctx.userEmail }),
    ...(lifetime
      ? {
          payment_intent_data: { metadata },
          ...(plan.customer ? {} : { customer_creation: "always" as const }),
        }
      : {
          subscription_data: {
            metadata,
            ...(plan.trialDays > 0 ? { trial_period_days: plan.trialDays } : {}),
          },
        }),
  };
  const session = await stripeCall("start the checkout", () =>
    ctx.stripe.checkout.sessions.create(params, { stripeAccount: plan.stripeAccount }),
  );
  if (!session.url) throw new Error("Stripe returned a checkout session without a URL");
  return { url: session.url };
}

/**
 * memberTier.cancel / memberTier.resume: the caller's subscription ends at its period's end, or
 * goes on after all. Stripe's answer is written at once (the webhook that follows says the same).
 * A free tier is simply left; comped and lifetime tiers are not the member's to cancel.
 */
export async function setTierCancellation(
  ctx: StripeCallContext,
  cancel: boolean,
): Promise<MemberTierView | null> {
  const current = await ctx.tenant(async (scope) => {
    const [row] = await scope.db
      .select({
        status: memberTierState.status,
        source: memberTierState.source,
        subscriptionId: memberTierState.stripeSubscriptionId,
        stripeEventAt: memberTierState.stripeEventAt,
      })
      .from(memberTierState)
      .where(stateOf(scope, ctx.memberId));
    if (!row || !isLiveTierState(row.status)) throw new AppError("BAD_REQUEST", "You have no tier");
    if (row.source === "free") {
      if (!cancel) throw new AppError("BAD_REQUEST", "A free tier has nothing to resume");
      await scope.db
        .update(memberTierState)
        .set({ status: "canceled" })
        .where(stateOf(scope, ctx.memberId));
      return null;
    }
    if (row.source === "comp")
      throw new AppError("BAD_REQUEST", "An admin gave you this tier: ask them to change it");
    if (!row.subscriptionId)
      throw new AppError("BAD_REQUEST", "A lifetime tier has nothing to cancel");
    return {
      subscriptionId: row.subscriptionId,
      stripeEventAt: row.stripeEventAt,
      stripeAccount: await chargeableAccountOrConnected(scope),
    };
  });
  if (current) {
    const { subscriptionId, stripeAccount } = current;
    const subscription = await stripeCall(cancel ? "cancel the tier" : "resume the tier", () =>
      ctx.stripe.subscriptions.update(
        subscriptionId,
        { cancel_at_period_end: cancel },
        { stripeAccount },
      ),
    );
    await ctx.tenant(async (scope) => {
      // Stripe's answer is at least as new as anything the row has seen; in Stripe's whole
      // seconds, so an event Stripe sends later within this second still wins.
      const now = new Date(Math.floor(scope.now().getTime() / 1000) * 1000);
      const at = current.stripeEventAt && current.stripeEventAt > now ? current.stripeEventAt : now;
      const object = parseTierSubscription(subscription, at);
      if (object) await applyTierObject(scope, object);
    });
  }
  return ctx.tenant(myTier);
}

/** The connected account's id even if Stripe has since paused its charges (cancelling still works). */
async function chargeableAccountOrConnected(scope: TenantScope): Promise<string> {
  const account = await connectStatus(scope);
  if (!account) throw new AppError("CONFLICT", "This organization's Stripe account is gone");
  return account.stripeAccountId;
}
