// Member tiers (issue 10 §1): an organization sells its own tiers to its members, paid to the
// organization's connected Stripe account (Stripe Connect). Three tables:
//
// - connected_account: the organization's Stripe account (acct_…), one per organization, with what
//   Stripe last said about it (account.updated, or a retrieve when the owner comes back from the
//   onboarding page). Tiers with prices need charges_enabled.
// - member_tier: the catalog. Prices in minor units per interval (month, year, lifetime), each
//   with its Stripe price on the connected account; a tier without any price is free.
// - member_tier_state: each member's one current tier, whether bought (a subscription, or a
//   lifetime payment), comped by an admin, or a free tier chosen. Stripe's webhooks keep it
//   current, out-of-order safe: the row keeps the `created` of the last event applied and of the
//   Stripe object it follows (services/member-tier-stripe.ts decides what wins).
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, text, unique, uuid } from "drizzle-orm/pg-core";
import { LESSON_LEVEL_MAX } from "../enums/learning.ts";
import {
  memberTierIntervals,
  memberTierSources,
  memberTierStates,
  memberTierStatuses,
} from "../enums/member-tier.ts";
import { user } from "./auth.ts";
import { instant, memberRef, tenantRef, tenantTable, textEnum, updatedAt } from "./helpers.ts";
import { member } from "./organization.ts";

export const connectedAccount = tenantTable(
  "connected_account",
  {
    /** Stripe's id of the connected account (acct_…). */
    stripeAccountId: text().notNull(),
    chargesEnabled: boolean().notNull().default(false),
    payoutsEnabled: boolean().notNull().default(false),
    detailsSubmitted: boolean().notNull().default(false),
    /**
     * The `created` of the last account.updated event applied (or the time of the last
     * retrieve): an older event arriving late changes nothing.
     */
    stripeUpdatedAt: instant(),
    /** Who connected it (the owner); null once they left. */
    connectedByMemberId: uuid(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("connected_account_org_unique").on(t.organizationId),
    unique("connected_account_org_stripe_unique").on(t.organizationId, t.stripeAccountId),
    memberRef(t, t.connectedByMemberId, "connected_account_connected_by_member_fk"),
  ],
);

export const memberTier = tenantTable(
  "member_tier",
  {
    name: text().notNull(),
    description: text().notNull().default(""),
    /** ISO 4217, lower case as Stripe writes it ("usd"). */
    currency: text().notNull().default("usd"),
    /** Minor units (cents); null: not sold by that interval. */
    monthlyPrice: integer(),
    yearlyPrice: integer(),
    lifetimePrice: integer(),
    /** The Stripe product and prices on the connected account (null for a free tier). */
    stripeProductId: text(),
    stripeMonthlyPriceId: text(),
    stripeYearlyPriceId: text(),
    stripeLifetimePriceId: text(),
    /** Days of trial a new subscription gets (monthly and yearly; 0: none). */
    trialDays: integer().notNull().default(0),
    status: textEnum(memberTierStatuses).notNull().default("active"),
    /** The order tiers are offered in (then by name). */
    sortOrder: integer().notNull().default(0),
    /**
     * Seed 004's level access limit: the highest lesson level this tier opens in the courses it
     * opens (null: every level). Enforced with the other lesson locks (course-learning.ts).
     */
    maxLessonLevel: integer(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      "member_tier_max_lesson_level_check",
      sql`${t.maxLessonLevel} is null or ${t.maxLessonLevel} between 1 and ${sql.raw(String(LESSON_LEVEL_MAX))}`,
    ),
    check("member_tier_currency_check", sql`${t.currency} ~ '^[a-z]{3}$'`),
    check(
      "member_tier_prices_check",
      sql`coalesce(${t.monthlyPrice}, 1) > 0 and coalesce(${t.yearlyPrice}, 1) > 0 and coalesce(${t.lifetimePrice}, 1) > 0`,
    ),
    check("member_tier_trial_days_check", sql`${t.trialDays} between 0 and 730`),
    index("member_tier_org_sort_idx").on(t.organizationId, t.sortOrder, t.name),
  ],
);

export const memberTierState = tenantTable(
  "member_tier_state",
  {
    memberId: uuid().notNull(),
    /** The member's person (what activeTierOf is asked about). */
    userId: uuid()
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    tierId: uuid().notNull(),
    status: textEnum(memberTierStates).notNull(),
    source: textEnum(memberTierSources).notNull(),
    /** How it is paid (null for comped and free tiers). */
    interval: textEnum(memberTierIntervals),
    /** On the connected account. */
    stripeCustomerId: text(),
    stripeSubscriptionId: text(),
    /** A lifetime purchase's checkout session. */
    stripeCheckoutSessionId: text(),
    currentPeriodEnd: instant(),
    cancelAtPeriodEnd: boolean().notNull().default(false),
    /**
     * past_due: the start of the period whose renewal failed; it still opens paid content for the
     * payment grace after it (packages/api services/payment-grace.ts).
     */
    pastDueSince: instant(),
    /** The `created` of the Stripe object the row follows (its subscription or session). */
    stripeObjectCreatedAt: instant(),
    /** The `created` of the last Stripe event applied: older ones change nothing. */
    stripeEventAt: instant(),
    /** The admin who comped it; null once they left. */
    grantedByMemberId: uuid(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One current tier per member.
    unique("member_tier_state_org_member_unique").on(t.organizationId, t.memberId),
    unique("member_tier_state_org_subscription_unique").on(
      t.organizationId,
      t.stripeSubscriptionId,
    ),
    tenantRef(t, t.memberId, () => member, {
      onDelete: "cascade",
      name: "member_tier_state_member_fk",
    }),
    // An archived tier keeps its members; a tier with members is never deleted.
    tenantRef(t, t.tierId, () => memberTier, {
      onDelete: "restrict",
      name: "member_tier_state_tier_fk",
    }),
    memberRef(t, t.grantedByMemberId, "member_tier_state_granted_by_member_fk"),
    index("member_tier_state_org_tier_idx").on(t.organizationId, t.tierId),
    index("member_tier_state_org_user_idx").on(t.organizationId, t.userId),
  ],
);
