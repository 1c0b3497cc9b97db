// `pnpm dev`'s boot with the stand-in: the demo's seeded tiers get a connected, onboarded account and
// their prices on it, so a demo member can buy one; a second boot adds nothing; a stand-in whose
// state was reset gets a new account and the prices again.
import { asSystem, connectedAccount, eq, memberTier, withTenant } from "@guild/db";
import { seedDemoTiers } from "@guild/db/seed";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture, payHostedCheckout } from "../testing.ts";
import { connectDemoTiersToStandIn } from "./demo-tiers-stand-in.ts";

let fx: ApiFixture;
let demo: Awaited<ReturnType<ApiFixture["createOrg"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  demo = await fx.createOrg("demo", ["admin"]);
  await withTenant(fx.db, asSystem(demo.org.id, "seed"), (scope) =>
    seedDemoTiers(scope, [demo.owner.memberId]),
  );
});
afterAll(() => fx.drop());

const boot = () =>
  connectDemoTiersToStandIn(
    fx.db,
    fx.stripe.stripe.client,
    { id: demo.org.id, slug: "demo" },
    "http://localhost:3999",
  );

async function tiers() {
  return fx.db
    .select()
    .from(memberTier)
    .where(eq(memberTier.organizationId, demo.org.id))
    .orderBy(memberTier.sortOrder);
}

describe("the demo's tiers on the dev stand-in", () => {
  it("are sold from boot on an onboarded connected account; a second boot adds nothing", async () => {
    const first = await boot();
    expect(first.tiersPriced).toBe(2);
    const account = await fx.stripe.stripe.client.accounts.retrieve(first.stripeAccount);
    expect(account.charges_enabled).toBe(true);
    const [supporter, patron] = await tiers();
    expect(supporter?.stripeMonthlyPriceId).toMatch(/^price_/);
    expect(patron?.stripeLifetimePriceId).toMatch(/^price_/);
    const onAccount = await fx.stripe.stripe.client.prices.list(
      { limit: 100 },
      { stripeAccount: first.stripeAccount },
    );
    expect(onAccount.data.map((p) => p.unit_amount).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([
      500, 1500, 5000, 15000, 30000,
    ]);

    // A member buys Supporter by the month, as in `pnpm dev`.
    const person = await fx.addMember(demo.org.id, "member", { name: "Demo buyer" });
    const api = await person.caller("demo");
    const { url } = await api.memberTier.checkout({
      tierId: supporter?.id ?? "",
      interval: "month",
    });
    await payHostedCheckout(url);
    await fx.stripe.settle();
    expect(await api.memberTier.mine()).toMatchObject({
      tier: { name: "Supporter" },
      active: true,
    });

    const again = await boot();
    expect(again).toEqual({ stripeAccount: first.stripeAccount, tiersPriced: 0 });
    expect(
      (
        await fx.stripe.stripe.client.prices.list(
          { limit: 100 },
          { stripeAccount: first.stripeAccount },
        )
      ).data.length,
    ).toBe(onAccount.data.length);
  });

  it("a stand-in that forgot the account (its state reset) gets a new one, and the prices", async () => {
    await fx.db
      .update(connectedAccount)
      .set({ stripeAccountId: "acct_forgotten" })
      .where(eq(connectedAccount.organizationId, demo.org.id));
    const after = await boot();
    expect(after.stripeAccount).not.toBe("acct_forgotten");
    expect(after.tiersPriced).toBe(2);
    const [supporter] = await tiers();
    const price = await fx.stripe.stripe.client.prices.retrieve(
      supporter?.stripeMonthlyPriceId ?? "",
      {},
      { stripeAccount: after.stripeAccount },
    );
    expect(price.unit_amount).toBe(500);
  });
});
