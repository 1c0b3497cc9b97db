import { z } from "zod";
import { invitationMail } from "../services/invitation.ts";
import { tenantTask } from "./define.ts";
import { deliverMail } from "./mail.ts";

export const invitationTasks = {
  // Read in a short tenant transaction, sent outside it: an invitation revoked or answered since
  // it was queued gets no mail.
  "invitation.mail": tenantTask<"invitation.mail">({
    payload: z.object({ invitationId: z.uuid() }),
    async run({ invitationId }, { tenant, deps }) {
      const mail = await tenant((scope) => invitationMail(scope, invitationId, deps));
      if (mail) await deliverMail(deps, mail);
    },
  }),
};
