// The daily digest: once a day, in the morning of each member's own time zone, a mail listing
// the notifications they have not read since the last digest, for members who want it (the
// default). An hourly cron asks every organization; each organization's job picks the members
// whose morning it is and who have something unread; each member's mail job reads as that member
// (their rights decide what the mail names) and records the day it was sent, so a retry, a second
// tick or a second runner sends a day's digest once.
import {
  and,
  eq,
  gt,
  isNull,
  member,
  memberProfile,
  notification,
  notificationDigest,
  organization,
  sql,
  type TenantScope,
  user,
} from "@guild/db";
import type { z } from "zod";
import type { setNotificationDigestInput } from "../schemas/notification.ts";
import { actingMember } from "./member.ts";
import { describeNotifications } from "./notification.ts";
import { composeNotificationMail } from "./notification-mail.ts";

/** The local hour from which a member's digest of the day goes out. */
export const DIGEST_LOCAL_HOUR = 8;
/** The most notifications one digest lists (the rest: "and N more" with the page's link). */
export const DIGEST_MAX_ITEMS = 20;
const DAY_MS = 86_400_000;

export interface NotificationDigestMailJob {
  memberId: string;
  /** The member's local day (YYYY-MM-DD) this digest is for. */
  day: string;
}

declare module "@guild/db/scope" {
  interface JobPayloads {
    "notification.digest": Record<string, unknown>;
    "notification.digest_mail": NotificationDigestMailJob;
  }
}

