// Organization plans (issue 10 §1). Plain arrays and types, no zod and no drizzle: the web's
// pricing page and billing screens import them through @guild/db/enums. The zod schema that
// checks entitlements where they cross a boundary (jsonb read back, the admin's catalog editor,
// Stripe metadata) is @guild/api's schemas/plan.ts.

/** How often a plan price is paid: monthly or yearly subscriptions, or once (lifetime). */
export const planIntervals = ["month", "year", "lifetime"] as const;
export type PlanInterval = (typeof planIntervals)[number];

/** Stripe's whole set of subscription statuses, as Stripe spells them. */
export const subscriptionStatuses = [
  "incomplete",
  "incomplete_expired",
  "trialing",
  "active",
  "past_due",
  "unpaid",
  "canceled",
  "paused",
] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/**
 * Statuses a subscription never leaves: it is history, and an organization may start another.
 * Every other status is the organization's current subscription (at most one, a partial unique
 * index on organization_subscription).
 */
export const endedSubscriptionStatuses = [
  "incomplete_expired",
  "canceled",
] as const satisfies readonly SubscriptionStatus[];

/**
 * Where a subscription comes from: a Stripe subscription, a one-time lifetime purchase, or a
 * platform admin's comp (no payment at all).
 */
export const subscriptionSources = ["stripe", "lifetime", "comp"] as const;
export type SubscriptionSource = (typeof subscriptionSources)[number];

/**
 * What a plan gives an organization. null: unlimited. staffSeats counts owners, admins,
 * moderators and members with CRM access, pending staff invitations included; on a per-seat
 * price it is the cap of the seats an organization may buy (the seats bought are the limit).
 */
export interface PlanEntitlements {
  staffSeats: number | null;
  communityMembers: number | null;
  spaces: number | null;
  courses: number | null;
  /** Credits granted to each member every billing period (0: none). */
  monthlyCredits: number;
  storageBytes: number | null;
}

/** The limits requireEntitlement checks (monthlyCredits is a grant, storage has its own check). */
export const countedEntitlements = [
  "staffSeats",
  "communityMembers",
  "spaces",
  "courses",
] as const satisfies readonly (keyof PlanEntitlements)[];
export type CountedEntitlement = (typeof countedEntitlements)[number];

/** The plan every organization without a paying (or comped) subscription is on. */
export const FREE_PLAN_KEY = "free";
