import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { PlanEntitlements } from "./enums/index.ts";
import { organization, organizationSubscription, plan, planPrice } from "./schema/index.ts";
import { asSystem, withTenant } from "./tenant.ts";
import { createTestDatabase } from "./testing.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let orgA: string;
let orgB: string;
let proId: string;

beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  const orgs = await t.db
    .insert(organization)
    .values([
      { name: "A", slug: "billing-a" },
      { name: "B", slug: "billing-b" },
    ])
    .returning();
  orgA = orgs[0]?.id ?? "";
  orgB = orgs[1]?.id ?? "";
  const [pro] = await t.db.select().from(plan).where(eq(plan.key, "pro"));
  proId = pro?.id ?? "";
});
afterAll(() => t.drop());

/** The SQLSTATE a failed statement carries (through drizzle's wrapping). */
async function sqlState(work: Promise<unknown>): Promise<string | null> {
  try {
    await work;
    return null;
  } catch (error) {
    for (let e: unknown = error; e && typeof e === "object"; e = "cause" in e ? e.cause : null)
      if ("code" in e && typeof e.code === "string") return e.code;
    return "no SQLSTATE";
  }
}

describe("the seeded catalog", () => {
  it("offers Free, Pro and Business in order, Pro with a trial, each with every entitlement", async () => {
    const plans = await t.db.select().from(plan).orderBy(asc(plan.sortOrder));
    expect(plans.map((p) => [p.key, p.trialDays, p.active])).toEqual([
      ["free", 0, true],
      ["pro", 14, true],
      ["business", 0, true],
    ]);
    const keys: (keyof PlanEntitlements)[] = [
      "communityMembers",
      "courses",
      "monthlyCredits",
      "spaces",
      "staffSeats",
      "storageBytes",
    ];
    for (const p of plans) expect(Object.keys(p.entitlements).sort()).toEqual(keys);
    expect(plans[0]?.entitlements).toMatchObject({ staffSeats: 3, communityMembers: 100 });
    expect(plans[2]?.entitlements).toMatchObject({ staffSeats: null, communityMembers: null });
  });

  it("prices Pro per seat monthly and yearly, Business flat with a lifetime price", async () => {
    const prices = await t.db
      .select({
        plan: plan.key,
        lookupKey: planPrice.lookupKey,
        interval: planPrice.interval,
        unitAmount: planPrice.unitAmount,
        perSeat: planPrice.perSeat,
      })
      .from(planPrice)
      .innerJoin(plan, eq(plan.id, planPrice.planId))
      .orderBy(asc(plan.sortOrder), asc(planPrice.unitAmount));
    expect(prices).toEqual([
      {
        plan: "pro",
        lookupKey: "pro_month_usd",
        interval: "month",
        unitAmount: 1200,
        perSeat: true,
      },
      {
        plan: "pro",
        lookupKey: "pro_year_usd",
        interval: "year",
        unitAmount: 12000,
        perSeat: true,
      },
      {
        plan: "business",
        lookupKey: "business_month_usd",
        interval: "month",
        unitAmount: 9900,
        perSeat: false,
      },
      {
        plan: "business",
        lookupKey: "business_year_usd",
        interval: "year",
        unitAmount: 99000,
        perSeat: false,
      },
      {
        plan: "business",
        lookupKey: "business_lifetime_usd",
        interval: "lifetime",
        unitAmount: 299000,
        perSeat: false,
      },
    ]);
  });

  it("refuses an interval outside month, year and lifetime, and a per-seat lifetime price", async () => {
    const price = (interval: string, perSeat: boolean) =>
      t.sql`insert into plan_price (plan_id, interval, currency, unit_amount, per_seat)
            values (${proId}, ${interval}, 'usd', 100, ${perSeat})`;
    expect(await sqlState(price("week", false))).toBe("23514");
    expect(await sqlState(price("lifetime", true))).toBe("23514");
  });
});

describe("organization_subscription", () => {
  const comp = (organizationId: string, status: "active" | "canceled" = "active") => ({
    organizationId,
    planId: proId,
    status,
    source: "comp" as const,
  });

  it("holds at most one current subscription per organization; ended ones are history", async () => {
    await withTenant(t.db, asSystem(orgA, "test"), async ({ db }) => {
      await db.insert(organizationSubscription).values(comp(orgA, "canceled"));
      await db.insert(organizationSubscription).values(comp(orgA));
    });
    const second = withTenant(t.db, asSystem(orgA, "test"), ({ db }) =>
      db.insert(organizationSubscription).values(comp(orgA)),
    );
    expect(await sqlState(second)).toBe("23505");
    const rows = await t.db
      .select({ status: organizationSubscription.status })
      .from(organizationSubscription)
      .where(eq(organizationSubscription.organizationId, orgA));
    expect(rows.map((r) => r.status).sort()).toEqual(["active", "canceled"]);
  });

  it("refuses a status outside Stripe's set, and a Stripe source without its subscription id", async () => {
    const bad = (values: Record<string, unknown>) =>
      withTenant(t.db, asSystem(orgB, "test"), ({ db }) =>
        db.insert(organizationSubscription).values({ ...comp(orgB, "canceled"), ...values }),
      );
    expect(await sqlState(bad({ status: "expired" }))).toBe("23514");
    expect(await sqlState(bad({ source: "stripe" }))).toBe("23514");
  });

  it("is confined to the tenant transaction's organization (pre-tenant policy)", async () => {
    const seenFromB = await withTenant(t.db, asSystem(orgB, "test"), ({ db }) =>
      db
        .select()
        .from(organizationSubscription)
        .where(and(eq(organizationSubscription.organizationId, orgA))),
    );
    expect(seenFromB).toEqual([]);
    const writtenFromB = withTenant(t.db, asSystem(orgB, "test"), ({ db }) =>
      db.insert(organizationSubscription).values(comp(orgA, "canceled")),
    );
    expect(await sqlState(writtenFromB)).toBe("42501");
  });
});
