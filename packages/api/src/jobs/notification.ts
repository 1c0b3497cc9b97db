import { gt, organization, withTenant } from "@guild/db";
import type { CronItem } from "graphile-worker";
import { z } from "zod";
import { notificationKindNames } from "../notifications/index.ts";
import { fanOutNotification, notificationMail, recipientActor } from "../services/notification.ts";
import { digestMail, markDigestSent, queueDueDigests } from "../services/notification-digest.ts";
import { systemTask, tenantTask } from "./define.ts";
import { deliverMail } from "./mail.ts";
import { enqueueForOrganizations } from "./system.ts";

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
  // Hourly: each organization looks for members whose morning it is (their own time zone).
  "notification.digests": systemTask({
    payload: z.object({ _cron: z.object({ ts: z.string() }).optional() }).loose(),
    async run(_payload, { deps }) {
      // One job per organization and hour: a second run of this task adds nothing.
      const hour = deps.clock.now().toISOString().slice(0, 13);
      let after: string | null = null;
      for (;;) {
        const batch = await deps.db
          .select({ id: organization.id })
          .from(organization)
          .where(after ? gt(organization.id, after) : undefined)
          .orderBy(organization.id)
          .limit(1000);
        await enqueueForOrganizations(
          deps.db,
          "notification.digest",
          batch.map((row) => row.id),
          { jobKey: hour },
        );
        after = batch.at(-1)?.id ?? after;
        if (batch.length < 1000) break;
      }
    },
  }),
  "notification.digest": tenantTask<"notification.digest">({
    payload: z.object({}).loose(),
    async run(_payload, { tenant }) {
      await tenant((scope) => queueDueDigests(scope));
    },
  }),
  // Read as the recipient, sent outside any transaction, then the day recorded: a failed send is
  // retried and sends once; a digest already recorded for the day is not sent again.
  "notification.digest_mail": tenantTask<"notification.digest_mail">({
    payload: z.object({ memberId: z.uuid(), day: z.iso.date() }),
    async run(job, { organizationId, tenant, deps }) {
      const actor = await tenant((scope) => recipientActor(scope, job.memberId));
      if (!actor) return;
      const asRecipient = { organizationId, actor, clock: deps.clock };
      const digest = await withTenant(deps.db, asRecipient, (scope) =>
        digestMail(scope, job, deps.appUrl),
      );
      if (!digest) return;
      if (digest.mail) await deliverMail(deps, digest.mail);
      await withTenant(deps.db, asRecipient, (scope) =>
        markDigestSent(scope, job.day, digest.until),
      );
    },
  }),
};

export const notificationCron: CronItem[] = [
  { task: "notification.digests", match: "5 * * * *", identifier: "notification.digests" },
];
