// The platform's plan catalog (issue 10 §1): global tables, one catalog for every organization.
// Free, Pro and Business are seeded by migration 0034 (so every database, a test's included, has
// the Free plan the entitlements fall back to); platform admins edit the catalog, and
// `pnpm db:sync-stripe` plus the product/price webhooks keep the Stripe-linked rows current
// (a product is linked by its metadata guild_plan_key = plan.key).
//
// Out-of-order safety: Stripe products and prices carry no "updated" time, so each row keeps the
// time of the Stripe event (or sync read) last applied to it, and an older one changes nothing.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, text, uuid } from "drizzle-orm/pg-core";
import { type PlanEntitlements, planIntervals } from "../enums/billing.ts";
import { createdAt, globalTable, instant, textEnum, updatedAt } from "./helpers.ts";

export const plan = globalTable(
  "plan",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** free, pro, business…: what code, Stripe metadata (guild_plan_key) and URLs name it by. */
    key: text().notNull().unique("plan_key_unique"),
    name: text().notNull(),
    description: text().notNull().default(""),
    /** The pricing page's order, lowest first. */
    sortOrder: integer().notNull().default(0),
    /** Offered to new subscribers; a retired plan keeps its subscribers. */
    active: boolean().notNull().default(true),
    trialDays: integer().notNull().default(0),
    /** Checked by @guild/api's planEntitlementsSchema wherever it is written. */
    entitlements: jsonb().$type<PlanEntitlements>().notNull(),
    stripeProductId: text().unique("plan_stripe_product_id_unique"),
    /** The Stripe event (or sync) time last applied to this row. */
    stripeSyncedAt: instant(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("plan_key_check", sql`${t.key} ~ '^[a-z][a-z0-9_-]{0,39}$'`),
    check("plan_trial_days_check", sql`${t.trialDays} between 0 and 365`),
    check("plan_entitlements_check", sql`jsonb_typeof(${t.entitlements}) = 'object'`),
  ],
);

export const planPrice = globalTable(
  "plan_price",
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plan.id, { onDelete: "restrict" }),
    /**
     * A stable name (pro_month_usd) shared with Stripe's price lookup_key: the seeded catalog
     * and a Stripe account's prices meet on it, and checkout asks for a price by it.
     */
    lookupKey: text().unique("plan_price_lookup_key_unique"),
    interval: textEnum(planIntervals).notNull(),
    /** ISO 4217, lower case as Stripe writes it. */
    currency: text().notNull(),
    /** In the currency's minor unit (cents). */
    unitAmount: integer().notNull(),
    /** Charged per staff seat (the subscription item's quantity) rather than once. */
    perSeat: boolean().notNull().default(false),
    stripePriceId: text().unique("plan_price_stripe_price_id_unique"),
    active: boolean().notNull().default(true),
    /** The Stripe event (or sync) time last applied to this row. */
    stripeSyncedAt: instant(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("plan_price_currency_check", sql`${t.currency} ~ '^[a-z]{3}$'`),
    check("plan_price_unit_amount_check", sql`${t.unitAmount} >= 0`),
    // A lifetime price is paid once: per seat would make no sense.
    check("plan_price_lifetime_flat_check", sql`not (${t.interval} = 'lifetime' and ${t.perSeat})`),
    index("plan_price_plan_idx").on(t.planId),
  ],
);
