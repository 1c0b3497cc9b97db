// Scheduled upkeep. Global tables (sessions, verifications, rate-limit counters) are pruned by an
// hourly system task. Tenant tables can only be reached inside a tenant transaction, so a daily
// task fans out one `organization.maintenance` job per organization, which runs each domain's
// step (one line per domain in organizationMaintenance) in that organization's scope.
import {
  addressRateLimit,
  gt,
  lt,
  organization,
  rateLimit,
  session,
  type TenantScope,
  userRateLimit,
  verification,
} from "@guild/db";
import type { CronItem } from "graphile-worker";
import { z } from "zod";
import { pruneRateLimits } from "../rate-limit.ts";
import { pruneEvents } from "../realtime/event-log.ts";
import { forgetOldRequests } from "../services/activity.ts";
import { settleAbandonedAnswers } from "../services/assistant-chat.ts";
import { extendSeries } from "../services/event.ts";
import { expireUnconfirmedUploads } from "../services/file.ts";
import { purgeDeletedLeads } from "../services/lead.ts";
import { purgeOldLeadImports } from "../services/lead-import.ts";
import { purgeDeletedLeadNotes } from "../services/lead-note.ts";
import { pruneReadNotifications } from "../services/notification.ts";
import { purgeSavedViews } from "../services/saved-view.ts";
import { settleAbandonedGenerations } from "../services/studio-generate.ts";
import { purgeDeletedTasks } from "../services/task.ts";
import { systemTask, tenantTask } from "./define.ts";
import { enqueueForOrganizations } from "./system.ts";

declare module "@guild/db/scope" {
  interface JobPayloads {
    "organization.maintenance": Record<string, unknown>;
  }
}

/** What a rate-limit counter or a window needs to be kept for at most. */
const DAY_MS = 86_400_000;

/** Each domain's daily upkeep for one organization. */
const organizationMaintenance: Array<(scope: TenantScope) => Promise<unknown>> = [
  pruneRateLimits,
  purgeDeletedLeads,
  purgeOldLeadImports,
  purgeDeletedLeadNotes,
  purgeDeletedTasks,
  purgeSavedViews,
  forgetOldRequests,
  expireUnconfirmedUploads,
  pruneEvents,
  pruneReadNotifications,
  // Assistant answers a stopped server left half-written: failed, their credits given back.
  settleAbandonedAnswers,
  // Studio generations a stopped server left as empty drafts: removed, their credit given back.
  settleAbandonedGenerations,
  // Recurring events: the next occurrences as the horizon moves (services/event-recurrence.ts).
  extendSeries,
];

const cronPayload = z.object({ _cron: z.object({ ts: z.string() }).optional() }).loose();

export const maintenanceTasks = {
  "maintenance.prune": systemTask({
    payload: cronPayload,
    async run(_payload, { deps }) {
      const now = deps.clock.now();
      const dayAgo = new Date(now.getTime() - DAY_MS);
      await deps.db.delete(session).where(lt(session.expiresAt, now));
      await deps.db.delete(verification).where(lt(verification.expiresAt, now));
      // better-auth's counters: lastRequest in milliseconds; its windows are a minute long.
      await deps.db.delete(rateLimit).where(lt(rateLimit.lastRequest, dayAgo.getTime()));
      await deps.db.delete(userRateLimit).where(lt(userRateLimit.windowStartedAt, dayAgo));
      await deps.db.delete(addressRateLimit).where(lt(addressRateLimit.windowStartedAt, dayAgo));
    },
  }),
  "maintenance.organizations": systemTask({
    payload: cronPayload,
    async run(_payload, { deps }) {
      const day = deps.clock.now().toISOString().slice(0, 10);
      let after: string | null = null;
      for (;;) {
        const batch = await deps.db
          .select({ id: organization.id })
          .from(organization)
          .where(after ? gt(organization.id, after) : undefined)
          .orderBy(organization.id)
          .limit(1000);
        if (batch.length === 0) break;
        // One job per organization and day: a second run of this task adds nothing.
        await enqueueForOrganizations(
          deps.db,
          "organization.maintenance",
          batch.map((r) => r.id),
          { jobKey: day },
        );
        after = batch.at(-1)?.id ?? after;
        if (batch.length < 1000) break;
      }
    },
  }),
  "organization.maintenance": tenantTask<"organization.maintenance">({
    payload: z.object({}).loose(),
    async run(_payload, { tenant }) {
      for (const step of organizationMaintenance) await tenant(step);
    },
  }),
};

export const maintenanceCron: CronItem[] = [
  { task: "maintenance.prune", match: "17 * * * *", identifier: "maintenance.prune" },
  {
    task: "maintenance.organizations",
    match: "37 3 * * *",
    identifier: "maintenance.organizations",
  },
];
