import { z } from "zod";
import { expireCreditLot } from "../services/credit.ts";
import { tenantTask } from "./define.ts";

export const creditTasks = {
  // At a grant's expiry (scheduled by services/credit.ts when it granted, keyed by the lot):
  // takes what is left of that lot, under the member's account lock, once (a spend that came
  // first may already have done it; the lot's expiry entry is keyed by the lot).
  "credit.expire": tenantTask<"credit.expire">({
    payload: z.object({ lotId: z.uuid() }),
    run: async (job, { tenant }) => {
      await tenant((scope) => expireCreditLot(scope, job.lotId));
    },
  }),
};