/** The local day (YYYY-MM-DD) and hour at `at` in a time zone (UTC when none or unknown). */
export function localDayAndHour(at: Date, timeZone: string | null): { day: string; hour: number } {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-CA", {
      timeZone: timeZone ?? "UTC",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      hourCycle: "h23",
    });
  } catch {
    // A zone this runtime does not know (stored by an older one): the member's digest follows UTC.
    return localDayAndHour(at, "UTC");
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/** The member's own choice (no row: the default, on). */
export async function notificationDigestPreference(scope: TenantScope) {
  const me = actingMember(scope);
  const [row] = await scope.db
    .select({ daily: notificationDigest.daily })
    .from(notificationDigest)
    .where(
      and(
        eq(notificationDigest.organizationId, scope.organizationId),
        eq(notificationDigest.memberId, me.memberId),
      ),
    );
  return { daily: row?.daily ?? true };
}

export async function setNotificationDigestPreference(
  scope: TenantScope,
  input: z.output<typeof setNotificationDigestInput>,
) {
  const me = actingMember(scope);
  await scope.db
    .insert(notificationDigest)
    .values({ organizationId: scope.organizationId, memberId: me.memberId, daily: input.daily })
    .onConflictDoUpdate({
      target: [notificationDigest.organizationId, notificationDigest.memberId],
      set: { daily: input.daily, updatedAt: scope.now() },
    });
  return { daily: input.daily };
}

/**
 * The organization's job (system actor): a mail job for each member who wants the digest, has
 * unread notifications since their last one, whose local time is past DIGEST_LOCAL_HOUR and who
 * has not had today's. Its job key (member and day) keeps a second tick from queueing it twice.
 */
export async function queueDueDigests(scope: TenantScope): Promise<number> {
  const now = scope.now();
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const candidates = await scope.db
    .select({
      memberId: member.id,
      timeZone: memberProfile.timeZone,
      lastSentOn: notificationDigest.lastSentOn,
    })
    .from(member)
    .leftJoin(
      memberProfile,
      and(
        eq(memberProfile.organizationId, member.organizationId),
        eq(memberProfile.memberId, member.id),
      ),
    )
    .leftJoin(
      notificationDigest,
      and(
        eq(notificationDigest.organizationId, member.organizationId),
        eq(notificationDigest.memberId, member.id),
      ),
    )
    .where(
      and(
        eq(member.organizationId, scope.organizationId),
        sql`coalesce(${notificationDigest.daily}, true)`,
        sql`exists (select 1 from ${notification}
                    where ${notification.organizationId} = ${member.organizationId}
                      and ${notification.memberId} = ${member.id}
                      and ${notification.readAt} is null
                      and ${notification.createdAt} > coalesce(${notificationDigest.lastSentAt}, ${dayAgo.toISOString()}::timestamptz))`,
      ),
    );
  let queued = 0;
  for (const candidate of candidates) {
    const { day, hour } = localDayAndHour(now, candidate.timeZone);
    if (hour < DIGEST_LOCAL_HOUR) continue;
    if (candidate.lastSentOn && candidate.lastSentOn >= day) continue;
    await scope.enqueue(
      "notification.digest_mail",
      { memberId: candidate.memberId, day },
      { jobKey: `digest:${candidate.memberId}:${day}` },
    );
    queued++;
  }
  return queued;
}

/**
 * A member's digest for `day`, read in their own scope (what they may see), or null when there
 * is nothing to send: they turned it off, already had the day's, or nothing unread is left.
 * `until` is the instant it covers up to, recorded once it is sent.
 */
export async function digestMail(
  scope: TenantScope,
  job: NotificationDigestMailJob,
  appUrl: string,
) {
  const me = actingMember(scope);
  const [state] = await scope.db
    .select({
      daily: notificationDigest.daily,
      lastSentOn: notificationDigest.lastSentOn,
      lastSentAt: notificationDigest.lastSentAt,
    })
    .from(notificationDigest)
    .where(
      and(
        eq(notificationDigest.organizationId, scope.organizationId),
        eq(notificationDigest.memberId, me.memberId),
      ),
    );
  if (state && !state.daily) return null;
  if (state?.lastSentOn && state.lastSentOn >= job.day) return null;
  const until = scope.now();
  const since = state?.lastSentAt ?? new Date(until.getTime() - DAY_MS);
  const rows = await scope.db
    .select({
      id: notification.id,
      kind: notification.kind,
      targetId: notification.targetId,
      actorMemberId: notification.actorMemberId,
      itemCount: notification.itemCount,
      createdAt: notification.createdAt,
      readAt: notification.readAt,
    })
    .from(notification)
    .where(
      and(
        eq(notification.organizationId, scope.organizationId),
        eq(notification.memberId, me.memberId),
        isNull(notification.readAt),
        gt(notification.createdAt, since),
        sql`${notification.createdAt} <= ${until.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(sql`${notification.createdAt} desc`, sql`${notification.id} desc`)
    .limit(DIGEST_MAX_ITEMS + 1);
  const items = await describeNotifications(scope, rows.slice(0, DIGEST_MAX_ITEMS));
  const [recipient] = await scope.db
    .select({ email: user.email, orgName: organization.name, slug: organization.slug })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(and(eq(member.organizationId, scope.organizationId), eq(member.id, me.memberId)));
  if (!recipient || items.length === 0) return { until, mail: null };
  const page = `${appUrl}/o/${recipient.slug}/notifications`;
  const more = rows.length > DIGEST_MAX_ITEMS;
  const count = more ? `More than ${DIGEST_MAX_ITEMS}` : String(items.length);
  const heading = `${count} unread notification${items.length === 1 && !more ? "" : "s"} in ${recipient.orgName}`;
  const body = composeNotificationMail({
    heading,
    lines: [
      ...items.map((item) => ({
        sentence: item.text,
        link: item.href ? `${appUrl}${item.href}` : null,
      })),
      ...(more ? [{ sentence: "See them all", link: page }] : []),
    ],
    settingsLink: page,
    organizationName: recipient.orgName,
  });
  return {
    until,
    mail: { to: recipient.email, subject: `Your daily digest: ${heading}`, ...body, link: page },
  };
}

/** Records that the day's digest went out (or had nothing to say), covering up to `until`. */
export async function markDigestSent(scope: TenantScope, day: string, until: Date) {
  const me = actingMember(scope);
  await scope.db
    .insert(notificationDigest)
    .values({
      organizationId: scope.organizationId,
      memberId: me.memberId,
      lastSentOn: day,
      lastSentAt: until,
    })
    .onConflictDoUpdate({
      target: [notificationDigest.organizationId, notificationDigest.memberId],
      set: { lastSentOn: day, lastSentAt: until, updatedAt: scope.now() },
    });
}
