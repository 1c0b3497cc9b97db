// Every mail Guild sends goes through this job: a crash after the commit that asked for it loses
// no mail, and a failed send is retried with backoff.
import { z } from "zod";
import { systemTask } from "./define.ts";

export const mailPayload = z.object({
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  link: z.string().optional(),
});

export const mailTasks = {
  "mail.send": systemTask({
    payload: mailPayload,
    run: (mail, { deps }) => deps.mailer.send(mail),
  }),
};
