// CRM tasks through the procedures, and their reminder through the real job runner with the
// controllable clock (no sleeping): it arrives once at the due time, moves with the due time, and
// a task done or deleted first sends nothing.
import { asSystem, createTestClock, type TestClock, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { advanceJobClock } from "../jobs/system.ts";
import { eventsAfter } from "../realtime/event-log.ts";
import { listActivity } from "../services/activity.ts";
import { type ApiFixture, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Caller = Awaited<ReturnType<Awaited<ReturnType<ApiFixture["signUp"]>>["caller"]>>;
let owner: Caller;
let member: Caller;
/** A moderator without CRM access. */
let moderator: Awaited<ReturnType<ApiFixture["addMember"]>>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Far enough that no test's clock reaches it: tasks that are not about reminders. */
const later = (days = 300) => new Date(Date.now() + days * DAY);

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  // The member works the CRM: an admin granted them access. The moderator has none.
  acme = await fx.createOrg("acme", ["member"], { crmAccess: true });
  moderator = await fx.addMember(acme.org.id, "moderator");
  owner = await acme.owner.caller("acme");
  member = await acme.members.member!.caller("acme");
});
afterAll(() => fx.drop());

describe("task", () => {
  it("creates a task for the caller by default, with its lead, and lists it", async () => {
    const lead = await owner.lead.create({ name: "Grace Hopper" });
    const created = await member.task.create({
      title: "  Call Grace back ",
      notes: "",
      dueAt: later(),
      leadId: lead.id,
    });
    expect(created).toMatchObject({
      title: "Call Grace back",
      notes: null,
      doneAt: null,
      assigneeMemberId: acme.members.member!.memberId,
      assigneeName: acme.members.member!.name,
      leadId: lead.id,
      leadName: "Grace Hopper",
      createdByMemberId: acme.members.member!.memberId,
    });
    expect((await member.task.list({})).items.map((t) => t.id)).toContain(created.id);
    expect((await owner.task.list({})).items.map((t) => t.id)).not.toContain(created.id);
    // A colleague's list, by asking for it.
    const theirs = await owner.task.list({ assigneeMemberId: acme.members.member!.memberId });
    expect(theirs.items.map((t) => t.id)).toContain(created.id);
    expect((await owner.task.listForLead({ leadId: lead.id })).items).toEqual([created]);
    expect(await owner.task.byId({ id: created.id })).toEqual(created);
  });

  it("assigns to a colleague with CRM access only", async () => {
    const task = await owner.task.create({
      title: "For the member",
      dueAt: later(),
      assigneeMemberId: acme.members.member!.memberId,
    });
    expect(task.assigneeName).toBe(acme.members.member!.name);
    expect(
      await refusalOf(
        owner.task.create({
          title: "For the moderator",
          dueAt: later(),
          assigneeMemberId: moderator.memberId,
        }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["assigneeMemberId"] });
  });

  it("refuses bad input on its field, and another organization's lead as not found", async () => {
    expect(await refusalOf(member.task.create({ title: "   ", dueAt: later() }))).toEqual({
      code: "BAD_REQUEST",
      fields: ["title"],
    });
    for (const dueAt of [new Date("invalid"), new Date(-8.64e15), "tomorrow"])
      expect(
        // @ts-expect-error: a string, as a broken client would send
        await refusalOf(member.task.create({ title: "Bad date", dueAt })),
      ).toEqual({ code: "BAD_REQUEST", fields: ["dueAt"] });
    const other = await fx.createOrg("other-co");
    const theirs = await (await other.owner.caller("other-co")).lead.create({ name: "Theirs" });
    expect(
      await refusalOf(member.task.create({ title: "Foreign", dueAt: later(), leadId: theirs.id })),
    ).toEqual({ code: "NOT_FOUND", fields: [] });
    expect(await refusalOf(member.task.listForLead({ leadId: theirs.id }))).toEqual({
      code: "NOT_FOUND",
      fields: [],
    });
    const mine = await member.task.create({ title: "Mine", dueAt: later() });
    expect(await refusalOf(member.task.update({ id: mine.id, leadId: theirs.id }))).toEqual({
      code: "NOT_FOUND",
      fields: [],
    });
    // Nothing was written by the refusals.
    const titles = (await member.task.list({ limit: 100 })).items.map((t) => t.title);
    expect(titles).not.toContain("Foreign");
    expect(titles).not.toContain("Bad date");
  });

  it("is for the CRM's staff: a member without CRM access is refused", async () => {
    const api = await moderator.caller("acme");
    expect(await refusalOf(api.task.list({}))).toEqual({ code: "FORBIDDEN", fields: [] });
    expect(await refusalOf(api.task.create({ title: "x", dueAt: later() }))).toEqual({
      code: "FORBIDDEN",
      fields: [],
    });
  });

  it("completes and reopens, with activity entries and live events", async () => {
    const orgId = acme.org.id;
    const [position] = await withTenant(fx.db, asSystem(orgId, "test"), async (scope) => {
      const events = await eventsAfter(scope, 0, 10_000);
      return [events.at(-1)?.id ?? 0];
    });
    const task = await member.task.create({ title: "Send the quote", dueAt: later() });
    const done = await member.task.complete({ id: task.id });
    expect(done.doneAt).toBeInstanceOf(Date);
    // Twice: nothing more.
    expect(await member.task.complete({ id: task.id })).toEqual(done);
    expect((await member.task.list({ status: "done" })).items.map((t) => t.id)).toContain(task.id);
    expect((await member.task.list({})).items.map((t) => t.id)).not.toContain(task.id);
    const reopened = await member.task.complete({ id: task.id, done: false });
    expect(reopened.doneAt).toBeNull();
    await withTenant(fx.db, asSystem(orgId, "test"), async (scope) => {
      const log = await listActivity(scope, {
        target: { type: "task", id: task.id },
        limit: 10,
        cursor: null,
      });
      expect(log.items.map((entry) => entry.action)).toEqual([
        "task.reopened",
        "task.completed",
        "task.created",
      ]);
      const events = await eventsAfter(scope, position ?? 0, 100);
      expect(
        events.filter((e) => e.target.id === task.id).map((e) => [e.kind, e.actorMemberId]),
      ).toEqual([
        ["task.created", acme.members.member!.memberId],
        ["task.completed", acme.members.member!.memberId],
        ["task.reopened", acme.members.member!.memberId],
      ]);
    });
  });

  it("deletes (soft, with undo) and restores", async () => {
    const task = await member.task.create({ title: "Oops", dueAt: later() });
    expect(await member.task.delete({ id: task.id })).toEqual({ id: task.id });
    expect(await refusalOf(member.task.byId({ id: task.id }))).toEqual({
      code: "NOT_FOUND",
      fields: [],
    });
    expect(await refusalOf(member.task.delete({ id: task.id }))).toEqual({
      code: "NOT_FOUND",
      fields: [],
    });
    expect((await member.task.restore({ id: task.id })).title).toBe("Oops");
    expect((await member.task.byId({ id: task.id })).id).toBe(task.id);
  });

  it("hides a soft-deleted lead on its tasks, and shows it again once restored", async () => {
    const lead = await owner.lead.create({ name: "Soon deleted" });
    const task = await owner.task.create({ title: "Follow up", dueAt: later(), leadId: lead.id });
    await owner.lead.remove({ ids: [lead.id] });
    expect(await owner.task.byId({ id: task.id })).toMatchObject({ leadId: null, leadName: null });
    expect(await refusalOf(owner.task.listForLead({ leadId: lead.id }))).toEqual({
      code: "NOT_FOUND",
      fields: [],
    });
    expect(
      await refusalOf(
        owner.task.create({ title: "On a gone lead", dueAt: later(), leadId: lead.id }),
      ),
    ).toEqual({ code: "NOT_FOUND", fields: [] });
    await owner.lead.restore({ ids: [lead.id] });
    expect(await owner.task.byId({ id: task.id })).toMatchObject({
      leadId: lead.id,
      leadName: "Soon deleted",
    });
  });

  it("pages open tasks by due date (keyset), and lists only overdue ones when asked", async () => {
    const person = await fx.addMember(acme.org.id, "member", { crmAccess: true });
    const api = await person.caller("acme");
    const base = Date.now() + 200 * DAY;
    // Two share a due time: the id breaks the tie, and no page repeats or skips one.
    const dues = [5, 1, 3, 3, 2, 4, 0].map((h) => new Date(base + h * HOUR));
    const created = [];
    for (const [i, dueAt] of dues.entries())
      created.push(await api.task.create({ title: `Task ${i}`, dueAt }));
    const overdue = await api.task.create({ title: "Late", dueAt: new Date(Date.now() - DAY) });
    const seen: string[] = [];
    let cursor: { keys: string[]; id: string } | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.task.list>> = await api.task.list({
        limit: 3,
        cursor,
      });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    const expected = [...created, overdue]
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id.localeCompare(b.id))
      .map((t) => t.id);
    expect(seen).toEqual(expected);
    expect((await api.task.list({ status: "overdue" })).items.map((t) => t.id)).toEqual([
      overdue.id,
    ]);
    // Done ones, most recently done first.
    await api.task.complete({ id: created[0]!.id });
    await api.task.complete({ id: created[1]!.id });
    const done = await api.task.list({ status: "done", limit: 1 });
    expect(done.items.map((t) => t.id)).toEqual([created[1]!.id]);
    const next = await api.task.list({ status: "done", limit: 1, cursor: done.nextCursor });
    expect(next.items.map((t) => t.id)).toEqual([created[0]!.id]);
    expect(next.nextCursor).toBeNull();
  });
});

