// checkout.session.expired: a checkout Guild opened was left unpaid until Stripe closed it (24
// hours, or an explicit expire). What Guild does, by guild_purpose: nothing to undo in any of
// them, because Guild writes nothing when it opens a checkout, only when Stripe says it completed.
// - organization_plan, lifetime_plan: the plan's row comes with the subscription's events or the
//   completed lifetime checkout; the organization's Stripe customer made for the checkout stays,
//   as it is the one every later checkout and the portal reuse.
// - member_tier: the member's tier state is written by the completion and the subscription's
//   events (services/member-tier-stripe.ts); a member who never paid keeps the tier they had.
// - credit_pack: the order is recorded at completion (services/order.ts), pending only for a
//   delayed payment of a completed checkout, so an expired one has no order.
// The handler says so in the log (which purpose, which organization) and the event is processed:
// it never fails, so it never retries; an event that is not Guild's is left alone.
import type { StripeEventPayload } from "@guild/db";
import { z } from "zod";
import type { JobDeps } from "../jobs/define.ts";
import type { StripeEventHandlerSet } from "./stripe-event.ts";
import { guildMetadata } from "./stripe-metadata.ts";

const expiredSession = z.object({ id: z.string(), metadata: z.unknown() });

/** What an expired checkout of a purpose leaves to undo: nothing (see the file's comment). */
export function onCheckoutExpired(event: StripeEventPayload, deps: Pick<JobDeps, "log">): void {
  const parsed = expiredSession.safeParse(event.data.object);
  const meta = parsed.success ? guildMetadata(parsed.data.metadata) : null;
  if (!parsed.success || !meta) return;
  deps.log("info", "checkout expired unpaid: nothing was recorded for it", {
    eventId: event.id,
    checkoutSessionId: parsed.data.id,
    purpose: meta.purpose,
    organizationId: meta.organizationId,
    ...(event.account ? { account: event.account } : {}),
  });
}

export const checkoutExpiredStripeHandlers: StripeEventHandlerSet = {
  "checkout.session.expired": async (event, { deps }) => onCheckoutExpired(event, deps),
};
