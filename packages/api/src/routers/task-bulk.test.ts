// The tasks table: sorted keyset pages, everyone's tasks, the count of a filter, and the bulk
// actions by filter or ids (complete, reopen, reassign, delete with its Undo), logged per task.
import { asSystem, crmTask, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TASK_BULK_LIMIT } from "../schemas/task.ts";
import { type ApiFixture, codeOf, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
let rival: Awaited<ReturnType<ApiFixture["createOrg"]>>;

const DAY = 86_400_000;
const later = (days: number) => new Date(Date.now() + days * DAY);

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  // "member" works the CRM (granted access); "moderator" does not.
  acme = await fx.createOrg("acme", ["member", "moderator"], { crmAccess: true });
  rival = await fx.createOrg("rival");
  await (await acme.owner.caller("acme")).member.setCrmAccess({
    id: acme.members.moderator!.memberId,
    crmAccess: false,
  });
});
afterAll(() => fx.drop());

/** Every task of an organization by title, deleted ones included, read past RLS. */
async function tasksOf(orgId: string) {
  return withTenant(fx.db, asSystem(orgId, "test"), async ({ db: tx }) => {
    const rows = await tx.select().from(crmTask);
    return new Map(rows.map((row) => [row.title, row]));
  });
}

describe("task list sorting and count", () => {
  it("pages through every sort in both directions, each task once, in the sort's order", async () => {
    const org = await fx.createOrg("sorts");
    const api = await org.owner.caller("sorts");
    const titles = ["delta", "Alpha", "charlie", "Bravo", "echo"];
    const made = [];
    for (const [i, title] of titles.entries())
      made.push(await api.task.create({ title, dueAt: later(10 - i) }));
    // Two done, one overdue.
    await api.task.complete({ id: made[0]!.id });
    await api.task.complete({ id: made[3]!.id });
    await api.task.create({ title: "foxtrot", dueAt: new Date(Date.now() - DAY) });
    type Row = Awaited<ReturnType<typeof api.task.list>>["items"][number];
    const key = {
      dueAt: (t: Row) => [t.dueAt.getTime()],
      title: (t: Row) => [t.title.toLowerCase()],
      status: (t: Row) => [t.doneAt ? 1 : 0, t.dueAt.getTime()],
      doneAt: (t: Row) => [t.doneAt?.getTime() ?? -Infinity],
    };
    const compare = (a: (string | number)[], b: (string | number)[]) => {
      for (const [i, x] of a.entries()) {
        const y = b[i]!;
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    };
    for (const sort of ["dueAt", "title", "status", "doneAt"] as const)
      for (const order of ["asc", "desc"] as const) {
        const seen: Row[] = [];
        let cursor = null;
        do {
          const page: Awaited<ReturnType<typeof api.task.list>> = await api.task.list({
            status: "all",
            sort,
            order,
            limit: 2,
            cursor,
          });
          seen.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
        const label = `${sort} ${order}`;
        expect(new Set(seen.map((t) => t.id)).size, label).toBe(6);
        for (let i = 1; i < seen.length; i++) {
          const step = compare(key[sort](seen[i - 1]!), key[sort](seen[i]!));
          expect(order === "asc" ? step <= 0 : step >= 0, label).toBe(true);
        }
      }
    // By status, the overdue one (open, due earliest) comes first.
    const byStatus = await api.task.list({ status: "all", sort: "status", limit: 1 });
    expect(byStatus.items.map((t) => t.title)).toEqual(["foxtrot"]);
    expect(await api.task.count({ status: "all" })).toEqual({ total: 6 });
    expect(await api.task.count({ status: "done" })).toEqual({ total: 2 });
    expect(await api.task.count({ status: "overdue" })).toEqual({ total: 1 });
  });

  it("lists everyone's tasks, or one member's, and counts them alike", async () => {
    const owner = await acme.owner.caller("acme");
    const member = await acme.members.member!.caller("acme");
    await owner.task.create({ title: "Owner's own", dueAt: later(5) });
    await member.task.create({ title: "Member's own", dueAt: later(5) });
    const everyone = await member.task.list({ everyone: true, limit: 100 });
    expect(everyone.items.map((t) => t.title)).toEqual(
      expect.arrayContaining(["Owner's own", "Member's own"]),
    );
    const mine = await member.task.list({ limit: 100 });
    expect(mine.items.map((t) => t.title)).not.toContain("Owner's own");
    expect((await member.task.count({ everyone: true })).total).toBe(everyone.items.length);
  });
});

describe("task bulk actions", () => {
  it("complete and reopen every task the filter matches, logged per task, once", async () => {
    const api = await acme.members.member!.caller("acme");
    const ids = [];
    for (const title of ["Bulk one", "Bulk two", "Bulk three"])
      ids.push((await api.task.create({ title, dueAt: later(20) })).id);
    // Someone else's task: the caller's default filter (their own) never reaches it.
    const owner = await acme.owner.caller("acme");
    await owner.task.create({ title: "Owner's bulk", dueAt: later(20) });

    expect(await api.task.bulkComplete({ filter: {}, ids, done: true })).toEqual({ changed: 3 });
    expect(await api.task.bulkComplete({ filter: {}, ids, done: true })).toEqual({ changed: 0 });
    const after = await tasksOf(acme.org.id);
    for (const title of ["Bulk one", "Bulk two", "Bulk three"])
      expect(after.get(title)?.doneAt, title).not.toBeNull();
    // All matching, no ids: every open task of the caller's, not the owner's.
    await api.task.bulkComplete({ filter: {}, done: true });
    expect((await tasksOf(acme.org.id)).get("Owner's bulk")?.doneAt).toBeNull();

    expect(
      await api.task.bulkComplete({ filter: { status: "done" }, ids: [ids[0]!], done: false }),
    ).toEqual({ changed: 1 });
    expect((await tasksOf(acme.org.id)).get("Bulk one")?.doneAt).toBeNull();
    const logged = await fx.sql<{ action: string }[]>`
      select action from activity where target_id = ${ids[0]!} order by created_at, id`;
    expect(logged.map((e) => e.action)).toEqual([
      "task.created",
      "task.completed",
      "task.reopened",
    ]);
  });

  it("reassign to a member of the CRM's staff only", async () => {
    const owner = await acme.owner.caller("acme");
    const task = await owner.task.create({ title: "Hand over", dueAt: later(30) });
    const input = { filter: {}, ids: [task.id] };
    expect(
      await refusalOf(
        owner.task.bulkAssign({ ...input, assigneeMemberId: acme.members.moderator!.memberId }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["assigneeMemberId"] });
    expect(
      await owner.task.bulkAssign({ ...input, assigneeMemberId: acme.members.member!.memberId }),
    ).toEqual({ changed: 1 });
    expect((await tasksOf(acme.org.id)).get("Hand over")?.assigneeMemberId).toBe(
      acme.members.member!.memberId,
    );
    // Now it is the member's, the owner's own filter no longer matches it.
    expect(
      await owner.task.bulkAssign({ ...input, assigneeMemberId: acme.members.member!.memberId }),
    ).toEqual({ changed: 0 });
  });

  it("delete with an Undo that restores exactly them; a repeat deletes nothing", async () => {
    const api = await acme.members.member!.caller("acme");
    const doomed = [];
    for (const title of ["Gone one", "Gone two"])
      doomed.push((await api.task.create({ title, dueAt: later(40) })).id);
    const { ids } = await api.task.bulkDelete({ filter: { status: "all" }, ids: doomed });
    expect(ids.sort()).toEqual([...doomed].sort());
    expect(await api.task.bulkDelete({ filter: { status: "all" }, ids: doomed })).toEqual({
      ids: [],
    });
    expect((await tasksOf(acme.org.id)).get("Gone one")?.deletedAt).not.toBeNull();
    expect(await api.task.bulkRestore({ ids })).toEqual({ ids: expect.arrayContaining(doomed) });
    expect((await tasksOf(acme.org.id)).get("Gone one")?.deletedAt).toBeNull();
    // Restoring again: they are not deleted any more, so nothing is restored, all or nothing.
    expect(await codeOf(api.task.bulkRestore({ ids }))).toBe("NOT_FOUND");
  });

  it("never reaches another organization's tasks, and refuses members without CRM access", async () => {
    const theirs = await (await rival.owner.caller("rival")).task.create({
      title: "Rival's task",
      dueAt: later(50),
    });
    const owner = await acme.owner.caller("acme");
    const selection = { filter: { everyone: true, status: "all" as const }, ids: [theirs.id] };
    expect(await owner.task.bulkComplete({ ...selection, done: true })).toEqual({ changed: 0 });
    expect(await owner.task.bulkDelete(selection)).toEqual({ ids: [] });
    expect(await codeOf(owner.task.bulkRestore({ ids: [theirs.id] }))).toBe("NOT_FOUND");
    expect((await tasksOf(rival.org.id)).get("Rival's task")).toMatchObject({
      doneAt: null,
      deletedAt: null,
    });
    const moderator = await acme.members.moderator!.caller("acme");
    expect(await codeOf(moderator.task.bulkComplete({ ...selection, done: true }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(moderator.task.bulkDelete(selection))).toBe("FORBIDDEN");
  });

  it(`refuses a selection of more than ${TASK_BULK_LIMIT} tasks and changes nothing`, async () => {
    const big = await fx.createOrg("big");
    await withTenant(fx.db, asSystem(big.org.id, "test"), async ({ db: tx }) => {
      await tx.insert(crmTask).values(
        Array.from({ length: TASK_BULK_LIMIT + 1 }, (_, i) => ({
          organizationId: big.org.id,
          title: `Bulk ${i}`,
          dueAt: later(60),
          assigneeMemberId: big.owner.memberId,
          createdByMemberId: big.owner.memberId,
        })),
      );
    });
    const api = await big.owner.caller("big");
    expect(await api.task.count({})).toEqual({ total: TASK_BULK_LIMIT + 1 });
    const refused = await api.task.bulkDelete({ filter: {} }).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "BAD_REQUEST",
      message: `More than ${TASK_BULK_LIMIT.toLocaleString("en")} tasks match: narrow the filter and try again`,
    });
    expect(await api.task.count({})).toEqual({ total: TASK_BULK_LIMIT + 1 });
    // One fewer fits: the whole set changes in one request.
    const [first] = (await api.task.list({ limit: 1 })).items;
    await api.task.delete({ id: first!.id });
    expect(await api.task.bulkComplete({ filter: {}, done: true })).toEqual({
      changed: TASK_BULK_LIMIT,
    });
  });
});
