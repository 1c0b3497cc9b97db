// The parts of Stripe's objects billing reads, as zod schemas: a webhook's `data.object` is JSON
// from outside (signed, but shaped by Stripe's API version, not by our types), and the SDK's own
// answers go through the same schemas, so a webhook and a read from Stripe (checkout, change
// plan, reconciliation) land in one typed shape. Loose objects: Stripe adds fields; we ignore them.
import { subscriptionStatuses } from "@guild/db/enums";
import { z } from "zod";

/** Guild's metadata on every Stripe object it creates (briefing of issue 10). */
export const stripeMetadataSchema = z.record(z.string(), z.string()).nullish();

/** An expandable reference: the id, or the expanded object's id. */
const idOf = z.union([z.string(), z.looseObject({ id: z.string() }).transform((o) => o.id)]);

const unixTime = z.number().int();

export const stripeSubscriptionItemSchema = z.looseObject({
  id: z.string(),
  price: z.looseObject({ id: z.string() }),
  quantity: z.number().int().min(0).nullish(),
  // Since API 2025-03-31 the billing period is the item's, not the subscription's.
  current_period_start: unixTime,
  current_period_end: unixTime,
});

export const stripeSubscriptionSchema = z.looseObject({
  id: z.string().startsWith("sub_"),
  object: z.literal("subscription"),
  customer: idOf,
  status: z.enum(subscriptionStatuses),
  metadata: stripeMetadataSchema,
  items: z.looseObject({ data: z.array(stripeSubscriptionItemSchema) }),
  cancel_at_period_end: z.boolean(),
  cancel_at: unixTime.nullish(),
  canceled_at: unixTime.nullish(),
  ended_at: unixTime.nullish(),
  trial_end: unixTime.nullish(),
  created: unixTime,
});
export type StripeSubscriptionObject = z.output<typeof stripeSubscriptionSchema>;

const invoiceLineSchema = z.looseObject({
  id: z.string(),
  amount: z.number().int(),
  period: z.looseObject({ start: unixTime, end: unixTime }),
  pricing: z.looseObject({ price_details: z.looseObject({ price: idOf }).nullish() }).nullish(),
  parent: z
    .looseObject({
      subscription_item_details: z
        .looseObject({ proration: z.boolean(), subscription_item: z.string().nullish() })
        .nullish(),
    })
    .nullish(),
});

export const stripeInvoiceSchema = z.looseObject({
  id: z.string().startsWith("in_"),
  object: z.literal("invoice"),
  customer: idOf,
  status: z.string().nullish(),
  billing_reason: z.string().nullish(),
  amount_due: z.number().int(),
  amount_paid: z.number().int(),
  currency: z.string(),
  created: unixTime,
  next_payment_attempt: unixTime.nullish(),
  attempt_count: z.number().int().nullish(),
  hosted_invoice_url: z.string().nullish(),
  lines: z.looseObject({ data: z.array(invoiceLineSchema) }),
  parent: z
    .looseObject({
      subscription_details: z
        .looseObject({ subscription: idOf, metadata: stripeMetadataSchema })
        .nullish(),
    })
    .nullish(),
});
export type StripeInvoiceObject = z.output<typeof stripeInvoiceSchema>;

export const stripeCheckoutSessionSchema = z.looseObject({
  id: z.string(),
  object: z.literal("checkout.session"),
  mode: z.enum(["payment", "subscription", "setup"]),
  status: z.string().nullish(),
  payment_status: z.string().nullish(),
  customer: idOf.nullish(),
  subscription: idOf.nullish(),
  metadata: stripeMetadataSchema,
  created: unixTime,
});
export type StripeCheckoutSessionObject = z.output<typeof stripeCheckoutSessionSchema>;

/**
 * The object through `schema` when it is a Stripe object of that kind (`object` field), else
 * null. An object of the kind that does not parse throws: the event is retried and its error
 * shown in the event log, never silently skipped.
 */
export function stripeObjectOf<T extends z.ZodType>(
  kind: string,
  schema: T,
  object: object,
): z.output<T> | null {
  if (!("object" in object) || object.object !== kind) return null;
  const parsed = schema.safeParse(object);
  if (!parsed.success)
    throw new Error(`Stripe ${kind} not understood: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
