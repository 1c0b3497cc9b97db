import { z } from "zod";
import { remindTask } from "../services/task.ts";
import { tenantTask } from "./define.ts";

export const taskTasks = {
  // At the task's due time (scheduled by services/task.ts, moved with it by its job key): one
  // system transaction claims the reminder and hands it to the notification fan-out, which
  // follows the assignee's preferences for the app and mail.
  "task.remind": tenantTask<"task.remind">({
    payload: z.object({ taskId: z.uuid(), dueAt: z.iso.datetime() }),
    run: async (job, { tenant }) => {
      await tenant((scope) => remindTask(scope, job));
    },
  }),
};
