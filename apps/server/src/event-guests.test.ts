// An event's guest list as CSV over real HTTP (GET /api/events/<id>/guests.csv?org=demo): its
// host downloads going, waitlisted (in order) and maybe, with a name a spreadsheet would run as a
// formula disarmed; a member who answered gets 403, a signed-out visitor 404 (as the list).
import { DEMO_PASSWORD } from "@guild/db/seed";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import {
  Browser,
  createServerFixture,
  readJson,
  signIn,
  trpcEnvelope,
  uniqueIp,
} from "./testing.ts";

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

async function call<T extends z.ZodType>(tab: Browser, path: string, input: unknown, shape: T) {
  const response = await tab.post(`/api/trpc/${path}`, { json: input }, demo);
  return shape.parse((await readJson(response, trpcEnvelope)).result.data.json);
}

const id = z.object({ id: z.string() });
const answer = z.object({ status: z.string() });

describe("an event's guest list over HTTP", () => {
  it("is a CSV for its host, formulas disarmed, and refused to a guest", async () => {
    const room = await call(
      admin,
      "space.create",
      {
        name: "Guest list nights",
        slug: "guest-list-nights",
        description: "",
        icon: "",
        type: "events",
        visibility: "public",
        section: "",
      },
      id,
    );
    const made = await call(
      admin,
      "event.create",
      {
        spaceId: room.id,
        title: "One seat",
        startsAt: "2031-05-06T18:00",
        endsAt: "2031-05-06T19:00",
        timeZone: "UTC",
        capacity: 1,
      },
      id,
    );
    await call(
      mia,
      "profile.update",
      {
        displayName: '=HYPERLINK("http://evil.example","x")',
        username: "mia_guest",
        headline: "",
        bio: "",
        timeZone: null,
        language: null,
      },
      z.unknown(),
    );
    await call(admin, "eventRsvp.respond", { eventId: made.id, status: "going" }, answer);
    expect(
      (await call(mia, "eventRsvp.respond", { eventId: made.id, status: "going" }, answer)).status,
    ).toBe("waitlisted");

    const path = `/api/events/${made.id}/guests.csv?org=demo`;
    const csv = await admin.request(path);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("Name,Username,Answer,Waitlist position,Answered at");
    expect(lines[1]).toMatch(/,Going,,/);
    expect(lines[2]).toMatch(
      /^"'=HYPERLINK\(""http:\/\/evil.example"",""x""\)",mia_guest,Waitlisted,1,/,
    );
    expect(lines).toHaveLength(3);

    expect((await mia.request(path)).status).toBe(403);
    const visitor = new Browser(fx.server.url, { ip: uniqueIp() });
    expect((await visitor.request(path)).status).toBe(401);
    expect((await admin.request(`/api/events/not-an-id/guests.csv?org=demo`)).status).toBe(404);
  });
});
