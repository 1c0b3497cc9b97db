// Calendars outside Guild (issue 13): the `.ics` of one event (GET /api/events/<id>.ics, signed in)
// and a member's private calendar feed (GET /api/calendar/<token>.ics, which calendar programs
// fetch with no session: the token is the credential).
//
// The feed's token is 32 random bytes, shown once when it is made: only its SHA-256 is stored
// (calendar_feed.token_hash), so a leaked database gives no working URL, and a lost URL is
// replaced, not recovered (rotate). Revoking keeps the row with revoked_at: the old URL answers
// 404 like a token that never existed.
//
// What the feed holds: the events the member answered going or maybe, and those they host, from
// 30 days back to a year ahead (at most FEED_EVENTS_MAX), each as seen by the member now (their
// space's visibility, read in their own tenant scope). Not every event they could see: a feed
// lands in a personal calendar next to their own appointments, where a whole community's
// program would drown them; the events page and the app's calendar show everything.
//
// Neither file carries an event's online link: it is shown only to people going, and only from
// shortly before the start (services/event-rsvp.ts), which a file saved or synced earlier cannot
// honour. Each event links to its page in the app instead.
import { createHash, randomBytes } from "node:crypto";
import {
  and,
  asc,
  calendarFeed,
  eq,
  event,
  eventHost,
  eventRsvp,
  eventSeries,
  gte,
  inArray,
  isNull,
  lte,
  or,
  organization,
  type SQL,
  space,
  sql,
  type TenantScope,
  visibleSpace,
} from "@guild/db";
import { EVENT_SERIES_OCCURRENCES_MAX } from "@guild/db/enums";
import { AppError, notFound } from "../errors.ts";
import { type IcsEvent, writeCalendar } from "../exports/ical.ts";
import { expandSeries } from "./event-recurrence.ts";
import { actingMember } from "./member.ts";

/** The feed looks this far back… */
export const FEED_PAST_DAYS = 30;
/** …and this far ahead. */
export const FEED_AHEAD_DAYS = 365;
/** At most this many events in one feed (the earliest first). */
export const FEED_EVENTS_MAX = 1_000;

const DAY = 86_400_000;

/** The stored form of a token: its SHA-256, in hex. */
export function feedTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token as the URL carries it: 43 characters of base64url. */
export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function calendarFeedUrl(appUrl: string, token: string): string {
  return `${appUrl}/api/calendar/${token}.ics`;
}

function activeFeed(scope: TenantScope, memberId: string) {
  return and(
    eq(calendarFeed.organizationId, scope.organizationId),
    eq(calendarFeed.memberId, memberId),
    isNull(calendarFeed.revokedAt),
  );
}

/** The member's active feed (when it was made), or null: its URL is never shown again. */
export async function getCalendarFeed(scope: TenantScope) {
  const me = actingMember(scope);
  const [row] = await scope.db
    .select({ createdAt: calendarFeed.createdAt })
    .from(calendarFeed)
    .where(activeFeed(scope, me.memberId))
    .orderBy(sql`${calendarFeed.createdAt} desc`)
    .limit(1);
  return { feed: row ?? null };
}

async function revokeActive(scope: TenantScope, memberId: string): Promise<number> {
  const revoked = await scope.db
    .update(calendarFeed)
    .set({ revokedAt: scope.now() })
    .where(activeFeed(scope, memberId))
    .returning({ id: calendarFeed.id });
  return revoked.length;
}

async function issueFeed(scope: TenantScope, memberId: string, appUrl: string) {
  const token = randomBytes(32).toString("base64url");
  const [row] = await scope.db
    .insert(calendarFeed)
    .values({
      organizationId: scope.organizationId,
      memberId,
      tokenHash: feedTokenHash(token),
      createdAt: scope.now(),
    })
    .returning({ createdAt: calendarFeed.createdAt });
  if (!row) throw new Error("insert returned no row");
  return { url: calendarFeedUrl(appUrl, token), createdAt: row.createdAt };
}

/** Makes the member's feed and answers its URL, this once. One feed at a time: CONFLICT if one is active. */
export async function createCalendarFeed(scope: TenantScope, appUrl: string) {
  const me = actingMember(scope);
  // The member's row, locked: two creates at once make one feed, not two.
  await scope.db.execute(
    sql`select 1 from member where organization_id = ${scope.organizationId} and id = ${me.memberId} for update`,
  );
  const [active] = await scope.db
    .select({ id: calendarFeed.id })
    .from(calendarFeed)
    .where(activeFeed(scope, me.memberId))
    .limit(1);
  if (active)
    throw new AppError(
      "CONFLICT",
      "You already have a calendar feed: get a new URL instead (the old one stops working)",
    );
  return issueFeed(scope, me.memberId, appUrl);
}

/** A new URL for the member's feed; the old one stops working at once. NOT_FOUND without a feed. */
export async function rotateCalendarFeed(scope: TenantScope, appUrl: string) {
  const me = actingMember(scope);
  if ((await revokeActive(scope, me.memberId)) === 0) throw notFound("Calendar feed");
  return issueFeed(scope, me.memberId, appUrl);
}

