// The plan catalog and Stripe, against the local stand-in through the SDK, its signed webhooks
// through the real endpoint and job: the push a fresh machine makes, db:sync-stripe, and the
// product/price webhooks, out of order and redelivered.
import { asc, eq, plan, planPrice, type StripeEventPayload, user } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, codeOf, createApiFixture } from "../testing.ts";
import {
  applyStripeProduct,
  catalogStripeHandlers,
  PLAN_KEY_METADATA,
  pushCatalogToStripe,
  syncStripeCatalog,
} from "./plan-catalog-sync.ts";

let fx: ApiFixture;
beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
});
afterAll(() => fx.drop());

const planRow = async (key: string) =>
  (await fx.db.select().from(plan).where(eq(plan.key, key)))[0];
const pricesOf = async (key: string) =>
  fx.db
    .select({
      lookupKey: planPrice.lookupKey,
      interval: planPrice.interval,
      unitAmount: planPrice.unitAmount,
      perSeat: planPrice.perSeat,
      active: planPrice.active,
      stripePriceId: planPrice.stripePriceId,
    })
    .from(planPrice)
    .innerJoin(plan, eq(plan.id, planPrice.planId))
    .where(eq(plan.key, key))
    .orderBy(asc(planPrice.unitAmount));

/** An event as the endpoint logged it, for a handler run by hand (order chosen by the test). */
function event(
  type: string,
  object: object,
  created: number,
  account?: string,
): StripeEventPayload {
  return {
    id: `evt_${type}_${created}`,
    type,
    livemode: false,
    created,
    ...(account ? { account } : {}),
    data: { object },
  };
}

async function handle(payload: StripeEventPayload) {
  const handler = catalogStripeHandlers[payload.type];
  if (!handler) throw new Error(`no catalog handler for ${payload.type}`);
  await handler(payload, { deps: fx.jobDeps });
}

describe("a fresh machine's stand-in", () => {
  it("gets the seeded catalog's products and prices, linked back by id; a second push adds nothing", async () => {
    const stripe = fx.stripe.stripe.client;
    expect(await pushCatalogToStripe(fx.db, stripe, new Date())).toMatchObject({ prices: 5 });
    await fx.stripe.settle();
    const pro = await planRow("pro");
    expect(pro?.stripeProductId).toMatch(/^prod_/);
    const product = await stripe.products.retrieve(pro?.stripeProductId ?? "");
    expect(product.metadata[PLAN_KEY_METADATA]).toBe("pro");
    expect(await pricesOf("pro")).toEqual([
      expect.objectContaining({ lookupKey: "pro_month_usd", interval: "month", perSeat: true }),
      expect.objectContaining({ lookupKey: "pro_year_usd", interval: "year", perSeat: true }),
    ]);
    for (const price of [...(await pricesOf("pro")), ...(await pricesOf("business"))])
      expect(price.stripePriceId).toMatch(/^price_/);
    const lifetime = (await pricesOf("business")).find((p) => p.interval === "lifetime");
    const stripeLifetime = await stripe.prices.retrieve(lifetime?.stripePriceId ?? "");
    expect([stripeLifetime.type, stripeLifetime.unit_amount]).toEqual(["one_time", 299000]);
    // Free is sold by nobody: no product.
    expect((await planRow("free"))?.stripeProductId).toBeNull();

    const before = (await stripe.prices.list({ limit: 100 })).data.length;
    await pushCatalogToStripe(fx.db, stripe, new Date());
    expect((await stripe.prices.list({ limit: 100 })).data.length).toBe(before);
  });
});

