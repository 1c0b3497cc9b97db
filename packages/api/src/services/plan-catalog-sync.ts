// The plan catalog and Stripe (issue 10 §2, seed 001's db:sync-stripe): a Stripe product whose
// metadata guild_plan_key names a plan is that plan, and its prices are the plan's prices. Three
// ways in, one upsert each for products and prices:
// - `pnpm db:sync-stripe` (syncStripeCatalog): reads every product and price and upserts them;
// - the product.* and price.* webhooks (catalogStripeHandlers) keep the rows current;
// - on a fresh machine with the local stand-in, pushCatalogToStripe first creates in Stripe the
//   products and prices the seeded catalog has (so checkout has prices to sell), then syncs.
//
// Out of order: products and prices have no "updated" time Stripe sends with every change, so
// each row keeps the time last applied (the event's `created`, or a sync's read time), and an
// older write changes nothing (the condition is in the upsert itself). A product or price is
// never deleted here: subscriptions point at them; deletion makes them inactive.
//
// Entitlements and trial days stay Guild's (platform admins edit them); a plan first met in
// Stripe takes them from its metadata (guild_entitlements as JSON, guild_trial_days), or Free's.
import {
  and,
  type Database,
  eq,
  FREE_PLAN_KEY,
  isNull,
  ne,
  or,
  type PlanEntitlements,
  type PlanInterval,
  plan,
  planPrice,
  type StripeEventPayload,
  sql,
} from "@guild/db";
import type Stripe from "stripe";
import { z } from "zod";
import { planEntitlementsSchema, planKeySchema } from "../schemas/plan.ts";
import { NO_ENTITLEMENTS } from "./entitlements.ts";
import type { StripeEventHandler, StripeEventHandlerSet } from "./stripe-event.ts";

export const PLAN_KEY_METADATA = "guild_plan_key";
export const PER_SEAT_METADATA = "guild_per_seat";

const metadata = z.record(z.string(), z.string()).catch({});

/** The fields of a Stripe product the catalog reads (from an event or the SDK alike). */
const productSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullish(),
  active: z.boolean(),
  metadata,
});
type CatalogProduct = z.infer<typeof productSchema>;

const priceSchema = z.object({
  id: z.string(),
  active: z.boolean(),
  currency: z.string(),
  unit_amount: z.number().int().nullable(),
  lookup_key: z.string().nullish(),
  type: z.enum(["one_time", "recurring"]),
  recurring: z.object({ interval: z.string(), interval_count: z.number().int() }).nullish(),
  product: z.union([z.string(), z.object({ id: z.string() })]),
  metadata,
});
type CatalogPrice = z.infer<typeof priceSchema>;

/** Not newer than `at`: the row may take what `at` saw. */
const notNewer = (column: typeof plan.stripeSyncedAt | typeof planPrice.stripeSyncedAt, at: Date) =>
  sql`(${column} is null or ${column} <= ${at.toISOString()}::timestamptz)`;

/** The entitlements a plan first met in Stripe starts with. */
async function startingEntitlements(
  db: Database,
  product: CatalogProduct,
): Promise<PlanEntitlements> {
  const declared = product.metadata.guild_entitlements;
  if (declared) {
    try {
      const parsed = planEntitlementsSchema.safeParse(JSON.parse(declared));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: Free's, below.
    }
  }
  const [free] = await db
    .select({ entitlements: plan.entitlements })
    .from(plan)
    .where(eq(plan.key, FREE_PLAN_KEY));
  const parsed = planEntitlementsSchema.safeParse(free?.entitlements);
  return parsed.success ? parsed.data : NO_ENTITLEMENTS;
}

/**
 * Upserts the plan a product stands for (none without a valid guild_plan_key). `deleted`: the
 * product is gone from Stripe, so the plan is no longer offered.
 */