/** Stops the member's feed URL (404 from now on). NOT_FOUND without a feed. */
export async function revokeCalendarFeed(scope: TenantScope) {
  const me = actingMember(scope);
  if ((await revokeActive(scope, me.memberId)) === 0) throw notFound("Calendar feed");
  return { revoked: true };
}

const eventColumns = {
  id: event.id,
  seriesId: event.seriesId,
  originalStart: event.originalStart,
  title: event.title,
  description: event.description,
  place: event.place,
  onlineUrl: event.onlineUrl,
  tags: event.tags,
  timeZone: event.timeZone,
  startsAt: event.startsAt,
  endsAt: event.endsAt,
  status: event.status,
  createdAt: event.createdAt,
  updatedAt: event.updatedAt,
  spaceSlug: space.slug,
};
type EventRow = {
  id: string;
  seriesId: string | null;
  originalStart: Date | null;
  title: string;
  description: string;
  place: string | null;
  onlineUrl: string | null;
  tags: string[];
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  spaceSlug: string;
};

const withSpace = and(eq(space.organizationId, event.organizationId), eq(space.id, event.spaceId));

/** The organization's events the reader sees (their space's visibility), matching `where`. */
function visibleEvents(scope: TenantScope, where: SQL | undefined) {
  return scope.db
    .select(eventColumns)
    .from(event)
    .innerJoin(space, withSpace)
    .where(and(eq(event.organizationId, scope.organizationId), visibleSpace(event.spaceId), where));
}

/** What the app's URLs and a calendar's UIDs need of the organization. */
async function calendarContext(scope: TenantScope, appUrl: string) {
  const [org] = await scope.db
    .select({ slug: organization.slug, name: organization.name })
    .from(organization)
    .where(eq(organization.id, scope.organizationId));
  if (!org) throw notFound("Organization");
  return { ...org, appUrl, host: new URL(appUrl).hostname || "guild" };
}
type CalendarContext = Awaited<ReturnType<typeof calendarContext>>;

/** Seconds since 2024: a SEQUENCE that grows with each change (programs keep the higher one). */
const sequenceOf = (updatedAt: Date) =>
  Math.max(0, Math.floor((updatedAt.getTime() - Date.UTC(2024, 0, 1)) / 1000));

function pageUrl(context: CalendarContext, spaceSlug: string, eventId: string) {
  return `${context.appUrl}/o/${encodeURIComponent(context.slug)}/s/${encodeURIComponent(spaceSlug)}/events/${eventId}`;
}

/** One occurrence or one-off event as a VEVENT of its own. */
function asIcsEvent(context: CalendarContext, row: EventRow, uid: string): IcsEvent {
  const url = pageUrl(context, row.spaceSlug, row.id);
  return {
    uid,
    start: row.startsAt,
    end: row.endsAt,
    timeZone: row.timeZone,
    summary: row.title,
    description: [row.description.trim(), `Event page: ${url}`].filter(Boolean).join("\n\n"),
    location: row.place ?? (row.onlineUrl ? `Online (the link is on the event page)` : null),
    url,
    status: row.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    categories: row.tags,
    sequence: sequenceOf(row.updatedAt),
    created: row.createdAt,
    lastModified: row.updatedAt,
  };
}

const eventUid = (context: CalendarContext, id: string) => `event-${id}@${context.host}`;
const seriesUid = (context: CalendarContext, id: string) => `series-${id}@${context.host}`;

/**
 * The `.ics` of one event the member sees (NOT_FOUND otherwise). An occurrence of a series gives
 * the whole series: the rule from its first start, its cancelled occurrences as EXDATE, and each
 * occurrence that differs from what the rule and template say (edited on its own, or written
 * before a later edit of the series) as an override with its RECURRENCE-ID.
 */
