// Stripe's webhook events, processed one job per event after the endpoint logged them
// (webhooks/stripe.ts). A system task: the event names a customer or a connected account, and
// finding its organization is the handler's first step. And the nightly reconciliation, which
// repairs what a webhook lost for good would have left wrong (services/stripe-reconciliation.ts).
import type { CronItem } from "graphile-worker";
import { z } from "zod";
import {
  processStripeEvent,
  STRIPE_EVENT_TASK,
  type StripeEventJob,
} from "../services/stripe-event.ts";
import { reconcileStripeSubscriptions } from "../services/stripe-reconciliation.ts";
import { systemTask } from "./define.ts";

export const STRIPE_RECONCILE_TASK = "stripe.reconcile";

export const stripeTasks = {
  [STRIPE_EVENT_TASK]: systemTask<StripeEventJob>({
    payload: z.object({ eventId: z.string().min(1).max(255) }),
    run: async (job, { deps }) => {
      await processStripeEvent(deps, job.eventId);
    },
  }),
  [STRIPE_RECONCILE_TASK]: systemTask({
    payload: z.object({ _cron: z.object({ ts: z.string() }).optional() }).loose(),
    run: async (_payload, { deps }) => {
      const summary = await reconcileStripeSubscriptions(deps);
      if (!summary) {
        deps.log("info", "stripe reconciliation skipped: billing is off");
        return;
      }
      // Retried with backoff; what was repaired stays repaired, and a second run is harmless.
      if (summary.failed.length > 0)
        throw new Error(
          `stripe reconciliation: ${summary.failed.length} subscription(s) failed: ${summary.failed
            .slice(0, 5)
            .map((f) => `${f.subscription}: ${f.error}`)
            .join("; ")}`,
        );
    },
  }),
};

/** Nightly, after the daily maintenance (03:37) and at a quiet hour for Stripe's API. */
export const stripeCron: CronItem[] = [
  { task: STRIPE_RECONCILE_TASK, match: "13 4 * * *", identifier: STRIPE_RECONCILE_TASK },
];
