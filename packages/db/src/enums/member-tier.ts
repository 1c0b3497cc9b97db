/** A member tier in the organization's catalog: offered, or archived (kept for who has it). */
export const memberTierStatuses = ["active", "archived"] as const;
export type MemberTierStatus = (typeof memberTierStatuses)[number];

/** How a tier is paid: each has its own price on the connected account. */
export const memberTierIntervals = ["month", "year", "lifetime"] as const;
export type MemberTierInterval = (typeof memberTierIntervals)[number];

/**
 * A member's tier state (seed 001's membership status, with Stripe's subscription statuses
 * folded in: incomplete is none, incomplete_expired is canceled, paused is unpaid).
 */
export const memberTierStates = [
  "active",
  "trialing",
  "past_due",
  "unpaid",
  "canceled",
  "none",
] as const;
export type MemberTierState = (typeof memberTierStates)[number];

/**
 * Where a member's tier comes from: a Stripe purchase on the connected account, an admin's grant
 * (comped), or a free tier the member chose.
 */
export const memberTierSources = ["stripe", "comp", "free"] as const;
export type MemberTierSource = (typeof memberTierSources)[number];