export async function eventIcs(scope: TenantScope, input: { id: string }, appUrl: string) {
  const [row] = await visibleEvents(scope, eq(event.id, input.id));
  if (!row) throw notFound("Event");
  const context = await calendarContext(scope, appUrl);
  const filename = `${
    row.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "event"
  }.ics`;
  const [series] = row.seriesId
    ? await scope.db
        .select({
          id: eventSeries.id,
          rrule: eventSeries.rrule,
          timeZone: eventSeries.timeZone,
          startsAt: eventSeries.startsAt,
          durationMinutes: eventSeries.durationMinutes,
          title: eventSeries.title,
          description: eventSeries.description,
          place: eventSeries.place,
          onlineUrl: eventSeries.onlineUrl,
          tags: eventSeries.tags,
          cancelledAt: eventSeries.cancelledAt,
          generatedUntil: eventSeries.generatedUntil,
          createdAt: eventSeries.createdAt,
          updatedAt: eventSeries.updatedAt,
        })
        .from(eventSeries)
        .where(
          and(
            eq(eventSeries.organizationId, scope.organizationId),
            eq(eventSeries.id, row.seriesId),
            visibleSpace(eventSeries.spaceId),
          ),
        )
    : [];
  const file = (name: string, events: IcsEvent[]) => ({
    filename,
    ics: writeCalendar({ name, events, now: scope.now() }),
  });
  if (!series) return file(row.title, [asIcsEvent(context, row, eventUid(context, row.id))]);
  const occurrences = await visibleEvents(scope, eq(event.seriesId, series.id)).orderBy(
    asc(event.startsAt),
  );
  const uid = seriesUid(context, series.id);
  const durationMs = series.durationMinutes * 60_000;
  // The rule's own dates up to where the series has rows: a date without a row was deleted on its
  // own (an EXDATE, like a cancelled one); a row the rule no longer gives (written before an edit
  // of the rule) stands as an event of its own, since no RECURRENCE-ID could name it.
  const ruleStarts = new Set<number>();
  // expandSeries answers at most EVENT_SERIES_OCCURRENCES_MAX dates a call: page through them
  // (a weekly series a few years old has more), with a bound on the pages.
  let after = new Date(series.startsAt.getTime() - 1);
  for (let page = 0; page < 50; page++) {
    const starts = expandSeries({
      rrule: series.rrule,
      startsAt: series.startsAt,
      timeZone: series.timeZone,
      after,
      until: series.generatedUntil,
      limit: EVENT_SERIES_OCCURRENCES_MAX,
    });
    for (const at of starts) ruleStarts.add(at.getTime());
    const last = starts.at(-1);
    if (!last || starts.length < EVENT_SERIES_OCCURRENCES_MAX) break;
    after = last;
  }
  const ofTheRule = (o: { originalStart: Date | null }) =>
    o.originalStart !== null && ruleStarts.has(o.originalStart.getTime());
  const rowStarts = new Set(
    occurrences.flatMap((o) => (o.originalStart ? [o.originalStart.getTime()] : [])),
  );
  const master: IcsEvent = {
    ...asIcsEvent(
      context,
      {
        ...row,
        title: series.title,
        description: series.description,
        place: series.place,
        onlineUrl: series.onlineUrl,
        tags: series.tags,
        timeZone: series.timeZone,
        startsAt: series.startsAt,
        endsAt: new Date(series.startsAt.getTime() + durationMs),
        status: series.cancelledAt ? "cancelled" : "scheduled",
        createdAt: series.createdAt,
        updatedAt: series.updatedAt,
      },
      uid,
    ),
    rrule: series.rrule,
    exdates: [
      ...occurrences.flatMap((o) =>
        o.originalStart && o.status === "cancelled" && ofTheRule(o) ? [o.originalStart] : [],
      ),
      ...[...ruleStarts].filter((at) => !rowStarts.has(at)).map((at) => new Date(at)),
    ].sort((a, b) => a.getTime() - b.getTime()),
  };
  const overrides = occurrences.flatMap((o): IcsEvent[] => {
    if (!o.originalStart || o.status === "cancelled") return [];
    if (!ofTheRule(o)) return [asIcsEvent(context, o, eventUid(context, o.id))];
    const asTheRuleSays =
      o.startsAt.getTime() === o.originalStart.getTime() &&
      o.endsAt.getTime() - o.startsAt.getTime() === durationMs &&
      o.timeZone === series.timeZone &&
      o.title === series.title &&
      o.description === series.description &&
      o.place === series.place &&
      (o.onlineUrl === null) === (series.onlineUrl === null) &&
      o.tags.join(",") === series.tags.join(",");
    if (asTheRuleSays) return [];
    return [
      {
        ...asIcsEvent(context, { ...o, timeZone: series.timeZone }, uid),
        recurrenceId: o.originalStart,
      },
    ];
  });
  return file(series.title, [master, ...overrides]);
}

/**
 * The events of the member's feed: those they answered going or maybe, or host, within the
 * window, as they see them now; each a VEVENT of its own (an answer is per occurrence, so a
 * series' rule would claim more than they said).
 */
export async function calendarFeedEvents(scope: TenantScope, appUrl: string) {
  const me = actingMember(scope);
  const now = scope.now().getTime();
  const rows = await visibleEvents(
    scope,
    and(
      gte(event.startsAt, new Date(now - FEED_PAST_DAYS * DAY)),
      lte(event.startsAt, new Date(now + FEED_AHEAD_DAYS * DAY)),
      or(
        inArray(
          event.id,
          scope.db
            .select({ id: eventRsvp.eventId })
            .from(eventRsvp)
            .where(
              and(
                eq(eventRsvp.organizationId, scope.organizationId),
                eq(eventRsvp.memberId, me.memberId),
                inArray(eventRsvp.status, ["going", "maybe"]),
              ),
            ),
        ),
        inArray(
          event.id,
          scope.db
            .select({ id: eventHost.eventId })
            .from(eventHost)
            .where(
              and(
                eq(eventHost.organizationId, scope.organizationId),
                eq(eventHost.memberId, me.memberId),
              ),
            ),
        ),
      ),
    ),
  )
    .orderBy(asc(event.startsAt), asc(event.id))
    .limit(FEED_EVENTS_MAX);
  const context = await calendarContext(scope, appUrl);
  return {
    name: `${context.name} events`,
    events: rows.map((row) => asIcsEvent(context, row, eventUid(context, row.id))),
  };
}
