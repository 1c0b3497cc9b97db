// Every notification kind, one line per domain.
import { achievementEarned } from "./achievement.ts";
import { memberTierPaymentFailed, planPaymentFailed, tierPaymentFailed } from "./billing.ts";
import {
  commentMentioned,
  commentReplied,
  contentHidden,
  contentReacted,
  contentRemoved,
  postLocked,
  postMentioned,
  spaceNewPost,
} from "./community.ts";
import type { NotificationKind } from "./define.ts";
import { eventCancelled } from "./event.ts";
import { eventReminder } from "./event-reminder.ts";
import { eventPromoted } from "./event-rsvp.ts";
import { joinApproved, joinRequested } from "./join.ts";
import { leadAssigned, leadsBulkAssigned } from "./lead.ts";
import { eventRecording } from "./live-session.ts";
import { studioPublishFailed } from "./studio.ts";
import { taskAssigned, taskDue, tasksBulkAssigned } from "./task.ts";

export const notificationKinds = [
  leadAssigned,
  leadsBulkAssigned,
  taskAssigned,
  taskDue,
  tasksBulkAssigned,
  planPaymentFailed,
  commentReplied,
  commentMentioned,
  tierPaymentFailed,
  memberTierPaymentFailed,
  joinRequested,
  joinApproved,
  postMentioned,
  spaceNewPost,
  contentReacted,
  contentHidden,
  contentRemoved,
  postLocked,
  achievementEarned,
  eventRecording,
  eventCancelled,
  eventPromoted,
  eventReminder,
  studioPublishFailed,
] as const;

export type NotificationKindName = (typeof notificationKinds)[number]["kind"];

const byName: ReadonlyMap<string, NotificationKind> = new Map(
  notificationKinds.map((kind) => [kind.kind, kind]),
);

/** The registered kind of that name, if any. */
export function notificationKindOf(name: string): NotificationKind | undefined {
  return byName.get(name);
}

/** The registered kinds' names (for job payload schemas). */
export const notificationKindNames = notificationKinds.map((kind) => kind.kind) as [
  NotificationKindName,
  ...NotificationKindName[],
];
