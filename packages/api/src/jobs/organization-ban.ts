import { z } from "zod";
import { banMail } from "../services/organization-ban.ts";
import { tenantTask } from "./define.ts";
import { deliverMail } from "./mail.ts";

export const organizationBanTasks = {
  // Read in a short tenant transaction, sent outside it: a ban lifted since it was queued gets
  // no mail.
  "organization_ban.mail": tenantTask<"organization_ban.mail">({
    payload: z.object({ banId: z.uuid() }),
    async run({ banId }, { tenant, deps }) {
      const mail = await tenant((scope) => banMail(scope, banId));
      if (mail) await deliverMail(deps, mail);
    },
  }),
};
