// An organization's Guild plan (issue 10 §1): its Stripe customer, its subscriptions (Stripe,
// lifetime or comped) and their items. The subscription lifecycle (checkout, webhooks,
// reconciliation: applyStripeSubscription in @guild/api) writes these; the entitlements helper
// reads them.
//
// organization_subscription is a pre-tenant table, like member: the membership statement that
// opens every organization procedure's tenant transaction reads the organization's current
// subscription and its plan in the same statement (tenant.ts), before the transaction's tenant
// settings exist, so its RLS is for guild_tenant and not forced (migration 0034 writes the policy,
// as 0002 did for member). Its keys still follow the tenant rules: primary key (organization_id,
// id), organization_id in every unique, paired foreign keys.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  primaryKey,
  text,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { subscriptionSources, subscriptionStatuses } from "../enums/billing.ts";
import {
  createdAt,
  instant,
  preTenantTable,
  tenantRef,
  tenantTable,
  textEnum,
  updatedAt,
} from "./helpers.ts";
import { organization } from "./organization.ts";
import { plan, planPrice } from "./plan.ts";

/** The organization's Stripe customer (one per organization, created at its first checkout). */
export const billingCustomer = tenantTable(
  "billing_customer",
  {
    stripeCustomerId: text().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("billing_customer_org_unique").on(t.organizationId),
    unique("billing_customer_org_stripe_unique").on(t.organizationId, t.stripeCustomerId),
    // Stripe's ids are unique across accounts' objects: a customer id names one organization.
    index("billing_customer_stripe_idx").on(t.stripeCustomerId),
  ],
);

export const organizationSubscription = preTenantTable(
  "organization_subscription",
  {
    organizationId: uuid()
      .notNull()
      .references(() => organization.id, { onDelete: "cascade" }),
    id: uuid().notNull().defaultRandom(),
    planId: uuid()
      .notNull()
      .references(() => plan.id, { onDelete: "restrict" }),
    /** What is paid (null for a comp). */
    planPriceId: uuid().references(() => planPrice.id, { onDelete: "restrict" }),
    status: textEnum(subscriptionStatuses).notNull(),
    source: textEnum(subscriptionSources).notNull(),
    /** sub_…, for source stripe. */
    stripeSubscriptionId: text(),
    /** Staff seats paid for (the per-seat item's quantity); 1 for flat prices. */
    seats: integer().notNull().default(1),
    currentPeriodStart: instant(),
    currentPeriodEnd: instant(),
    trialEnd: instant(),
    cancelAtPeriodEnd: boolean().notNull().default(false),
    canceledAt: instant(),
    endedAt: instant(),
    /**
     * After a failed payment (past_due), the paid plan holds until then; past it, or once Stripe
     * gives up (unpaid), the organization is on Free again. Nothing is deleted either way.
     */
    graceUntil: instant(),
    /**
     * The Stripe time (event created, or the subscription read by reconciliation) last applied:
     * an older event or read changes nothing.
     */
    stripeUpdatedAt: instant(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.id] }),
    unique("organization_subscription_org_stripe_unique").on(
      t.organizationId,
      t.stripeSubscriptionId,
    ),
    // At most one current subscription per organization: what the membership statement reads.
    uniqueIndex("organization_subscription_one_current")
      .on(t.organizationId)
      .where(sql`${t.status} not in ('incomplete_expired', 'canceled')`),
    index("organization_subscription_stripe_idx")
      .on(t.stripeSubscriptionId)
      .where(sql`${t.stripeSubscriptionId} is not null`),
    check("organization_subscription_seats_check", sql`${t.seats} >= 0`),
    check(
      "organization_subscription_stripe_id_check",
      sql`(${t.source} = 'stripe') = (${t.stripeSubscriptionId} is not null)`,
    ),
  ],
);

/** A subscription's line items as Stripe has them (the plan's price; its seat quantity). */
export const organizationSubscriptionItem = tenantTable(
  "organization_subscription_item",
  {
    subscriptionId: uuid().notNull(),
    planPriceId: uuid()
      .notNull()
      .references(() => planPrice.id, { onDelete: "restrict" }),
    /** si_… */
    stripeSubscriptionItemId: text(),
    quantity: integer().notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantRef(t, t.subscriptionId, () => organizationSubscription, {
      onDelete: "cascade",
      name: "organization_subscription_item_subscription_fk",
    }),
    unique("organization_subscription_item_price_unique").on(
      t.organizationId,
      t.subscriptionId,
      t.planPriceId,
    ),
    unique("organization_subscription_item_stripe_unique").on(
      t.organizationId,
      t.stripeSubscriptionItemId,
    ),
    check("organization_subscription_item_quantity_check", sql`${t.quantity} >= 0`),
  ],
);
