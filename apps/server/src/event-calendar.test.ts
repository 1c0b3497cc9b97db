// The calendar files over real HTTP: an event's .ics (GET /api/events/<id>.ics?org=demo, the
// member's session cookie; 404 signed out, from another organization, or for a space the member
// does not see) and a member's private feed (GET /api/calendar/<token>.ics with no cookie at all,
// as calendar programs fetch it; 404 once revoked).
import { and, eq, event, eventRsvp, member, organization, user } from "@guild/db";
import { DEMO_PASSWORD } from "@guild/db/seed";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { Browser, callProcedure, createServerFixture, signIn, uniqueIp } from "./testing.ts";

let fx: Awaited<ReturnType<typeof createServerFixture>>;
let admin: Browser;
let mia: Browser;
const demo = { "x-guild-org": "demo" };

beforeAll(async () => {
  fx = await createServerFixture(inject("pgAdminUrl"));
  admin = new Browser(fx.server.url, { ip: uniqueIp() });
  mia = new Browser(fx.server.url, { ip: uniqueIp() });
  expect((await signIn(admin, "admin@demo.guild", DEMO_PASSWORD)).status).toBe(200);
  expect((await signIn(mia, "member@demo.guild", DEMO_PASSWORD)).status).toBe(200);
});
afterAll(() => fx.close());

const call = <T extends z.ZodType>(
  tab: Browser,
  path: string,
  input: unknown,
  shape: T,
  kind: "query" | "mutation" = "mutation",
) => callProcedure(tab, demo, path, input, shape, kind);

/** An events space of the demo organization, made by its admin. */
async function eventsSpace(slug: string, visibility: "public" | "private") {
  return call(
    admin,
    "space.create",
    {
      name: slug,
      slug,
      description: "",
      icon: "",
      type: "events",
      visibility,
      section: "",
    },
    z.object({ id: z.string() }),
  );
}

/** An event row in the space (the events API is another helper's), and Mia going to it. */
async function eventMiaGoesTo(spaceId: string, title: string) {
  const db = fx.database.db;
  const [demoOrg] = await db
    .select({ id: organization.id })
    .from(organization)
    .where(eq(organization.slug, "demo"));
  const [mine] = await db
    .select({ id: member.id })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(user.email, "member@demo.guild"), eq(member.organizationId, demoOrg?.id ?? "")));
  if (!demoOrg || !mine) throw new Error("demo data missing");
  const startsAt = new Date(Date.now() + 5 * 86_400_000);
  const [row] = await db
    .insert(event)
    .values({
      organizationId: demoOrg.id,
      spaceId,
      title,
      timeZone: "Europe/Paris",
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
    })
    .returning({ id: event.id });
  if (!row) throw new Error("no event");
  await db.insert(eventRsvp).values({
    organizationId: demoOrg.id,
    spaceId,
    eventId: row.id,
    memberId: mine.id,
    status: "going",
    arrival: 1,
  });
  return row.id;
}

describe("calendar files over HTTP", () => {
  it("serves an event's .ics to members who see it, and 404 to anyone else", async () => {
    const open = await eventsSpace("calendar-open", "public");
    const closed = await eventsSpace("calendar-closed", "private");
    const openEvent = await eventMiaGoesTo(open.id, "Open studio, evening");
    const closedEvent = await eventMiaGoesTo(closed.id, "Staff only");

    const file = await mia.request(`/api/events/${openEvent}.ics?org=demo`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(file.headers.get("content-disposition")).toBe(
      'attachment; filename="open-studio-evening.ics"',
    );
    const text = await file.text();
    expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(text).toContain("SUMMARY:Open studio\\, evening\r\n");
    expect(text).toContain("DTSTART;TZID=Europe/Paris:");

    // The private space: the admin sees it, Mia (not its member) does not.
    expect((await admin.request(`/api/events/${closedEvent}.ics?org=demo`)).status).toBe(200);
    const hidden = await mia.request(`/api/events/${closedEvent}.ics?org=demo`);
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).toBe("Event not found\n");
    const visitor = new Browser(fx.server.url, { ip: uniqueIp() });
    expect((await visitor.request(`/api/events/${openEvent}.ics?org=demo`)).status).toBe(404);
    expect((await mia.request(`/api/events/${openEvent}.ics`)).status).toBe(400);
    expect((await mia.request(`/api/events/not-an-id.ics?org=demo`)).status).toBe(404);
  });

  it("serves the private feed to a calendar program with no session, until revoked", async () => {
    const room = await eventsSpace("calendar-feed-room", "public");
    await eventMiaGoesTo(room.id, "Feed night");
    const made = await call(
      mia,
      "calendarFeed.create",
      undefined,
      z.object({ url: z.string(), createdAt: z.string() }),
    );
    const path = new URL(made.url).pathname;
    expect(path).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);

    const program = new Browser(fx.server.url, { ip: uniqueIp(), origin: null });
    const feed = await program.request(path);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await feed.text();
    expect(text).toContain("SUMMARY:Feed night\r\n");
    expect(text).toContain("REFRESH-INTERVAL;VALUE=DURATION:PT60M");

    await call(mia, "calendarFeed.revoke", undefined, z.object({ revoked: z.literal(true) }));
    const revoked = await program.request(path);
    expect(revoked.status).toBe(404);
    expect(await revoked.text()).toBe("Calendar feed not found\n");
    const shown = await call(
      mia,
      "calendarFeed.get",
      undefined,
      z.object({ feed: z.null() }),
      "query",
    );
    expect(shown.feed).toBeNull();
  });
});
