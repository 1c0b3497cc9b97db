// Member tiers and Stripe Connect: the inputs of the memberTier and connect procedures, shared with
// the web's tier screens and forms.
import { LESSON_LEVEL_MAX, memberTierIntervals } from "@guild/db/enums";
import { z } from "zod";
import { idSchema, lineOfText, text } from "./common.ts";

/** The largest price a tier may have, in minor units: far below Stripe's limit of 99,999,999. */
export const MAX_TIER_PRICE = 10_000_000;
/** Stripe refuses trials longer than two years. */
export const MAX_TRIAL_DAYS = 730;

/** The currencies a tier may be sold in (Stripe's, lower case). */
export const tierCurrencies = ["usd", "eur", "gbp", "cad", "aud", "chf", "jpy"] as const;
/** Currencies without minor units: 1 is one yen, not a hundredth. */
export const zeroDecimalCurrencies: readonly string[] = ["jpy"];

const price = z
  .number("Enter a price")
  .int("A price is a whole number of cents")
  .min(1, "A price is above zero; leave it empty for none")
  .max(MAX_TIER_PRICE, "That price is too high")
  .nullable();

/** A tier's fields, as the admin's form edits them (prices in minor units; null: not sold so). */
export const tierFields = z.object({
  name: lineOfText().trim().min(1, "Name the tier").max(80, "At most 80 characters"),
  description: text().trim().max(1000, "At most 1,000 characters"),
  currency: z.enum(tierCurrencies, "Choose a currency"),
  monthlyPrice: price,
  yearlyPrice: price,
  lifetimePrice: price,
  trialDays: z
    .number("Enter a number of days")
    .int("Whole days")
    .min(0, "Zero or more days")
    .max(MAX_TRIAL_DAYS, `At most ${MAX_TRIAL_DAYS} days`),
  sortOrder: z.number().int().min(0).max(10_000),
  /**
   * Seed 004's level access limit: the highest lesson level the tier opens in its courses (null:
   * every level; left out: unchanged on update, none on create).
   */
  maxLessonLevel: z
    .number("Enter a level")
    .int("A whole level")
    .min(1, "Level 1 or more")
    .max(LESSON_LEVEL_MAX, `At most level ${LESSON_LEVEL_MAX}`)
    .nullable()
    .optional(),
});
export type TierFields = z.infer<typeof tierFields>;

export const createTierInput = tierFields;
export const updateTierInput = tierFields.extend({ id: idSchema });
export const archiveTierInput = z.object({ id: idSchema, archived: z.boolean() });
export const listTiersInput = z.object({ includeArchived: z.boolean().default(false) });

export const tierInterval = z.enum(memberTierIntervals, "Choose how to pay");
/** A member's purchase: the tier and how they pay for it. */
export const tierCheckoutInput = z.object({ tierId: idSchema, interval: tierInterval });
/** A member's choice of a free tier. */
export const chooseFreeTierInput = z.object({ tierId: idSchema });
/** An admin's grant of a tier to a member, without payment (comped). */
export const grantTierInput = z.object({ memberId: idSchema, tierId: idSchema });
export const revokeTierInput = z.object({ memberId: idSchema });
export const tierMembersInput = z.object({ tierId: idSchema.optional() });
