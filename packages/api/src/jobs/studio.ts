import { z } from "zod";
import { runStudioPublish } from "../services/studio-publish.ts";
import { tenantTask } from "./define.ts";

export const studioTasks = {
  // At the post's scheduled instant; retried with backoff; once however often it runs.
  "studio.publish": tenantTask<"studio.publish">({
    payload: z.object({ studioPostId: z.uuid(), scheduledAt: z.iso.datetime({ offset: true }) }),
    run: (job, context) => runStudioPublish(job, context),
  }),
};
