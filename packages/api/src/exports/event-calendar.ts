// The two calendar files over HTTP (issue 13), for apps/server:
// - GET /api/events/<id>.ics?org=<slug>: one event (a series with its rule and overrides), a
//   download link with the session's cookies, checked as calendarFeed.eventIcs through the
//   server-side caller (download.ts), so it is refused exactly as the app's own call would be:
//   signed out, not a member, or an event in a space the member does not see is 404;
// - GET /api/calendar/<token>.ics: the member's private feed, fetched by calendar programs with
//   no session. The token is the credential: it maps to its organization and member through a
//   SECURITY DEFINER lookup of its hash (guild_calendar_feed_owner), and the feed is then read in
//   that organization's tenant transaction as that member, with their rights as they are now.
//   Unknown, malformed, revoked, or a member who left: the same 404. Rate limited per client
//   address, like the other routes anyone may call signed out.
import {
  and,
  countForAddress,
  eq,
  type MemberActor,
  member,
  type RateWindow,
  sql,
  user,
  withTenant,
} from "@guild/db";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import type { ApiDeps } from "../context.ts";
import { inWords } from "../rate-limit.ts";
import {
  calendarFeedEvents,
  FEED_TOKEN_PATTERN,
  feedTokenHash,
} from "../services/calendar-feed.ts";
import { downloadCaller, refusal } from "./download.ts";
import { writeCalendar } from "./ical.ts";

/**
 * Feed fetches per client address: calendar programs poll every few minutes to hours, so this
 * is far above any honest subscriber's pace, even a household behind one address.
 */
export const CALENDAR_FEED_RATE_LIMIT: RateWindow = { max: 120, windowSeconds: 600 };

/** How often subscribed programs are asked to fetch again. */
export const CALENDAR_FEED_REFRESH_MINUTES = 60;

const EVENT_FILE = /^([0-9a-fA-F-]{36})\.ics$/;
const FEED_FILE = /^([A-Za-z0-9_-]+)\.ics$/;

function calendarResponse(text: string, headers: Record<string, string>): Response {
  return new Response(text, {
    headers: { "content-type": "text/calendar; charset=utf-8", ...headers },
  });
}

/** GET /api/events/<id>.ics?org=<slug> */
export async function eventIcsFile(
  deps: ApiDeps,
  req: Request,
  file: string,
  options: { clientAddress?: string | null } = {},
): Promise<Response> {
  const id = EVENT_FILE.exec(file)?.[1];
  const slug = new URL(req.url).searchParams.get("org")?.trim().toLowerCase();
  if (!id) return refusal(404, "Event not found");
  if (!slug) return refusal(400, "Name the organization: ?org=<slug>");
  try {
    const caller = await downloadCaller(deps, req, slug, options.clientAddress ?? null);
    const found = await caller.calendarFeed.eventIcs({ id });
    return calendarResponse(found.ics, {
      "content-disposition": `attachment; filename="${found.filename}"`,
      "cache-control": "private, no-store",
    });
  } catch (error) {
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
      // Signed out, not a member, not visible: one answer, which says nothing of the id.
      const status = getHTTPStatusCodeFromError(error);
      return status === 400 || status === 401 || status === 403 || status === 404
        ? refusal(404, "Event not found")
        : refusal(status, error.message);
    }
    throw error;
  }
}

/** GET /api/calendar/<token>.ics */
export async function calendarFeedFile(
  deps: ApiDeps,
  file: string,
  options: { clientAddress?: string | null } = {},
): Promise<Response> {
  const now = deps.clock?.now() ?? new Date();
  const decision = await countForAddress(
    deps.db,
    "calendar-feed",
    `client:${options.clientAddress ?? "unknown"}`,
    CALENDAR_FEED_RATE_LIMIT,
    now,
  );
  if (!decision.allowed)
    return new Response(
      `Too many calendar fetches: try again in ${inWords(decision.retryAfterSeconds)}.\n`,
      {
        status: 429,
        headers: {
          "content-type": "text/plain; charset=utf-8",
          "cache-control": "no-store",
          "retry-after": String(decision.retryAfterSeconds),
        },
      },
    );
  const notFound = refusal(404, "Calendar feed not found");
  const token = FEED_FILE.exec(file)?.[1];
  if (!token || !FEED_TOKEN_PATTERN.test(token)) return notFound;
  const [owner] = await deps.db.execute<{ organization_id: string; member_id: string }>(
    sql`select organization_id, member_id from guild_calendar_feed_owner(${feedTokenHash(token)})`,
  );
  if (!owner) return notFound;
  const clock = deps.clock ? { clock: deps.clock } : {};
  const organizationId = owner.organization_id;
  // The member as they are now, read outside any tenant (member and user are pre-tenant and
  // global): a member who left has no feed (it went with their membership), and a banned
  // person's feeds stop with their sessions.
  const [person] = await deps.db
    .select({
      memberId: member.id,
      userId: member.userId,
      role: member.role,
      crmAccess: member.crmAccess,
      banned: user.banned,
    })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, organizationId), eq(member.id, owner.member_id)));
  if (!person || person.banned) return notFound;
  const actor: MemberActor = {
    kind: "member",
    memberId: person.memberId,
    userId: person.userId,
    role: person.role,
    crmAccess: person.crmAccess,
  };
  const feed = await withTenant(deps.db, { organizationId, actor, ...clock }, (scope) =>
    calendarFeedEvents(scope, deps.appUrl),
  );
  return calendarResponse(
    writeCalendar({
      name: feed.name,
      events: feed.events,
      now,
      refreshMinutes: CALENDAR_FEED_REFRESH_MINUTES,
    }),
    // Only the token's holder fetches it; a shared cache must not keep a member's calendar.
    { "cache-control": "private, max-age=300" },
  );
}
