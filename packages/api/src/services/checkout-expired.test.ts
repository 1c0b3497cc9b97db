// checkout.session.expired, for every guild_purpose: the event is processed at once, without
// error or retry, and leaves nothing behind (Guild wrote nothing when it opened the checkout).
// A member's tier checkout expired on the stand-in (a Connect event, through the real endpoint
// and job), and signed events of the platform's purposes delivered to the endpoint.
import { and, eq, memberTierState, order, organizationSubscription, stripeEvent } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  type ApiFixture,
  createApiFixture,
  deliverSignedToFixture,
  unpricedTierFields,
} from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme");
});
afterAll(() => fx.drop());

async function loggedEvent(id: string) {
  const [row] = await fx.db
    .select({
      processedAt: stripeEvent.processedAt,
      lastError: stripeEvent.lastError,
      attempts: stripeEvent.attempts,
    })
    .from(stripeEvent)
    .where(eq(stripeEvent.id, id));
  return row ?? null;
}

/** Nothing of the organization's billing that a checkout could have left. */
async function billingRows() {
  const orders = await fx.db.select().from(order).where(eq(order.organizationId, acme.org.id));
  const tiers = await fx.db
    .select()
    .from(memberTierState)
    .where(eq(memberTierState.organizationId, acme.org.id));
  const plans = await fx.db
    .select()
    .from(organizationSubscription)
    .where(
      and(
        eq(organizationSubscription.organizationId, acme.org.id),
        eq(organizationSubscription.source, "stripe"),
      ),
    );
  return { orders: orders.length, tiers: tiers.length, plans: plans.length };
}

describe("checkout.session.expired", () => {
  it("a member's tier checkout left unpaid expires on the connected account: processed, nothing written", async () => {
    const owner = await acme.owner.caller("acme");
    const { url } = await owner.connect.start();
    await fetch(url, { method: "POST", redirect: "manual" });
    await fx.stripe.settle();
    const stripeAccount = (await owner.connect.status())?.stripeAccountId ?? "";
    const tier = await owner.memberTier.create({
      ...unpricedTierFields,
      name: "Gold",
      monthlyPrice: 900,
    });
    const person = await fx.addMember(acme.org.id, "member", { name: "Window shopper" });
    const api = await person.caller("acme");
    const checkout = await api.memberTier.checkout({ tierId: tier.id, interval: "month" });
    const sessionId = /\/checkout\/(cs_test_[^/?#]+)/.exec(checkout.url)?.[1] ?? "";
    await fx.stripe.stripe.client.checkout.sessions.expire(sessionId, {}, { stripeAccount });
    await fx.stripe.settle();

    const [expired] = await fx.db
      .select({ id: stripeEvent.id })
      .from(stripeEvent)
      .where(
        and(
          eq(stripeEvent.type, "checkout.session.expired"),
          eq(stripeEvent.account, stripeAccount),
        ),
      );
    expect(await loggedEvent(expired?.id ?? "")).toMatchObject({ lastError: null, attempts: 1 });
    expect((await loggedEvent(expired?.id ?? ""))?.processedAt).not.toBeNull();
    expect(await api.memberTier.mine()).toBeNull();
    // And the member may start again.
    expect((await api.memberTier.checkout({ tierId: tier.id, interval: "month" })).url).toContain(
      "/checkout/",
    );
  });

  it("every purpose's expired checkout is processed once, without error, and writes nothing", async () => {
    const before = await billingRows();
    const purposes = [
      { guild_purpose: "organization_plan", plan_key: "pro" },
      { guild_purpose: "lifetime_plan", plan_key: "business" },
      { guild_purpose: "credit_pack", pack_id: "pack", user_id: acme.owner.id },
      { guild_purpose: "member_tier", tier_id: acme.org.id, user_id: acme.owner.id },
    ];
    for (const [i, extra] of purposes.entries()) {
      const id = `evt_expired_${i}`;
      const event = {
        id,
        object: "event",
        type: "checkout.session.expired",
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        api_version: "2025-08-27.basil",
        data: {
          object: {
            id: `cs_test_expired_${i}`,
            object: "checkout.session",
            status: "expired",
            mode: extra.guild_purpose === "organization_plan" ? "subscription" : "payment",
            payment_status: "unpaid",
            metadata: { organization_id: acme.org.id, ...extra },
          },
        },
      };
      const response = await deliverSignedToFixture(fx, event);
      expect(response.status).toBe(200);
    }
    const said: { message: string; fields?: Record<string, unknown> }[] = [];
    await fx.runJobs({ log: (_level, message, fields) => said.push({ message, fields }) });
    // Each purpose was recognised and found nothing to undo.
    expect(
      said
        .filter((line) => line.message.startsWith("checkout expired unpaid"))
        .map((line) => line.fields?.purpose),
    ).toEqual(purposes.map((p) => p.guild_purpose));
    for (const i of purposes.keys()) {
      const logged = await loggedEvent(`evt_expired_${i}`);
      expect(logged).toMatchObject({ lastError: null, attempts: 1 });
      expect(logged?.processedAt).not.toBeNull();
    }
    expect(await billingRows()).toEqual(before);
  });
});
