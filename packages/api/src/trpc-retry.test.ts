// An organization procedure that PostgreSQL rolls back to break a deadlock runs again, and the
// member gets their answer instead of 409 "Concurrent update, please retry" (CI saw one in the
// a11y sweep's setup). The deadlock here is made on purpose: another transaction holds the
// organization's event counter, which post.create's publish takes at its end, and then asks
// for the author's XP standings, which post.create's XP award holds.
import { sql } from "@guild/db";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture } from "./testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["member"]);
});
afterAll(() => fx.drop());

it("a procedure chosen as a deadlock's victim runs again and succeeds, once", async () => {
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
  const author = acme.members.member!;
  const member = await author.caller("acme");
  // The author has standings (their first XP), so the other transaction has rows to ask for.
  await member.post.create({
    spaceId: space.id,
    title: "First",
    body: "Hi",
    type: "discussion",
    tags: [],
    publish: true,
  });

  const client = fx.db.$client;
  const other = await client.reserve();
  try {
    await other`begin`;
    await other`update organization_event_counter set last_event_id = last_event_id
                where organization_id = ${acme.org.id}`;
    const created = member.post.create({
      spaceId: space.id,
      title: "Second",
      body: "Posted while another transaction holds the event counter",
      type: "discussion",
      tags: [],
      publish: true,
    });
    // post.create has awarded its XP and waits for the counter at its end.
    for (let waited = 0; ; waited += 20) {
      const [row] = await client<{ waiting: number }[]>`
        select count(*)::int as waiting from pg_stat_activity
        where wait_event_type = 'Lock' and pid <> ${(await other`select pg_backend_pid() as pid`)[0]?.pid}`;
      if ((row?.waiting ?? 0) > 0) break;
      if (waited > 10_000) throw new Error("post.create never waited for the counter");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Now this transaction asks for what post.create holds: a deadlock, which PostgreSQL breaks
    // by rolling back post.create (it has waited longer, so it checks first).
    await other`update xp_standing set xp = xp
                where organization_id = ${acme.org.id} and member_id = ${author.memberId}`;
    await other`commit`;
    const post = await created;
    expect(post.title).toBe("Second");
  } finally {
    other.release();
  }
  const titles = await fx.db.execute<{ title: string }>(
    sql`select title from post where organization_id = ${acme.org.id} order by created_at`,
  );
  expect(titles.map((row) => row.title)).toEqual(["First", "Second"]);
});
