import { z } from "zod";
import { cancelFormerMemberSubscription } from "../services/member-tier-ending.ts";
import { tenantTask } from "./define.ts";

export const memberTierTasks = {
  // A membership ended with a tier subscription still running (migration 0042's trigger): it is
  // canceled at Stripe, between the job's short transactions (services/member-tier-ending.ts).
  "member-tier.cancel-subscription": tenantTask<"member-tier.cancel-subscription">({
    payload: z.object({
      subscriptionId: z.string().min(1).max(255),
      stripeAccount: z.string().min(1).max(255).nullable(),
    }),
    run: async (job, { tenant, deps }) => {
      await cancelFormerMemberSubscription(tenant, deps, job);
    },
  }),
};