describe("webhooks keep the catalog current", () => {
  it("a new plan product and its price arrive; a rename and an archived price follow", async () => {
    const stripe = fx.stripe.stripe.client;
    const product = await stripe.products.create({
      name: "Team",
      metadata: { [PLAN_KEY_METADATA]: "team", guild_trial_days: "7" },
    });
    const price = await stripe.prices.create({
      product: product.id,
      currency: "eur",
      unit_amount: 4900,
      recurring: { interval: "month" },
      metadata: { guild_per_seat: "false" },
    });
    await fx.stripe.settle();
    const team = await planRow("team");
    const free = await planRow("free");
    expect(team).toMatchObject({ name: "Team", active: true, trialDays: 7 });
    // A plan first met in Stripe gets Free's limits until an admin sets its own.
    expect(team?.entitlements).toEqual(free?.entitlements);
    expect(await pricesOf("team")).toEqual([
      {
        lookupKey: null,
        interval: "month",
        unitAmount: 4900,
        perSeat: false,
        active: true,
        stripePriceId: price.id,
      },
    ]);
    expect((await (await fx.anonymous()).plan.list()).map((p) => p.key)).toContain("team");

    await stripe.products.update(product.id, { name: "Team plus" });
    await stripe.prices.update(price.id, { active: false });
    await fx.stripe.settle();
    expect((await planRow("team"))?.name).toBe("Team plus");
    expect((await pricesOf("team"))[0]?.active).toBe(false);
  });

  it("a price whose product event has not come yet brings its product along", async () => {
    const stripe = fx.stripe.stripe.client;
    const stopDropping = fx.stripe.standIn.dropWebhooks((e) => e.type === "product.created");
    try {
      const product = await stripe.products.create({
        name: "Studio",
        metadata: { [PLAN_KEY_METADATA]: "studio" },
      });
      await stripe.prices.create({
        product: product.id,
        currency: "usd",
        unit_amount: 19900,
        recurring: { interval: "year" },
      });
      await fx.stripe.settle();
    } finally {
      stopDropping();
    }
    expect(await planRow("studio")).toMatchObject({ name: "Studio" });
    expect(await pricesOf("studio")).toEqual([
      expect.objectContaining({ interval: "year", unitAmount: 19900, active: true }),
    ]);
  });

  it("an older event delivered after a newer one changes nothing; a redelivery neither", async () => {
    const product = {
      id: "prod_ordering",
      object: "product",
      name: "Guild Ordering",
      active: true,
      description: null,
      metadata: { [PLAN_KEY_METADATA]: "ordering" },
    };
    await handle(event("product.updated", { ...product, name: "Newest name" }, 2_000_000_000));
    await handle(event("product.updated", { ...product, name: "Older name" }, 1_999_999_000));
    expect((await planRow("ordering"))?.name).toBe("Newest name");
    await handle(event("product.deleted", product, 2_000_000_100));
    await handle(event("product.updated", product, 2_000_000_050));
    await handle(event("product.deleted", product, 2_000_000_100));
    expect(await planRow("ordering")).toMatchObject({ active: false, name: "Guild Ordering" });
    const price = {
      id: "price_ordering",
      object: "price",
      active: true,
      currency: "usd",
      unit_amount: 500,
      lookup_key: null,
      type: "recurring",
      recurring: { interval: "month", interval_count: 1 },
      product: "prod_ordering",
      metadata: {},
    };
    await handle(event("price.updated", { ...price, active: false }, 2_000_000_200));
    await handle(event("price.created", price, 2_000_000_150));
    expect(await pricesOf("ordering")).toEqual([expect.objectContaining({ active: false })]);
  });

  it("leaves connected accounts' products (member tiers) and products without a plan key alone", async () => {
    const tier = {
      id: "prod_connected_tier",
      name: "Gold tier",
      active: true,
      metadata: { [PLAN_KEY_METADATA]: "gold" },
    };
    await handle(event("product.created", tier, 2_000_000_000, "acct_connected"));
    expect(await planRow("gold")).toBeUndefined();
    expect(
      await applyStripeProduct(
        fx.db,
        { id: "prod_unrelated", name: "T-shirt", active: true, metadata: {} },
        new Date(),
      ),
    ).toBe("ignored");
  });
});

describe("pnpm db:sync-stripe", () => {
  it("repairs what a lost webhook left behind, from Stripe's current state", async () => {
    const stripe = fx.stripe.stripe.client;
    const pro = await planRow("pro");
    const stopDropping = fx.stripe.standIn.dropWebhooks(() => true);
    try {
      await stripe.products.update(pro?.stripeProductId ?? "", { name: "Pro (renamed)" });
      await fx.stripe.settle();
    } finally {
      stopDropping();
    }
    expect((await planRow("pro"))?.name).toBe("Pro");
    const counts = await syncStripeCatalog(fx.db, stripe, new Date());
    expect(counts.plans).toBeGreaterThanOrEqual(2);
    expect((await planRow("pro"))?.name).toBe("Pro (renamed)");
    // Entitlements are Guild's: a sync leaves them as they were.
    expect((await planRow("pro"))?.entitlements).toEqual(pro?.entitlements);
  });
});

describe("a plan edited in the admin console", () => {
  it("goes to Stripe's product first, so neither db:sync-stripe nor a late product event undoes it", async () => {
    const stripe = fx.stripe.stripe.client;
    const admin = await fx.signUp("Catalog admin");
    await fx.db.update(user).set({ role: "admin" }).where(eq(user.id, admin.id));
    const api = await admin.caller();
    const pro = (await api.admin.plans.list()).find((p) => p.key === "pro");
    // Linked to its product by the push above.
    const productId = pro?.stripeProductId;
    if (!pro || !productId) throw new Error("Pro is not linked to a Stripe product");
    const before = await stripe.products.retrieve(productId);
    const edit = {
      id: pro.id,
      name: "Pro Team",
      description: "For growing teams",
      active: pro.active,
      trialDays: pro.trialDays,
      entitlements: pro.entitlements,
    };
    await api.admin.plans.update(edit);
    const product = await stripe.products.retrieve(productId);
    expect([product.name, product.description, product.active]).toEqual([
      "Pro Team",
      "For growing teams",
      pro.active,
    ]);

    // The edit's own product.updated, then a full sync: the admin's values stay.
    await fx.stripe.settle();
    await syncStripeCatalog(fx.db, stripe, new Date());
    expect(await planRow("pro")).toMatchObject({
      name: "Pro Team",
      description: "For growing teams",
    });
    // A product event from before the edit, delivered late, is older: nothing changes.
    await handle(event("product.updated", before, Math.floor(Date.now() / 1000) - 60));
    expect((await planRow("pro"))?.name).toBe("Pro Team");

    // Stripe refusing (the product is gone there): SERVICE_UNAVAILABLE, nothing written.
    await fx.db.update(plan).set({ stripeProductId: "prod_gone" }).where(eq(plan.id, pro.id));
    try {
      expect(await codeOf(api.admin.plans.update({ ...edit, name: "Pro Never" }))).toBe(
        "SERVICE_UNAVAILABLE",
      );
      expect((await planRow("pro"))?.name).toBe("Pro Team");
    } finally {
      await fx.db.update(plan).set({ stripeProductId: productId }).where(eq(plan.id, pro.id));
    }
    // An edit of what Stripe does not hold (trial days) asks nothing of Stripe.
    await api.admin.plans.update({ ...edit, trialDays: pro.trialDays + 1 });
    expect((await planRow("pro"))?.trialDays).toBe(pro.trialDays + 1);
    await api.admin.plans.update(edit);
  });
});