export async function applyStripeProduct(
  db: Database,
  raw: unknown,
  at: Date,
  options: { deleted?: boolean } = {},
): Promise<"applied" | "stale" | "ignored"> {
  const product = productSchema.parse(raw);
  const key = planKeySchema.safeParse(product.metadata[PLAN_KEY_METADATA]);
  if (!key.success) return "ignored";
  const values = {
    name: product.name,
    description: product.description ?? "",
    active: product.active && !options.deleted,
    stripeProductId: product.id,
    stripeSyncedAt: at,
  };
  return db.transaction(async (tx) => {
    // The product now names another plan (its metadata changed): the old plan lets go of it.
    await tx
      .update(plan)
      .set({ stripeProductId: null })
      .where(and(eq(plan.stripeProductId, product.id), ne(plan.key, key.data)));
    const [known] = await tx.select({ id: plan.id }).from(plan).where(eq(plan.key, key.data));
    if (!known) {
      const trialDays = Number.parseInt(product.metadata.guild_trial_days ?? "0", 10);
      const [{ next } = { next: 0 }] = await tx
        .select({ next: sql<number>`coalesce(max(${plan.sortOrder}), -1)::int + 1` })
        .from(plan);
      await tx
        .insert(plan)
        .values({
          key: key.data,
          ...values,
          sortOrder: next,
          trialDays:
            Number.isInteger(trialDays) && trialDays >= 0 && trialDays <= 365 ? trialDays : 0,
          entitlements: await startingEntitlements(db, product),
        })
        .onConflictDoNothing();
      return "applied";
    }
    const updated = await tx
      .update(plan)
      .set(values)
      .where(and(eq(plan.id, known.id), notNewer(plan.stripeSyncedAt, at)))
      .returning({ id: plan.id });
    return updated.length > 0 ? "applied" : "stale";
  });
}

function intervalOf(price: CatalogPrice): PlanInterval | null {
  if (price.type === "one_time") return "lifetime";
  const recurring = price.recurring;
  if (recurring?.interval_count !== 1) return null;
  return recurring.interval === "month" || recurring.interval === "year"
    ? recurring.interval
    : null;
}

/**
 * Upserts a price of a plan's product. A price whose product is not linked yet (its product
 * event still to come) brings the product first, read from Stripe with `fetchProduct`.
 */
export async function applyStripePrice(
  db: Database,
  raw: unknown,
  at: Date,
  options: { deleted?: boolean; fetchProduct?: (id: string) => Promise<unknown> } = {},
): Promise<"applied" | "stale" | "ignored"> {
  const price = priceSchema.parse(raw);
  const productId = typeof price.product === "string" ? price.product : price.product.id;
  const interval = intervalOf(price);
  if (!interval || price.unit_amount === null) return "ignored";
  const planOf = async () =>
    (await db.select({ id: plan.id }).from(plan).where(eq(plan.stripeProductId, productId)))[0];
  let owner = await planOf();
  if (!owner && options.fetchProduct) {
    await applyStripeProduct(db, await options.fetchProduct(productId), at);
    owner = await planOf();
  }
  if (!owner) return "ignored";
  const planId = owner.id;
  const perSeatFlag = price.metadata[PER_SEAT_METADATA];
  const lookupKey = price.lookup_key ?? null;
  return db.transaction(async (tx) => {
    // A seeded price meets its Stripe price by lookup key, once.
    const [known] = await tx
      .select({ id: planPrice.id, perSeat: planPrice.perSeat })
      .from(planPrice)
      .where(
        or(
          eq(planPrice.stripePriceId, price.id),
          lookupKey
            ? and(isNull(planPrice.stripePriceId), eq(planPrice.lookupKey, lookupKey))
            : sql`false`,
        ),
      )
      .orderBy(sql`${planPrice.stripePriceId} is null`)
      .limit(1);
    // Stripe moved the lookup key to this price: the one that had it lets go.
    if (lookupKey)
      await tx
        .update(planPrice)
        .set({ lookupKey: null })
        .where(
          and(eq(planPrice.lookupKey, lookupKey), known ? ne(planPrice.id, known.id) : sql`true`),
        );
    const perSeat =
      perSeatFlag === "true" ? true : perSeatFlag === "false" ? false : (known?.perSeat ?? false);
    const values = {
      planId,
      lookupKey,
      interval,
      currency: price.currency.toLowerCase(),
      unitAmount: price.unit_amount ?? 0,
      perSeat: interval === "lifetime" ? false : perSeat,
      stripePriceId: price.id,
      active: price.active && !options.deleted,
      stripeSyncedAt: at,
    };
    if (!known) {
      await tx.insert(planPrice).values(values).onConflictDoNothing();
      return "applied";
    }
    const updated = await tx
      .update(planPrice)
      .set(values)
      .where(and(eq(planPrice.id, known.id), notNewer(planPrice.stripeSyncedAt, at)))
      .returning({ id: planPrice.id });
    return updated.length > 0 ? "applied" : "stale";
  });
}

