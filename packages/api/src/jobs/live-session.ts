import { z } from "zod";
import { closeSession } from "../services/live-session.ts";
import { tenantTask } from "./define.ts";

export const liveSessionTasks = {
  // At a session's end (scheduled by services/live-session.ts, moved with the event by its job
  // key): whoever was going and never joined is marked missed, in one system transaction.
  "live-session.close": tenantTask<"live-session.close">({
    payload: z.object({ eventId: z.uuid() }),
    run: async (job, { tenant }) => {
      await tenant((scope) => closeSession(scope, job));
    },
  }),
};
