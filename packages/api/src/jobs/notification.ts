import { withTenant } from "@guild/db";
import { z } from "zod";
import { notificationKindNames } from "../notifications/index.ts";
import { fanOutNotification, notificationMail, recipientActor } from "../services/notification.ts";
import { tenantTask } from "./define.ts";
import { deliverMail } from "./mail.ts";

const kind = z.enum(notificationKindNames);
// Jobs queued before summaries existed carry no count: they are about their one target.
const itemCount = z.number().int().positive().nullable().default(null);

export const notificationTasks = {
  // One system transaction: the recipients' notifications, their live events, their mail jobs.
  "notification.fanout": tenantTask<"notification.fanout">({
    payload: z.object({
      kind,
      targetType: z.string(),
      targetId: z.uuid(),
      recipientMemberIds: z.array(z.uuid()).max(10_000),
      actorMemberId: z.uuid().nullable(),
      sourceKey: z.string(),
      itemCount,
    }),
    run: (job, { tenant }) => tenant((scope) => fanOutNotification(scope, job)),
  }),
  // Read as the recipient (their rights decide what the mail names), sent outside any
  // transaction (a slow mail relay holds no connection), within the per-recipient mail limit.
  "notification.mail": tenantTask<"notification.mail">({
    payload: z.object({
      kind,
      memberId: z.uuid(),
      targetId: z.uuid(),
      actorMemberId: z.uuid().nullable(),
      itemCount,
    }),
    async run(job, { organizationId, tenant, deps }) {
      const actor = await tenant((scope) => recipientActor(scope, job.memberId));
      if (!actor) return;
      const mail = await withTenant(
        deps.db,
        { organizationId, actor, clock: deps.clock },
        (scope) => notificationMail(scope, job, deps.appUrl),
      );
      if (mail) await deliverMail(deps, mail);
    },
  }),
};
