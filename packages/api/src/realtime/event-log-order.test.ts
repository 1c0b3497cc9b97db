// publish() writes at the end of its transaction. The organization's event counter is a row
// every publishing transaction locks; taken mid-transaction it completed a deadlock (CI, the a11y
// sweep's setup: comment.create answered 409 "Concurrent update"): the comment published, then
// awarded its author's XP, while an achievement job had awarded that member XP and went on to
// publish. Replayed here step by step, in that order.
import { randomUUID } from "node:crypto";
import { asSystem, sql, withTenant } from "@guild/db";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { awardXp } from "../services/xp.ts";
import { type ApiFixture, createApiFixture } from "../testing.ts";
import { publish } from "./event-log.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["member"]);
});
afterAll(() => fx.drop());

/** A promise and the function that settles it: one step of one transaction waits for another's. */
function signal() {
  let done = () => {};
  const reached = new Promise<void>((resolve) => {
    done = resolve;
  });
  return { reached, done };
}

it("a transaction that publishes, then awards XP, and one that awards the same member XP, then publishes, both commit", async () => {
  const memberId = acme.members.member!.memberId;
  const target = { type: "member", id: memberId };
  const published = signal();
  const awarded = signal();
  const counterBefore = await fx.db.execute<{ last: number }>(
    sql`select coalesce(max(last_event_id), 0)::int as last from organization_event_counter
        where organization_id = ${acme.org.id}`,
  );

  const comment = withTenant(fx.db, asSystem(acme.org.id, "comment"), async (scope) => {
    await publish(scope, { kind: "member.updated", target });
    published.done();
    await awarded.reached;
    // Waits for the other transaction's hold on the member's standings: it must be able to end.
    await awardXp(scope, { memberId, kind: "comment", sourceId: randomUUID(), amount: 2 });
  });
  const job = withTenant(fx.db, asSystem(acme.org.id, "achievement"), async (scope) => {
    await published.reached;
    await awardXp(scope, { memberId, kind: "achievement", sourceId: randomUUID(), amount: 10 });
    awarded.done();
    await publish(scope, { kind: "member.updated", target });
  });

  const outcomes = await Promise.allSettled([comment, job]);
  expect(outcomes.map((o) => (o.status === "rejected" ? String(o.reason) : "ok"))).toEqual([
    "ok",
    "ok",
  ]);
  // Both awards and both events were written, each event once.
  const [standing] = await fx.db.execute<{ xp: number }>(
    sql`select xp from xp_standing where organization_id = ${acme.org.id}
        and member_id = ${memberId} and period = 'all_time'`,
  );
  expect(standing?.xp).toBe(12);
  const [counter] = await fx.db.execute<{ last: number }>(
    sql`select last_event_id::int as last from organization_event_counter
        where organization_id = ${acme.org.id}`,
  );
  expect(counter?.last).toBe((counterBefore[0]?.last ?? 0) + 2);
});

it("events published in a transaction that fails are never written", async () => {
  const before = await fx.db.execute<{ n: number }>(
    sql`select count(*)::int as n from org_event where organization_id = ${acme.org.id}`,
  );
  await expect(
    withTenant(fx.db, asSystem(acme.org.id, "test"), async (scope) => {
      await publish(scope, {
        kind: "member.updated",
        target: { type: "member", id: randomUUID() },
      });
      throw new Error("the change failed");
    }),
  ).rejects.toThrow("the change failed");
  const after = await fx.db.execute<{ n: number }>(
    sql`select count(*)::int as n from org_event where organization_id = ${acme.org.id}`,
  );
  expect(after[0]?.n).toBe(before[0]?.n);
});
