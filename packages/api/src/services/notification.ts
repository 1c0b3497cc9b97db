// Notifications (schema/notification.ts; kinds in ../notifications): a domain calls notify() in
// the transaction of the change; a job fans it out to the recipients by their preferences (a row
// and a live event for the app, a mail job for mail); members read, count and mark their own.
import { randomUUID } from "node:crypto";
import {
  and,
  eq,
  inArray,
  isNotNull,
  isNull,
  lt,
  type MemberActor,
  member,
  notification,
  notificationPreference,
  organization,
  type SQL,
  sql,
  type TenantScope,
  user,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import type { NotificationKind, NotificationTarget } from "../notifications/define.ts";
import {
  type NotificationKindName,
  notificationKindOf,
  notificationKinds,
} from "../notifications/index.ts";
import { publish } from "../realtime/event-log.ts";
import type {
  listNotificationsInput,
  setNotificationPreferenceInput,
} from "../schemas/notification.ts";
import { actingMember } from "./member.ts";
import { composeNotificationMail } from "./notification-mail.ts";

/** What the fan-out job gets: who to tell, about what, once (sourceKey). */
export interface NotificationFanOut {
  kind: NotificationKindName;
  targetType: string;
  targetId: string;
  recipientMemberIds: string[];
  actorMemberId: string | null;
  sourceKey: string;
  /** notify's `count` (a summary's records, a reminder's hours ahead); null when not given. */
  itemCount: number | null;
}

/** What a notification mail job gets: one recipient (their preference said mail). */
export interface NotificationMailJob {
  kind: NotificationKindName;
  memberId: string;
  targetId: string;
  actorMemberId: string | null;
  itemCount: number | null;
}

declare module "@guild/db/scope" {
  interface JobPayloads {
    "notification.fanout": NotificationFanOut;
    "notification.mail": NotificationMailJob;
  }
}

/** Read notifications older than this are deleted by the daily maintenance. */
export const READ_NOTIFICATION_RETENTION_DAYS = 90;

/** The unread count stops here (the shell shows "99+"). */
export const UNREAD_COUNT_CAP = 100;

/**
 * Tells members about something, in the caller's transaction: a job (committed with the change,
 * or not at all) creates their notifications by their preferences. The actor is never told of
 * what they did themselves. `count` makes it a summary of that many records (a bulk action tells
 * each recipient once, not once per record), or is another number the kind's sentence reads (a
 * reminder's hours ahead). `onceKey` makes it happen at most once per recipient
 * for that key (the notification's unique source key, and the job's key while it waits): for
 * what can be done and undone at will, like a reaction, which must not notify at each toggle.
 */
export async function notify(
  scope: TenantScope,
  input: {
    kind: NotificationKindName;
    target: { type: string; id: string };
    recipients: readonly (string | null | undefined)[];
    count?: number;
    onceKey?: string;
  },
): Promise<void> {
  const actorMemberId = scope.actor.kind === "member" ? scope.actor.memberId : null;
  const recipients = [
    ...new Set(input.recipients.filter((id): id is string => !!id && id !== actorMemberId)),
  ];
  if (recipients.length === 0) return;
  const sourceKey = input.onceKey ?? randomUUID();
  await scope.enqueue(
    "notification.fanout",
    {
      kind: input.kind,
      targetType: input.target.type,
      targetId: input.target.id,
      recipientMemberIds: recipients,
      actorMemberId,
      sourceKey,
      itemCount: input.count ?? null,
    },
    input.onceKey ? { jobKey: `notify:${sourceKey}` } : undefined,
  );
}

function kindOf(name: string): NotificationKind {
  const kind = notificationKindOf(name);
  if (!kind) throw new Error(`unknown notification kind ${name}`);
  return kind;
}

/** Each recipient's choice for a kind (their row, else the kind's defaults). */
async function preferencesFor(scope: TenantScope, kind: NotificationKind, memberIds: string[]) {
  const rows = await scope.db
    .select({
      memberId: notificationPreference.memberId,
      inApp: notificationPreference.inApp,
      mail: notificationPreference.mail,
    })
    .from(notificationPreference)
    .where(
      and(
        eq(notificationPreference.organizationId, scope.organizationId),
        eq(notificationPreference.kind, kind.kind),
        inArray(notificationPreference.memberId, memberIds),
      ),
    );
  const chosen = new Map(rows.map((row) => [row.memberId, row]));
  return (memberId: string) => chosen.get(memberId) ?? kind.defaults;
}

/**
 * The fan-out job's work, in one system transaction: a notification and a live event for each
 * recipient who wants it in the app, a mail job for each who wants mail. Recipients who left
 * meanwhile are skipped. Runs again harmlessly (sourceKey; the mail job's key).
 */
export async function fanOutNotification(scope: TenantScope, job: NotificationFanOut) {
  const kind = kindOf(job.kind);
  const present = await scope.db
    .select({ id: member.id })
    .from(member)
    .where(
      and(
        eq(member.organizationId, scope.organizationId),
        inArray(member.id, job.recipientMemberIds),
      ),
    );
  const recipients = present.map((row) => row.id);
  if (recipients.length === 0) return;
  const preference = await preferencesFor(scope, kind, recipients);
  const inApp = recipients.filter((id) => preference(id).inApp);
  if (inApp.length > 0) {
    const created = await scope.db
      .insert(notification)
      .values(
        inApp.map((memberId) => ({
          organizationId: scope.organizationId,
          memberId,
          kind: kind.kind,
          targetType: job.targetType,
          targetId: job.targetId,
          actorMemberId: job.actorMemberId,
          sourceKey: job.sourceKey,
          itemCount: job.itemCount,
          createdAt: scope.now(),
        })),
      )
      .onConflictDoNothing()
      .returning({ id: notification.id, memberId: notification.memberId });
    if (created.length > 0)
      await publish(
        scope,
        created.map((n) => ({
          kind: "notification.created",
          target: { type: "notification", id: n.id },
          audienceMemberId: n.memberId,
        })),
      );
  }
  for (const memberId of recipients.filter((id) => preference(id).mail))
    await scope.enqueue(
      "notification.mail",
      {
        kind: job.kind,
        memberId,
        targetId: job.targetId,
        actorMemberId: job.actorMemberId,
        itemCount: job.itemCount,
      },
      { jobKey: `${job.sourceKey}:${memberId}` },
    );
}

/** Names of members (null for those who left), by member id. */
async function memberNames(scope: TenantScope, memberIds: string[]) {
  if (memberIds.length === 0) return new Map<string, string>();
  const rows = await scope.db
    .select({ id: member.id, name: user.name })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, scope.organizationId), inArray(member.id, memberIds)));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The targets of notifications as the reader may see them, per kind, by target id. */
