import { z } from "zod";
import { joinDeniedMail } from "../services/join.ts";
import { tenantTask } from "./define.ts";
import { deliverMail } from "./mail.ts";

export const joinTasks = {
  // The person who asked is no member, so no in-app notification reaches them: a mail does.
  "join_request.denied_mail": tenantTask<"join_request.denied_mail">({
    payload: z.object({ joinRequestId: z.uuid() }),
    async run({ joinRequestId }, { tenant, deps }) {
      const mail = await tenant((scope) => joinDeniedMail(scope, joinRequestId));
      if (mail) await deliverMail(deps, mail);
    },
  }),
};
