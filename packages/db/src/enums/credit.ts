/**
 * What a credit ledger entry is. Grants add credits and create a lot (the sign-up bonus, monthly
 * grants, purchases, admin bonuses, and a spend given back: a failed or cancelled generation);
 * spend, expiry and refund (of a purchase) take credits away.
 */
export const creditEntryKinds = [
  "signup_bonus",
  "monthly_grant",
  "purchase",
  "admin_bonus",
  "spend",
  "expiry",
  "refund",
  "spend_refund",
] as const;
export type CreditEntryKind = (typeof creditEntryKinds)[number];

/** The kinds that add credits (each creates a lot). */
export const creditGrantKinds = [
  "signup_bonus",
  "monthly_grant",
  "purchase",
  "admin_bonus",
  "spend_refund",
] as const satisfies readonly CreditEntryKind[];
export type CreditGrantKind = (typeof creditGrantKinds)[number];
