// xp.me and leaderboard.get through the whole ladder (real callers, superjson, the tenant
// transaction): a member's post shows in their XP and on this week's board; another
// organization's member sees an empty board of their own, and bad input is a 400 on its field.
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
let other: Awaited<ReturnType<ApiFixture["createOrg"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["member"]);
  other = await fx.createOrg("other", ["member"]);
});
afterAll(() => fx.drop());

it("shows a member's XP and their place on the board, to their organization only", async () => {
  const owner = await acme.owner.caller("acme");
  const space = await owner.space.create({
    name: "Talk",
    slug: "talk",
    type: "discussion",
    visibility: "public",
    tierIds: [],
    description: "",
    icon: "",
    section: "",
  });
  const member = await acme.members.member!.caller("acme");
  const post = { spaceId: space.id, body: "Hello", type: "discussion" as const, tags: [] };
  await member.post.create({ ...post, title: "One", publish: true });
  await member.post.create({ ...post, title: "Two", publish: true });
  await owner.post.create({ ...post, title: "Three", publish: true });

  expect(await member.xp.me()).toMatchObject({
    xp: 10,
    level: 1,
    nextLevelXp: 3000,
    lessonsCompleted: 0,
    streaks: { current: 0, longest: 0, lastActiveDay: null },
  });
  const board = await member.leaderboard.get({ period: "weekly" });
  expect(board.boardSize).toBe(2);
  expect(board.rows.map((row) => [row.rank, row.memberId, row.xp])).toEqual([
    [1, acme.members.member!.memberId, 10],
    [2, acme.owner.memberId, 5],
  ]);
  expect(board.me).toMatchObject({ rank: 1, percentile: 100 });
  expect((await owner.leaderboard.get({ period: "all_time" })).me).toMatchObject({
    rank: 2,
    percentile: 50,
  });

  const stranger = await other.members.member!.caller("other");
  const theirs = await stranger.leaderboard.get({ period: "weekly" });
  expect(theirs).toMatchObject({ boardSize: 0, rows: [], me: null });
  expect(await stranger.xp.me()).toMatchObject({ xp: 0, level: 1 });
  // Naming acme from outside it: refused before anything is read.
  expect((await refusalOf((await other.members.member!.caller("acme")).xp.me()))?.code).toBe(
    "NOT_FOUND",
  );
});

it("refuses a board that does not exist, on its field", async () => {
  const member = await acme.members.member!.caller("acme");
  expect(await refusalOf(member.leaderboard.get({ period: "yearly" as "weekly" }))).toMatchObject({
    code: "BAD_REQUEST",
    fields: ["period"],
  });
  expect(await refusalOf(member.leaderboard.get({ period: "all_time", offset: 1 }))).toMatchObject({
    code: "BAD_REQUEST",
    fields: ["offset"],
  });
  expect(await refusalOf(member.leaderboard.get({ period: "daily", limit: 0 }))).toMatchObject({
    code: "BAD_REQUEST",
    fields: ["limit"],
  });
});