/** Reads every product and price from Stripe into the catalog (`pnpm db:sync-stripe`). */
export async function syncStripeCatalog(
  db: Database,
  stripe: Stripe,
  now: Date,
): Promise<{ plans: number; prices: number }> {
  let plans = 0;
  let prices = 0;
  for await (const product of stripe.products.list({ limit: 100 }))
    if ((await applyStripeProduct(db, product, now)) === "applied") plans++;
  for await (const price of stripe.prices.list({ limit: 100 }))
    if ((await applyStripePrice(db, price, now)) === "applied") prices++;
  return { plans, prices };
}

/**
 * Creates in Stripe what the catalog sells and Stripe lacks: a product per plan with prices
 * (metadata guild_plan_key) and each active price (by its lookup key), then syncs back, so the
 * rows carry the Stripe ids checkout needs. For a fresh machine's local stand-in (`pnpm dev`,
 * the e2e server); against a real account, prices are made in Stripe's dashboard instead.
 */
export async function pushCatalogToStripe(
  db: Database,
  stripe: Stripe,
  now: Date,
): Promise<{ plans: number; prices: number }> {
  const rows = await db
    .select({ plan, price: planPrice })
    .from(planPrice)
    .innerJoin(plan, eq(plan.id, planPrice.planId))
    .where(and(eq(plan.active, true), eq(planPrice.active, true)));
  const productByKey = new Map<string, string>();
  for await (const product of stripe.products.list({ limit: 100 })) {
    const key = product.metadata[PLAN_KEY_METADATA];
    if (key && product.active) productByKey.set(key, product.id);
  }
  const lookupKeys = rows.flatMap(({ price }) => (price.lookupKey ? [price.lookupKey] : []));
  const existingKeys = new Set<string>();
  if (lookupKeys.length > 0)
    for await (const price of stripe.prices.list({ lookup_keys: lookupKeys, limit: 100 }))
      if (price.lookup_key) existingKeys.add(price.lookup_key);
  for (const { plan: p, price } of rows) {
    if (!price.lookupKey || existingKeys.has(price.lookupKey) || price.stripePriceId) continue;
    let productId = productByKey.get(p.key);
    if (!productId) {
      const created = await stripe.products.create({
        name: p.name,
        ...(p.description ? { description: p.description } : {}),
        metadata: { [PLAN_KEY_METADATA]: p.key },
      });
      productId = created.id;
      productByKey.set(p.key, productId);
    }
    await stripe.prices.create({
      product: productId,
      currency: price.currency,
      unit_amount: price.unitAmount,
      lookup_key: price.lookupKey,
      ...(price.interval === "lifetime" ? {} : { recurring: { interval: price.interval } }),
      metadata: { [PER_SEAT_METADATA]: String(price.perSeat) },
    });
  }
  return syncStripeCatalog(db, stripe, now);
}

/** The event's own time: what the row compares before taking the object's state. */
const eventTime = (event: StripeEventPayload) => new Date(event.created * 1000);

function productHandler(deleted: boolean): StripeEventHandler {
  return async (event, { deps }) => {
    // Products of connected accounts are member tiers' (their own handlers), not the catalog's.
    if (event.account) return;
    await applyStripeProduct(deps.db, event.data.object, eventTime(event), { deleted });
  };
}

function priceHandler(deleted: boolean): StripeEventHandler {
  return async (event, { deps }) => {
    if (event.account) return;
    const stripe = deps.stripe?.client;
    await applyStripePrice(deps.db, event.data.object, eventTime(event), {
      deleted,
      ...(stripe ? { fetchProduct: (id: string) => stripe.products.retrieve(id) } : {}),
    });
  };
}

/** The catalog's webhook handlers (services/stripe-event.ts combines every domain's). */
export const catalogStripeHandlers: StripeEventHandlerSet = {
  "product.created": productHandler(false),
  "product.updated": productHandler(false),
  "product.deleted": productHandler(true),
  "price.created": priceHandler(false),
  "price.updated": priceHandler(false),
  "price.deleted": priceHandler(true),
};
