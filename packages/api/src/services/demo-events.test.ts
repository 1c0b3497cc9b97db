// The demo's events (packages/db seed-events.ts) through the services that read them: the host's
// statistics of the past workshop as the demo owner sees them, and the weekly series carried on
// by the event service's horizon (extendSeries) on the same weekday and time as the seeded rows.
import { and, asSystem, eq, event, isNotNull, member, user, withTenant } from "@guild/db";
import { DEMO_ORG_SLUG, seedDemo } from "@guild/db/seed";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture, memberActor } from "../testing.ts";
import { extendSeries } from "./event.ts";
import { sessionStats } from "./live-session.ts";

let fx: ApiFixture;
let organizationId = "";

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  await seedDemo(fx.db);
  organizationId = (await fx.orgIdOf(DEMO_ORG_SLUG)) ?? "";
});
afterAll(() => fx.drop());

it("the demo's past workshop shows its host 2 attended, ratings 5 and 4, and the minutes", async () => {
  const [owner] = await fx.db
    .select({ id: member.id })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, organizationId), eq(user.email, "owner@demo.guild")));
  const stats = await withTenant(
    fx.db,
    { organizationId, actor: memberActor(owner?.id ?? "", "owner") },
    async (scope) => {
      const [workshop] = await scope.db
        .select({ id: event.id })
        .from(event)
        .where(and(eq(event.organizationId, organizationId), isNotNull(event.recordingUrl)));
      return sessionStats(scope, { eventId: workshop?.id ?? "" });
    },
  );
  expect(stats).toMatchObject({
    ended: true,
    attended: 2,
    missed: 0,
    averageRating: 4.5,
    feedbackCount: 2,
  });
  expect(stats.attendees.map((a) => [a.name, a.minutes, a.rating])).toEqual([
    ["Adam Admin", 55, 5],
    ["Mia Member", 30, 4],
  ]);
});

it("the demo's weekly series goes on, on Wednesdays at 17:00 UTC, when the horizon moves", async () => {
  const written = await withTenant(fx.db, asSystem(organizationId, "test"), (scope) =>
    extendSeries(scope),
  );
  expect(written).toBeGreaterThan(40);
  const starts = await withTenant(fx.db, asSystem(organizationId, "test"), async (scope) =>
    (
      await scope.db
        .select({ startsAt: event.startsAt })
        .from(event)
        .where(and(eq(event.organizationId, organizationId), isNotNull(event.seriesId)))
    ).map((row) => row.startsAt),
  );
  for (const at of starts)
    expect([at.getUTCDay(), at.getUTCHours(), at.getUTCMinutes()]).toEqual([3, 17, 0]);
  expect(new Set(starts.map((at) => at.getTime())).size).toBe(starts.length);
});
