// Orders, invoices and "buy credits": the inputs of the payment and credit-purchase procedures,
// shared with the web's Credits screen and payment history.
import { z } from "zod";
import { idSchema, timestamp } from "./common.ts";

/** A credit pack's id in the platform catalog ("credits-200"). */
export const creditPackId = z
  .string()
  .min(1, "Choose a pack")
  .max(100)
  .regex(/^[a-z0-9-]+$/, "Choose a pack");

/** credit.buy: the pack the member chose. */
export const buyCreditsInput = z.object({ packId: creditPackId });

/** A page position in a payment list (newest first): the last row's time and id. */
export const paymentCursor = z.object({ at: timestamp(), id: idSchema });
export type PaymentCursor = z.infer<typeof paymentCursor>;

const page = {
  limit: z.number().int().min(1).max(100).default(20),
  cursor: paymentCursor.nullish(),
};

/** payment.myOrders: the caller's own orders. */
export const myOrdersInput = z.object(page);

/** payment.memberHistory: one member's payments; default the caller's own, another's for admins. */
export const memberPaymentsInput = z.object({ memberId: idSchema.optional(), ...page });

/** payment.organizationHistory: everything the organization and its members paid (admins). */
export const organizationPaymentsInput = z.object(page);

/** payment.checkout: what became of the caller's checkout (the page they came back to asks). */
export const checkoutStatusInput = z.object({
  checkoutSessionId: z
    .string()
    .min(1)
    .max(255)
    .regex(/^cs_[A-Za-z0-9_]+$/, "Not a checkout session id"),
});