async function describeTargets(
  scope: TenantScope,
  items: Array<{ kind: string; targetId: string }>,
): Promise<(kind: string, targetId: string) => NotificationTarget | null> {
  const byKind = new Map<string, Set<string>>();
  for (const item of items) {
    const ids = byKind.get(item.kind) ?? new Set<string>();
    ids.add(item.targetId);
    byKind.set(item.kind, ids);
  }
  const described = new Map<string, Map<string, NotificationTarget>>();
  for (const [name, ids] of byKind) {
    const kind = notificationKindOf(name);
    if (kind) described.set(name, await kind.describe(scope, [...ids]));
  }
  return (kind, targetId) => described.get(kind)?.get(targetId) ?? null;
}

async function organizationSlug(scope: TenantScope): Promise<string> {
  const [row] = await scope.db
    .select({ slug: organization.slug })
    .from(organization)
    .where(eq(organization.id, scope.organizationId));
  if (!row) throw notFound("Organization");
  return row.slug;
}

/**
 * The member's own notifications, newest first (keyset by createdAt, id), each as a sentence
 * with a link (null when the target is gone or out of reach). Kinds no longer registered are
 * skipped.
 */
const notificationColumns = {
  id: notification.id,
  kind: notification.kind,
  targetId: notification.targetId,
  actorMemberId: notification.actorMemberId,
  itemCount: notification.itemCount,
  createdAt: notification.createdAt,
  readAt: notification.readAt,
};

/**
 * Notifications as the member reads them: the sentence and link made now, from what the reader
 * may see (a kind no longer registered is left out).
 */
