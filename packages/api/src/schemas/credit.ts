// Credits: the inputs of the credit procedures, shared with the web's credit screen and form.
import { z } from "zod";
import { idSchema, lineOfText } from "./common.ts";

/** One grant or spend, in whole credits: generous, yet far from integer overflow on a balance. */
export const MAX_CREDIT_AMOUNT = 1_000_000;

export const creditAmount = z
  .number("Enter a number of credits")
  .int("Credits are whole numbers")
  .min(1, "At least 1 credit")
  .max(MAX_CREDIT_AMOUNT, `At most ${MAX_CREDIT_AMOUNT.toLocaleString("en")} credits at once`);

export const creditDescription = lineOfText()
  .trim()
  .min(1, "Say what it is for")
  .max(200, "At most 200 characters");

/** Whose credits: default the caller's own. Another member's only for admins. */
export const creditBalanceInput = z.object({ memberId: idSchema.optional() });

export const creditHistoryInput = z.object({
  memberId: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(25),
  /** Keyset position: the seq of the last entry shown (history is newest first). */
  cursor: z.number().int().min(1).nullish(),
});
export type CreditHistoryInput = z.input<typeof creditHistoryInput>;

/** An admin bonus: the form's fields. */
export const adminGrantFields = z.object({
  amount: creditAmount,
  description: creditDescription,
});

export const adminGrantInput = adminGrantFields.extend({
  memberId: idSchema,
  /**
   * Made by the form when it opens: a double click or a retried request grants once. Any string
   * the client makes unique (a UUID).
   */
  idempotencyKey: z.string().min(8).max(100),
});
