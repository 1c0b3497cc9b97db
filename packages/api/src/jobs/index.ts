// Every background task, one line per domain. A domain declares its tasks in its own file (with
// their payload types declared by the service that enqueues them:
// `declare module "@guild/db/scope" { interface JobPayloads { … } }`).
import type { CronItem } from "graphile-worker";
import { achievementTasks } from "./achievement.ts";
import { communityTasks } from "./community.ts";
import { creditTasks } from "./credit.ts";
import type { AnyTask } from "./define.ts";
import { eventReminderTasks } from "./event-reminder.ts";
import { fileTasks } from "./file.ts";
import { invitationTasks } from "./invitation.ts";
import { joinTasks } from "./join.ts";
import { leadImportTasks } from "./lead-import.ts";
import { liveSessionTasks } from "./live-session.ts";
import { mailTasks } from "./mail.ts";
import { maintenanceCron, maintenanceTasks } from "./maintenance.ts";
import { memberTierTasks } from "./member-tier.ts";
import { notificationCron, notificationTasks } from "./notification.ts";
import { organizationBanTasks } from "./organization-ban.ts";
import { organizationPlanTasks } from "./organization-plan.ts";
import { stripeCron, stripeTasks } from "./stripe.ts";
import { studioTasks } from "./studio.ts";
import { taskTasks } from "./task.ts";

export const tasks: Record<string, AnyTask> = {
  ...mailTasks,
  ...communityTasks,
  ...invitationTasks,
  ...maintenanceTasks,
  ...fileTasks,
  ...notificationTasks,
  ...taskTasks,
  ...leadImportTasks,
  ...creditTasks,
  ...stripeTasks,
  ...organizationPlanTasks,
  ...memberTierTasks,
  ...organizationBanTasks,
  ...joinTasks,
  ...achievementTasks,
  ...liveSessionTasks,
  ...eventReminderTasks,
  ...studioTasks,
};

export const cronItems: CronItem[] = [...maintenanceCron, ...stripeCron, ...notificationCron];