export async function describeNotifications(
  scope: TenantScope,
  rows: Pick<typeof notification.$inferSelect, keyof typeof notificationColumns>[],
) {
  const names = await memberNames(scope, [
    ...new Set(rows.flatMap((row) => (row.actorMemberId ? [row.actorMemberId] : []))),
  ]);
  const targetOf = await describeTargets(scope, rows);
  const slug = await organizationSlug(scope);
  return rows.flatMap((row) => {
    const kind = notificationKindOf(row.kind);
    if (!kind) return [];
    const target = targetOf(row.kind, row.targetId);
    const actorName = row.actorMemberId ? (names.get(row.actorMemberId) ?? null) : null;
    return [
      {
        id: row.id,
        kind: row.kind,
        text: kind.text({ actorName, target, count: row.itemCount }),
        /** The app's path of what it is about, or null when that is gone. */
        href: target ? `/o/${slug}${target.path}` : null,
        createdAt: row.createdAt,
        readAt: row.readAt,
      },
    ];
  });
}

export async function listNotifications(
  scope: TenantScope,
  input: z.output<typeof listNotificationsInput>,
) {
  const me = actingMember(scope);
  const where: SQL[] = [
    eq(notification.organizationId, scope.organizationId),
    eq(notification.memberId, me.memberId),
  ];
  if (input.cursor)
    where.push(
      sql`(${notification.createdAt}, ${notification.id}) < (${input.cursor.createdAt.toISOString()}::timestamptz, ${input.cursor.id}::uuid)`,
    );
  const rows = await scope.db
    .select(notificationColumns)
    .from(notification)
    .where(and(...where))
    .orderBy(sql`${notification.createdAt} desc`, sql`${notification.id} desc`)
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: await describeNotifications(scope, page),
    nextCursor:
      rows.length > input.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

/** The member's unread notifications, counted up to UNREAD_COUNT_CAP. */
export async function unreadNotificationCount(scope: TenantScope) {
  const me = actingMember(scope);
  const unread = scope.db
    .select({ one: sql`1` })
    .from(notification)
    .where(
      and(
        eq(notification.organizationId, scope.organizationId),
        eq(notification.memberId, me.memberId),
        isNull(notification.readAt),
      ),
    )
    .limit(UNREAD_COUNT_CAP)
    .as("unread");
  const [row] = await scope.db.select({ count: sql<number>`count(*)::int` }).from(unread);
  return { count: row?.count ?? 0, capped: (row?.count ?? 0) >= UNREAD_COUNT_CAP };
}

/** Tells the member's other tabs (and devices) that their unread count changed. */
function publishRead(scope: TenantScope, memberId: string, target: { type: string; id: string }) {
  return publish(scope, { kind: "notification.read", target, audienceMemberId: memberId });
}

/**
 * Marks one of the member's own notifications read (again: no change), and answers it as the
 * list shows it.
 */
export async function markNotificationRead(scope: TenantScope, input: { id: string }) {
  const me = actingMember(scope);
  const mine = and(
    eq(notification.organizationId, scope.organizationId),
    eq(notification.memberId, me.memberId),
    eq(notification.id, input.id),
  );
  const [updated] = await scope.db
    .update(notification)
    .set({ readAt: scope.now() })
    .where(and(mine, isNull(notification.readAt)))
    .returning(notificationColumns);
  if (updated) await publishRead(scope, me.memberId, { type: "notification", id: updated.id });
  const [row] = updated
    ? [updated]
    : await scope.db.select(notificationColumns).from(notification).where(mine);
  const [described] = row ? await describeNotifications(scope, [row]) : [];
  if (!described) throw notFound("Notification");
  return described;
}

/** Marks all of the member's notifications read. */
export async function markAllNotificationsRead(scope: TenantScope) {
  const me = actingMember(scope);
  const updated = await scope.db
    .update(notification)
    .set({ readAt: scope.now() })
    .where(
      and(
        eq(notification.organizationId, scope.organizationId),
        eq(notification.memberId, me.memberId),
        isNull(notification.readAt),
      ),
    )
    .returning({ id: notification.id });
  if (updated.length > 0)
    await publishRead(scope, me.memberId, { type: "member", id: me.memberId });
  return { ids: updated.map((row) => row.id) };
}

/** Every registered kind with the member's choice for it. */
export async function listNotificationPreferences(scope: TenantScope) {
  const me = actingMember(scope);
  const rows = await scope.db
    .select({
      kind: notificationPreference.kind,
      inApp: notificationPreference.inApp,
      mail: notificationPreference.mail,
    })
    .from(notificationPreference)
    .where(
      and(
        eq(notificationPreference.organizationId, scope.organizationId),
        eq(notificationPreference.memberId, me.memberId),
      ),
    );
  const chosen = new Map(rows.map((row) => [row.kind, row]));
  return notificationKinds.map((kind) => ({
    kind: kind.kind,
    label: kind.label,
    inApp: chosen.get(kind.kind)?.inApp ?? kind.defaults.inApp,
    mail: chosen.get(kind.kind)?.mail ?? kind.defaults.mail,
  }));
}

export async function setNotificationPreference(
  scope: TenantScope,
  input: z.output<typeof setNotificationPreferenceInput>,
) {
  const me = actingMember(scope);
  const kind = notificationKindOf(input.kind);
  if (!kind)
    throw new AppError("BAD_REQUEST", "There is no such kind of notification", { field: "kind" });
  const [row] = await scope.db
    .insert(notificationPreference)
    .values({
      organizationId: scope.organizationId,
      memberId: me.memberId,
      kind: kind.kind,
      inApp: input.inApp,
      mail: input.mail,
    })
    .onConflictDoUpdate({
      target: [
        notificationPreference.organizationId,
        notificationPreference.memberId,
        notificationPreference.kind,
      ],
      set: { inApp: input.inApp, mail: input.mail, updatedAt: scope.now() },
    })
    .returning({
      kind: notificationPreference.kind,
      inApp: notificationPreference.inApp,
      mail: notificationPreference.mail,
    });
  if (!row) throw new Error("upsert returned no row");
  return { ...row, label: kind.label };
}

/**
 * The mail for one recipient, read in the recipient's own tenant scope (their rights decide what
 * it may name), or null when they no longer want it by mail, left, or the target is gone.
 */
export async function notificationMail(
  scope: TenantScope,
  job: NotificationMailJob,
  appUrl: string,
): Promise<{ to: string; subject: string; text: string; html: string; link: string } | null> {
  const kind = kindOf(job.kind);
  const [recipient] = await scope.db
    .select({ email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, scope.organizationId), eq(member.id, job.memberId)));
  if (!recipient) return null;
  const preference = await preferencesFor(scope, kind, [job.memberId]);
  if (!preference(job.memberId).mail) return null;
  const target = (await kind.describe(scope, [job.targetId])).get(job.targetId);
  if (!target) return null;
  const actorName = job.actorMemberId
    ? ((await memberNames(scope, [job.actorMemberId])).get(job.actorMemberId) ?? null)
    : null;
  const [org] = await scope.db
    .select({ slug: organization.slug, name: organization.name })
    .from(organization)
    .where(eq(organization.id, scope.organizationId));
  if (!org) return null;
  const sentence = kind.text({ actorName, target, count: job.itemCount });
  const link = `${appUrl}/o/${org.slug}${target.path}`;
  const body = composeNotificationMail({
    heading: sentence,
    lines: [{ sentence: `Open it: ${target.name}`, link }],
    settingsLink: `${appUrl}/o/${org.slug}/notifications`,
    organizationName: org.name,
  });
  return { to: recipient.email, subject: `${sentence} (${org.name})`, ...body, link };
}

/** Deletes read notifications past the retention window (unread ones stay until read). */
export async function pruneReadNotifications(scope: TenantScope) {
  const before = new Date(scope.now().getTime() - READ_NOTIFICATION_RETENTION_DAYS * 86_400_000);
  await scope.db
    .delete(notification)
    .where(
      and(
        eq(notification.organizationId, scope.organizationId),
        isNotNull(notification.readAt),
        lt(notification.readAt, before),
      ),
    );
}

/** A recipient as a member actor, so their mail is read with their rights; null once they left. */
export async function recipientActor(
  scope: TenantScope,
  memberId: string,
): Promise<MemberActor | null> {
  const [row] = await scope.db
    .select({
      memberId: member.id,
      userId: member.userId,
      role: member.role,
      crmAccess: member.crmAccess,
    })
    .from(member)
    .where(and(eq(member.organizationId, scope.organizationId), eq(member.id, memberId)));
  return row ? { kind: "member", ...row } : null;
}