describe("task reminder", () => {
  let clock: TestClock;
  let person: Awaited<ReturnType<ApiFixture["addMember"]>>;
  let api: Caller;
  const mailsAbout = (title: string) =>
    (fx.mailer.mailbox?.list(person.email) ?? []).filter((m) => m.subject.includes(title));
  const notificationsAbout = async (title: string) =>
    (await api.notification.list({ limit: 50 })).items.filter((n) => n.text.includes(title));
  /** Moves the clock (and the queue's run times) forward, then runs what became due. */
  const advance = async (ms: number) => {
    await advanceJobClock(fx.db, clock, ms);
    await fx.runJobs({ clock });
  };

  beforeAll(async () => {
    person = await fx.addMember(acme.org.id, "member", { crmAccess: true, name: "Reminded" });
    api = await person.caller("acme");
  });

  it("arrives once at the due time, in the app and by mail, for a task the assignee made", async () => {
    clock = createTestClock();
    const task = await api.task.create({
      title: "Renew the contract",
      dueAt: new Date(Date.now() + 2 * HOUR),
    });
    await fx.runJobs({ clock });
    await advance(HOUR);
    expect(await notificationsAbout("Renew the contract")).toEqual([]);
    expect(mailsAbout("Renew the contract")).toEqual([]);
    await advance(HOUR + 60_000);
    const notifications = await notificationsAbout("Renew the contract");
    expect(notifications.map((n) => [n.text, n.href])).toEqual([
      ["Task due: Renew the contract", "/o/acme/tasks"],
    ]);
    const mails = mailsAbout("Renew the contract");
    expect(mails).toHaveLength(1);
    expect(mails[0]?.link).toBe(`${fx.deps.appUrl}/o/acme/tasks`);
    // Later, and again: nothing more.
    await advance(DAY);
    expect(await notificationsAbout("Renew the contract")).toHaveLength(1);
    expect(mailsAbout("Renew the contract")).toHaveLength(1);
    expect((await api.task.byId({ id: task.id })).doneAt).toBeNull();
  });

  it("moves with the due date", async () => {
    clock = createTestClock();
    const task = await api.task.create({
      title: "Prepare the demo",
      dueAt: new Date(Date.now() + 2 * HOUR),
    });
    await api.task.update({ id: task.id, dueAt: new Date(Date.now() + 5 * HOUR) });
    await advance(3 * HOUR);
    expect(await notificationsAbout("Prepare the demo")).toEqual([]);
    expect(mailsAbout("Prepare the demo")).toEqual([]);
    await advance(2 * HOUR + 60_000);
    expect(await notificationsAbout("Prepare the demo")).toHaveLength(1);
    expect(mailsAbout("Prepare the demo")).toHaveLength(1);
  });

  it("sends nothing for a task done or deleted before its due time", async () => {
    clock = createTestClock();
    const done = await api.task.create({
      title: "Already handled",
      dueAt: new Date(Date.now() + HOUR),
    });
    const deleted = await api.task.create({
      title: "Not needed after all",
      dueAt: new Date(Date.now() + HOUR),
    });
    await api.task.complete({ id: done.id });
    await api.task.delete({ id: deleted.id });
    await advance(2 * HOUR);
    for (const title of ["Already handled", "Not needed after all"]) {
      expect(await notificationsAbout(title)).toEqual([]);
      expect(mailsAbout(title)).toEqual([]);
    }
  });

  it("follows the assignee's preferences: no mail when they turned it off", async () => {
    clock = createTestClock();
    await api.notification.setPreference({ kind: "task.due", inApp: true, mail: false });
    await api.task.create({ title: "Quiet reminder", dueAt: new Date(Date.now() + HOUR) });
    await advance(HOUR + 60_000);
    expect(await notificationsAbout("Quiet reminder")).toHaveLength(1);
    expect(mailsAbout("Quiet reminder")).toEqual([]);
    await api.notification.setPreference({ kind: "task.due", inApp: true, mail: true });
  });
});
