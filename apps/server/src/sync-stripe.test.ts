// `pnpm db:sync-stripe` against a local stand-in (no STRIPE_SECRET_KEY) and a test database: the
// first run puts the seeded catalog into the empty stand-in and links every price; what someone
// then adds in Stripe (a new plan's product and price) comes in on the next run.
import { eq, plan, planPrice } from "@guild/db";
import { createTestDatabase } from "@guild/db/testing";
import { type StripeStandIn, startStripeStandIn } from "@guild/stripe-stand-in";
import Stripe from "stripe";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { syncStripe } from "./sync-stripe.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let standIn: StripeStandIn;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  standIn = await startStripeStandIn({ port: 0, tickMs: 0 });
});
afterAll(async () => {
  await standIn?.stop();
  await t?.drop();
});

const env = () => ({
  DATABASE_URL: t.url,
  EMBEDDED_PG_PORT: 0,
  STRIPE_SECRET_KEY: undefined,
  STRIPE_WEBHOOK_SECRET: undefined,
  STRIPE_STAND_IN_PORT: standIn.port,
});

it("fills an empty stand-in with the catalog, then brings in what Stripe adds", async () => {
  const lines: string[] = [];
  await syncStripe(env(), (line) => lines.push(line));
  expect(lines).toEqual([
    `Synced the plan catalog from the local Stripe stand-in (port ${standIn.port}): 2 plans, 5 prices.`,
  ]);
  const linked = await t.db.select({ id: planPrice.stripePriceId }).from(planPrice);
  expect(linked.every((row) => row.id?.startsWith("price_"))).toBe(true);

  const stripe = new Stripe("sk_test_sync", { ...standIn.stripeConfig });
  const product = await stripe.products.create({
    name: "Enterprise",
    metadata: { guild_plan_key: "enterprise" },
  });
  await stripe.prices.create({
    product: product.id,
    currency: "usd",
    unit_amount: 50000,
    recurring: { interval: "month" },
  });
  await syncStripe(env(), () => {});
  const [enterprise] = await t.db.select().from(plan).where(eq(plan.key, "enterprise"));
  expect(enterprise).toMatchObject({ name: "Enterprise", stripeProductId: product.id });
  const prices = await t.db
    .select()
    .from(planPrice)
    .where(eq(planPrice.planId, enterprise?.id ?? ""));
  expect(prices.map((p) => [p.interval, p.unitAmount])).toEqual([["month", 50000]]);
});
