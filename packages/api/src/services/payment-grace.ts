// One grace rule after a failed renewal, for organization plans (entitlements.ts,
// organization-plan-stripe.ts) and member tiers (member-tier.ts) alike: a past_due subscription
// keeps what it pays for until PAYMENT_GRACE_DAYS after the start of the period whose payment
// failed. From the subscription's own period, not from when Guild heard of the failure, so every
// order and timing of Stripe's events computes the same end. Stripe retries the payment 3, 5 and 7
// days after the failure and then marks the subscription unpaid, which grants nothing anyway.
// SQL has one copy, for row-level security: guild_active_tier_id (migration 0041, spaces) reads
// past_due_since + 7 days; it changes with this file.

export const PAYMENT_GRACE_DAYS = 7;
const DAY_MS = 86_400_000;

/** When the grace ends for a subscription whose renewal at `failedPeriodStart` failed. */
export function graceEndsAt(failedPeriodStart: Date): Date {
  return new Date(failedPeriodStart.getTime() + PAYMENT_GRACE_DAYS * DAY_MS);
}

/**
 * Whether a past_due subscription still grants at `now`: strictly before its grace ends. With no
 * end known (null), while Stripe still retries: it moves the subscription on when it gives up.
 */
export function withinGrace(graceEnd: Date | null, now: Date): boolean {
  return graceEnd === null || now.getTime() < graceEnd.getTime();
}
