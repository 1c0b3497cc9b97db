export type { StripeStandIn, StripeStandInOptions, WebhookEndpointOption } from "./server.ts";
export { startStripeStandIn } from "./server.ts";
export type { StripeEvent } from "./types.ts";
export type { Delivery, DeliveryAttempt } from "./webhooks.ts";
export { signPayload } from "./webhooks.ts";
