/**
 * What a credit ledger entry is. Grants (the first four) add credits and create a lot; spend,
 * expiry and refund (of a purchase) take credits away.
 */
export const creditEntryKinds = [
  "signup_bonus",
  "monthly_grant",
  "purchase",
  "admin_bonus",
  "spend",
  "expiry",
  "refund",
] as const;
export type CreditEntryKind = (typeof creditEntryKinds)[number];

/** The kinds that add credits (each creates a lot). */
export const creditGrantKinds = [
  "signup_bonus",
  "monthly_grant",
  "purchase",
  "admin_bonus",
] as const satisfies readonly CreditEntryKind[];
export type CreditGrantKind = (typeof creditGrantKinds)[number];
