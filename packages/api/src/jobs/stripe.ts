// Stripe's webhook events, processed one job per event after the endpoint logged them
// (webhooks/stripe.ts). A system task: the event names a customer or a connected account, and
// finding its organization is the handler's first step.
import { z } from "zod";
import {
  processStripeEvent,
  STRIPE_EVENT_TASK,
  type StripeEventJob,
} from "../services/stripe-event.ts";
import { systemTask } from "./define.ts";

export const stripeTasks = {
  [STRIPE_EVENT_TASK]: systemTask<StripeEventJob>({
    payload: z.object({ eventId: z.string().min(1).max(255) }),
    run: async (job, { deps }) => {
      await processStripeEvent(deps, job.eventId);
    },
  }),
};
