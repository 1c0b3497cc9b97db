import { z } from "zod";
import { syncSeats } from "../services/organization-plan.ts";
import { tenantTask } from "./define.ts";

export const organizationPlanTasks = {
  // After the staff changed (services/organization-plan.ts queueSeatSync): the per-seat
  // subscription's quantity follows. Stripe is called between the job's short transactions.
  "organization-plan.sync-seats": tenantTask<"organization-plan.sync-seats">({
    // Loose: the enqueue stamps the organization on the payload (as organization.maintenance's);
    // strict() refused every job, so the quantity never followed the staff.
    payload: z.object({}).loose(),
    run: async (_job, { tenant, deps }) => {
      await syncSeats(tenant, deps.stripe ?? null);
    },
  }),
};
