// A leaderboard's statements, as a plain member runs them (row-level security on), over a week's
// board of 30,000 members (and 16 other boards): the top 50 is a walk of xp_standing_board_idx
// that stops after 50 entries (no sort, no read of the whole board), and the viewer's rank and
// the board's size sum the board's counts per XP value (xp_standing_count: 500 values here),
// reading one standing (the viewer's) and no other member's.
import { type MemberActor, withTenant } from "@guild/db";
import { createTestDatabase, explainAnalyze } from "@guild/db/testing";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { boardTopQuery, viewerStandingQuery } from "./leaderboard.ts";

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let orgId = "";
let actor: MemberActor;
/** The member at the board's bottom: their rank counts everyone above. */
let lastMemberId = "";
const MEMBERS = 30_000;
const WEEK = "2026-06-15";

beforeAll(async () => {
  db = await createTestDatabase(inject("pgAdminUrl"));
  const [org] = await db.sql<{ id: string }[]>`
    insert into organization (name, slug) values ('Board plan', 'board-plan') returning id`;
  orgId = org!.id;
  const [person] = await db.sql<{ id: string }[]>`
    insert into "user" (name, email, email_verified) values ('Viewer', 'viewer@plan.test', true)
    returning id`;
  const [viewer] = await db.sql<{ id: string }[]>`
    insert into member (organization_id, user_id, role) values (${orgId}, ${person!.id}, 'member')
    returning id`;
  await db.bulk(async (tx) => {
    // The board's other standings name members who need not exist for a plan: with replication
    // role "replica" their foreign keys (and the member triggers 30,000 sign-ups would run) are
    // not checked, which makes this setup seconds instead of minutes.
    await tx`set local session_replication_role = replica`;
    // XP with many ties (500 distinct totals), as real boards have.
    await tx`
      insert into xp_standing (organization_id, period, period_start, member_id, xp, lessons)
      select ${orgId}, p.period, ${WEEK}::date, m.id, (abs(hashtext(m.id::text)) % 500) * 10, 1
      from (select gen_random_uuid() as id from generate_series(2, ${MEMBERS})
            union all select ${viewer!.id}::uuid) m
      cross join (values ('weekly'), ('daily')) p(period)`;
    // Other periods' boards, as an organization has after a while: 8 more weeks and days.
    await tx`
      insert into xp_standing (organization_id, period, period_start, member_id, xp, lessons)
      select organization_id, period, period_start - 7 * w, member_id, xp + w, lessons
      from xp_standing, generate_series(1, 8) w where organization_id = ${orgId}`;
  });
  // Written without the award trigger (replica role): the counts are computed once from them.
  await db.sql`select guild_xp_recount_standings(${orgId})`;
  await db.sql`vacuum analyze xp_standing`;
  await db.sql`vacuum analyze xp_standing_count`;
  const [last] = await db.sql<{ member_id: string }[]>`
    select member_id from xp_standing where organization_id = ${orgId} and period = 'weekly'
    order by xp, member_id limit 1`;
  lastMemberId = last!.member_id;
  actor = {
    kind: "member",
    memberId: viewer!.id,
    userId: person!.id,
    role: "member",
    crmAccess: false,
  };
}, 300_000);
afterAll(() => db.drop());

it("reads the top 50 from the board's index without sorting the board", async () => {
  const { nodes, ms, buffers } = await withTenant(db.db, { organizationId: orgId, actor }, (s) =>
    explainAnalyze(s.db, boardTopQuery(s, "weekly", WEEK, 50)),
  );
  const scan = nodes.find((n) => n["Index Name"] === "xp_standing_board_idx");
  expect(scan, JSON.stringify(nodes.map((n) => n["Node Type"]))).toBeDefined();
  expect(nodes.some((n) => n["Node Type"] === "Sort")).toBe(false);
  expect(scan?.["Actual Rows"]).toBe(50);
  console.log(`leaderboard top 50 of ${MEMBERS}: ${buffers} buffers ${ms.toFixed(2)} ms`);
});

it("sums a bottom viewer's rank and the board's size over the board's XP values", async () => {
  const rank = await withTenant(db.db, { organizationId: orgId, actor }, (s) =>
    explainAnalyze(s.db, viewerStandingQuery(s, "weekly", WEEK, lastMemberId)),
  );
  const types = rank.nodes.map((n) => n["Node Type"]);
  expect(types).not.toContain("Seq Scan");
  expect(types).not.toContain("Sort");
  console.log(
    `leaderboard rank and size over ${MEMBERS}: ${rank.buffers} buffers ${rank.ms.toFixed(2)} ms`,
  );
  // The counts: one range of the count table's key (walked, or as a bitmap when the statistics
  // say so), its rows the board's distinct XP values (500), not its members (30,000).
  const plan = JSON.stringify(rank.nodes.map((n) => [n["Node Type"], n["Index Name"]]));
  const counts = rank.nodes.filter((n) => n["Index Name"] === "xp_standing_count_pk");
  expect(counts, plan).toHaveLength(1);
  expect(counts[0]?.["Actual Rows"]).toBeLessThanOrEqual(500);
  // Of the standings, the viewer's own and nothing else.
  const standings = rank.nodes.filter(
    (n) =>
      n["Relation Name"] === "xp_standing" ||
      /^xp_standing_(pk|board_idx)$/.test(String(n["Index Name"] ?? "")),
  );
  expect(standings.length, plan).toBeGreaterThan(0);
  expect(standings.every((n) => n["Actual Rows"] === 1)).toBe(true);
  expect(rank.buffers).toBeLessThan(100);
  // Without EXPLAIN's per-row timing: what a request waits for.
  await withTenant(db.db, { organizationId: orgId, actor }, async (s) => {
    for (const [label, query] of [
      ["top 50", boardTopQuery(s, "weekly", WEEK, 50)],
      ["rank", viewerStandingQuery(s, "weekly", WEEK, lastMemberId)],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        const started = performance.now();
        await s.db.execute(query);
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      console.log(
        `leaderboard ${label}, ${MEMBERS} on the board: median ${times[5]?.toFixed(2)} ms`,
      );
    }
  });
});
