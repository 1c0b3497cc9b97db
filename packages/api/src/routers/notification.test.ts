// Notifications end to end through the procedures and the real job runner: lead assignment as the
// trigger, preferences, read state, mail, live events, and that a member sees only their own.
import { asSystem, createTestClock, withTenant } from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  notificationMail,
  pruneReadNotifications,
  recipientActor,
} from "../services/notification.ts";
import { type ApiFixture, codeOf, createApiFixture, refusalOf } from "../testing.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
type Acme = typeof acme;
let owner: Awaited<ReturnType<Acme["owner"]["caller"]>>;
let member: Awaited<ReturnType<Acme["owner"]["caller"]>>;
let admin: Awaited<ReturnType<Acme["owner"]["caller"]>>;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  // The member works the CRM (leads are assigned to its staff): an admin granted them access.
  acme = await fx.createOrg("acme", ["member", "admin"], { crmAccess: true });
  owner = await acme.owner.caller("acme");
  member = await acme.members.member!.caller("acme");
  admin = await acme.members.admin!.caller("acme");
});
afterAll(() => fx.drop());

const mailsTo = (address: string) => fx.mailer.mailbox?.list(address) ?? [];
const tasksBulkAssignedChoice = {
  kind: "task.bulk_assigned",
  label: "Tasks are assigned to you in bulk",
  inApp: true,
  mail: true,
};
const planPaymentFailedChoice = {
  kind: "billing.payment_failed",
  label: "A payment for the organization's plan failed",
  inApp: true,
  mail: true,
};
const commentChoices = [
  {
    kind: "comment.replied",
    label: "Someone replies to your post or comment",
    inApp: true,
    mail: true,
  },
  {
    kind: "comment.mentioned",
    label: "Someone mentions you in a comment",
    inApp: true,
    mail: true,
  },
];
const tierPaymentFailedChoices = [
  {
    kind: "billing.tier_payment_failed",
    label: "A payment for your tier failed",
    inApp: true,
    mail: true,
  },
  {
    kind: "billing.member_tier_payment_failed",
    label: "A member's payment for their tier failed",
    inApp: true,
    mail: true,
  },
];
const joinChoices = [
  {
    kind: "join.requested",
    label: "Someone asks to join the organization (admins)",
    inApp: true,
    mail: true,
  },
  { kind: "join.approved", label: "Your request to join was approved", inApp: true, mail: true },
];
const communityChoices = [
  { kind: "post.mentioned", label: "Someone mentions you in a post", inApp: true, mail: true },
  { kind: "space.new_post", label: "A new post in a space you follow", inApp: true, mail: false },
  {
    kind: "reaction.added",
    label: "Someone reacts to your post or comment",
    inApp: true,
    mail: false,
  },
  {
    kind: "moderation.hidden",
    label: "A moderator hides your post or comment",
    inApp: true,
    mail: true,
  },
  {
    kind: "moderation.removed",
    label: "A moderator deletes your post or comment",
    inApp: true,
    mail: true,
  },
  { kind: "moderation.locked", label: "A moderator locks your post", inApp: true, mail: false },
];
const learningChoices = [
  { kind: "achievement.earned", label: "You earn an achievement", inApp: true, mail: false },
];
const liveSessionChoices = [
  {
    kind: "event.recording",
    label: "A session you signed up for has its recording",
    inApp: true,
    mail: false,
  },
];
const eventChoices = [
  {
    kind: "event.cancelled",
    label: "An event you plan to attend is cancelled",
    inApp: true,
    mail: true,
  },
  {
    kind: "event.promoted",
    label: "You get a seat from the waitlist",
    inApp: true,
    mail: true,
  },
  {
    kind: "event.reminder",
    label: "Reminders of events you are going to",
    inApp: true,
    mail: true,
  },
];
const studioChoices = [
  {
    kind: "studio.publish_failed",
    label: "A scheduled post of yours could not be published",
    inApp: true,
    mail: true,
  },
];
const bulkAssignedChoice = {
  kind: "lead.bulk_assigned",
  label: "Several leads are assigned to you at once",
  inApp: true,
  mail: true,
};

describe("notifications", () => {
  it("tells a member a colleague assigned them a lead: in the app and by mail, once", async () => {
    const before = (await member.notification.unreadCount()).count;
    const mailsBefore = mailsTo(acme.members.member!.email).length;
    const lead = await owner.lead.create({
      name: "Grace Hopper",
      ownerMemberId: acme.members.member!.memberId,
    });
    // Nothing until the job has run: the fan-out is a job, committed with the lead.
    expect((await member.notification.unreadCount()).count).toBe(before);
    await fx.runJobs();
    expect((await member.notification.unreadCount()).count).toBe(before + 1);
    const { items } = await member.notification.list({});
    expect(items[0]).toMatchObject({
      kind: "lead.assigned",
      text: `${acme.owner.name} assigned you the lead Grace Hopper`,
      href: `/o/acme/leads/${lead.id}`,
      readAt: null,
    });
    expect(items[0]?.createdAt).toBeInstanceOf(Date);
    const mails = mailsTo(acme.members.member!.email);
    expect(mails.length).toBe(mailsBefore + 1);
    expect(mails[0]?.subject).toBe(
      `${acme.owner.name} assigned you the lead Grace Hopper (Org acme)`,
    );
    expect(mails[0]?.link).toBe(`${fx.deps.appUrl}/o/acme/leads/${lead.id}`);
    // The actor is told nothing, and running the jobs again adds nothing.
    await fx.runJobs();
    expect((await member.notification.unreadCount()).count).toBe(before + 1);
    expect((await owner.notification.list({})).items).toEqual([]);
  });

  it("does not notify self-assignment, nor an update that keeps the owner", async () => {
    const before = (await member.notification.list({ limit: 50 })).items.length;
    const lead = await member.lead.create({
      name: "Mine",
      ownerMemberId: acme.members.member!.memberId,
    });
    await owner.lead.update({ id: lead.id, company: "Same owner" });
    await owner.lead.update({ id: lead.id, ownerMemberId: acme.members.member!.memberId });
    await fx.runJobs();
    expect((await member.notification.list({ limit: 50 })).items.length).toBe(before);
    // Reassigning to someone else does.
    await member.lead.update({ id: lead.id, ownerMemberId: acme.members.admin!.memberId });
    await fx.runJobs();
    const [latest] = (await admin.notification.list({})).items;
    expect(latest?.text).toBe(`${acme.members.member!.name} assigned you the lead Mine`);
  });

  it("tells a member a colleague gave them a task, on creation or reassignment; never oneself", async () => {
    const person = acme.members.member!;
    const listed = async () => (await member.notification.list({ limit: 50 })).items;
    const before = (await listed()).length;
    const mailsBefore = mailsTo(person.email).length;
    const dueAt = new Date(Date.now() + 7 * 86_400_000);
    await owner.task.create({ title: "Call Ada back", dueAt, assigneeMemberId: person.memberId });
    await fx.runJobs();
    const [latest] = await listed();
    expect(latest).toMatchObject({
      kind: "task.assigned",
      text: `${acme.owner.name} assigned you the task Call Ada back`,
      href: "/o/acme/tasks",
    });
    expect(mailsTo(person.email).length).toBe(mailsBefore + 1);
    // Her own task, an edit that keeps the assignee, and giving it back to herself: nothing.
    const own = await member.task.create({ title: "Mine", dueAt });
    await owner.task.update({ id: own.id, title: "Mine, renamed" });
    await fx.runJobs();
    expect((await listed()).length).toBe(before + 1);
    // Reassigned to her by a colleague: told.
    const theirs = await owner.task.create({ title: "Owner's", dueAt });
    await owner.task.update({ id: theirs.id, assigneeMemberId: person.memberId });
    await fx.runJobs();
    const items = await listed();
    expect(items.length).toBe(before + 2);
    expect(items[0]?.text).toBe(`${acme.owner.name} assigned you the task Owner's`);
  });

  it("tells the new owner of a bulk assignment once, with how many leads, and links to them", async () => {
    const person = acme.members.member!;
    const leads = [];
    for (const name of ["Bulk One", "Bulk Two", "Bulk Three"])
      leads.push(await owner.lead.create({ name }));
    const ids = leads.map((l) => l.id);
    const listedBefore = (await member.notification.list({ limit: 50 })).items.length;
    const mailsBefore = mailsTo(person.email).length;

    expect(
      await owner.lead.bulkAssign({ filter: {}, ids, ownerMemberId: person.memberId }),
    ).toEqual({ changed: 3 });
    await fx.runJobs();
    await fx.runJobs(); // a second run adds nothing
    const { items } = await member.notification.list({ limit: 50 });
    expect(items.length).toBe(listedBefore + 1);
    expect(items[0]).toMatchObject({
      kind: "lead.bulk_assigned",
      text: `${acme.owner.name} assigned you 3 leads`,
      href: `/o/acme/leads?owner=${person.memberId}`,
      readAt: null,
    });
    const mails = mailsTo(person.email);
    expect(mails.length).toBe(mailsBefore + 1);
    expect(mails[0]?.subject).toBe(`${acme.owner.name} assigned you 3 leads (Org acme)`);
    expect(mails[0]?.link).toBe(`${fx.deps.appUrl}/o/acme/leads?owner=${person.memberId}`);
    // The link's list is theirs: the three leads, owned by them.
    const theirs = await member.lead.list({ ownerMemberId: person.memberId, search: "bulk" });
    expect(theirs.items.map((l) => l.name).sort()).toEqual(["Bulk One", "Bulk Three", "Bulk Two"]);

    // Leads they already own are not counted; one lead left to give is named like a single one.
    await owner.lead.update({ id: ids[0]!, ownerMemberId: null });
    await fx.runJobs();
    expect(
      await owner.lead.bulkAssign({ filter: {}, ids, ownerMemberId: person.memberId }),
    ).toEqual({ changed: 1 });
    await fx.runJobs();
    expect((await member.notification.list({ limit: 1 })).items[0]).toMatchObject({
      kind: "lead.assigned",
      text: `${acme.owner.name} assigned you the lead Bulk One`,
    });
    expect(mailsTo(person.email).length).toBe(mailsBefore + 2);
  });

  it("tells nobody of leads given to oneself or to no one, and follows the summary's own choice", async () => {
    const leads = [];
    for (const name of ["Self One", "Self Two"]) leads.push(await owner.lead.create({ name }));
    const ids = leads.map((l) => l.id);
    const unreadBefore = (await owner.notification.unreadCount()).count;
    await owner.lead.bulkAssign({ filter: {}, ids, ownerMemberId: acme.owner.memberId });
    await owner.lead.bulkAssign({ filter: {}, ids, ownerMemberId: null });
    await fx.runJobs();
    expect((await owner.notification.unreadCount()).count).toBe(unreadBefore);

    // The admin wants bulk summaries in the app only: no mail, one notification.
    const person = acme.members.admin!;
    await admin.notification.setPreference({
      kind: "lead.bulk_assigned",
      inApp: true,
      mail: false,
    });
    const mailsBefore = mailsTo(person.email).length;
    const listedBefore = (await admin.notification.list({ limit: 50 })).items.length;
    await owner.lead.bulkAssign({ filter: {}, ids, ownerMemberId: person.memberId });
    await fx.runJobs();
    const { items } = await admin.notification.list({ limit: 50 });
    expect(items.length).toBe(listedBefore + 1);
    expect(items[0]?.text).toBe(`${acme.owner.name} assigned you 2 leads`);
    expect(mailsTo(person.email).length).toBe(mailsBefore);
    await admin.notification.setPreference({ kind: "lead.bulk_assigned", inApp: true, mail: true });
  });

  it("tells the new assignee of a bulk task reassignment once, with how many, never oneself", async () => {
    const person = acme.members.member!;
    const ids = [];
    for (const title of ["Bulk call", "Bulk mail", "Bulk visit"])
      ids.push(
        (await owner.task.create({ title, dueAt: new Date(Date.now() + 30 * 86_400_000) })).id,
      );
    const listedBefore = (await member.notification.list({ limit: 50 })).items.length;
    const mailsBefore = mailsTo(person.email).length;
    const ownUnread = (await owner.notification.unreadCount()).count;

    const filter = { everyone: true, status: "all" as const };
    await owner.task.bulkAssign({ filter, ids, assigneeMemberId: person.memberId });
    await fx.runJobs();
    await fx.runJobs();
    const { items } = await member.notification.list({ limit: 50 });
    expect(items.length).toBe(listedBefore + 1);
    expect(items[0]).toMatchObject({
      kind: "task.bulk_assigned",
      text: `${acme.owner.name} assigned you 3 tasks`,
      href: "/o/acme/tasks",
    });
    expect(mailsTo(person.email).length).toBe(mailsBefore + 1);
    expect(mailsTo(person.email)[0]?.subject).toBe(
      `${acme.owner.name} assigned you 3 tasks (Org acme)`,
    );

    // Taken back by the owner, to themselves: nobody is told.
    await owner.task.bulkAssign({ filter, ids, assigneeMemberId: acme.owner.memberId });
    await fx.runJobs();
    expect((await owner.notification.unreadCount()).count).toBe(ownUnread);
    expect((await member.notification.list({ limit: 50 })).items.length).toBe(listedBefore + 1);
  });

  it("marks one or all read; another member's notification is NOT_FOUND to them", async () => {
    for (const name of ["One", "Two", "Three"])
      await owner.lead.create({ name, ownerMemberId: acme.members.admin!.memberId });
    await fx.runJobs();
    const { items } = await admin.notification.list({});
    const unread = items.filter((n) => n.readAt === null);
    expect(unread.length).toBeGreaterThanOrEqual(3);
    const count = (await admin.notification.unreadCount()).count;

    const marked = await admin.notification.markRead({ id: unread[0]!.id });
    expect(marked.readAt).toBeInstanceOf(Date);
    expect((await admin.notification.unreadCount()).count).toBe(count - 1);
    // Again: no change, no error.
    const again = await admin.notification.markRead({ id: unread[0]!.id });
    expect(again.readAt?.getTime()).toBe(marked.readAt?.getTime());

    // Member-owned rows: the owner of the organization cannot read or mark the admin's.
    expect(await codeOf(owner.notification.markRead({ id: unread[1]!.id }))).toBe("NOT_FOUND");
    expect((await owner.notification.list({})).items.map((n) => n.id)).not.toContain(unread[1]!.id);
    expect(
      (await admin.notification.list({})).items.find((n) => n.id === unread[1]!.id)?.readAt,
    ).toBeNull();

    expect((await admin.notification.markAllRead()).ids).toHaveLength(count - 1);
    expect((await admin.notification.unreadCount()).count).toBe(0);
    expect((await admin.notification.markAllRead()).ids).toEqual([]);
  });

  it("follows each member's preferences for the app and for mail", async () => {
    const person = acme.members.admin!;
    expect(await admin.notification.preferences()).toEqual([
      { kind: "lead.assigned", label: "A lead is assigned to you", inApp: true, mail: true },
      bulkAssignedChoice,
      { kind: "task.assigned", label: "A task is assigned to you", inApp: true, mail: true },
      { kind: "task.due", label: "A task of yours is due", inApp: true, mail: true },
      tasksBulkAssignedChoice,
      planPaymentFailedChoice,
      ...commentChoices,
      ...tierPaymentFailedChoices,
      ...joinChoices,
      ...communityChoices,
      ...learningChoices,
      ...liveSessionChoices,
      ...eventChoices,
      ...studioChoices,
    ]);
    const mailsBefore = mailsTo(person.email).length;
    const listed = async () => (await admin.notification.list({ limit: 50 })).items.length;

    // Mail only.
    await admin.notification.setPreference({ kind: "lead.assigned", inApp: false, mail: true });
    let before = await listed();
    await owner.lead.create({ name: "By mail", ownerMemberId: person.memberId });
    await fx.runJobs();
    expect(await listed()).toBe(before);
    expect(mailsTo(person.email).length).toBe(mailsBefore + 1);

    // In the app only.
    await admin.notification.setPreference({ kind: "lead.assigned", inApp: true, mail: false });
    before = await listed();
    await owner.lead.create({ name: "In the app", ownerMemberId: person.memberId });
    await fx.runJobs();
    expect(await listed()).toBe(before + 1);
    expect(mailsTo(person.email).length).toBe(mailsBefore + 1);
    expect(await admin.notification.preferences()).toEqual([
      { kind: "lead.assigned", label: "A lead is assigned to you", inApp: true, mail: false },
      bulkAssignedChoice,
      { kind: "task.assigned", label: "A task is assigned to you", inApp: true, mail: true },
      { kind: "task.due", label: "A task of yours is due", inApp: true, mail: true },
      tasksBulkAssignedChoice,
      planPaymentFailedChoice,
      ...commentChoices,
      ...tierPaymentFailedChoices,
      ...joinChoices,
      ...communityChoices,
      ...learningChoices,
      ...liveSessionChoices,
      ...eventChoices,
      ...studioChoices,
    ]);
    // One member's choice is theirs only: the member still gets mail by default.
    expect((await member.notification.preferences())[0]?.mail).toBe(true);

    expect(
      await refusalOf(
        admin.notification.setPreference({ kind: "lead.nonsense", inApp: true, mail: true }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["kind"] });
    await admin.notification.setPreference({ kind: "lead.assigned", inApp: true, mail: true });
  });

  it("checks the mail preference again when the mail job runs, as the recipient", async () => {
    const person = acme.members.member!;
    const lead = await owner.lead.create({ name: "Changed my mind" });
    const job = {
      kind: "lead.assigned" as const,
      memberId: person.memberId,
      targetId: lead.id,
      actorMemberId: acme.owner.memberId,
      itemCount: null,
    };
    const asRecipient = async () => {
      const actor = await withTenant(fx.db, asSystem(acme.org.id, "test"), (scope) =>
        recipientActor(scope, person.memberId),
      );
      if (!actor) throw new Error("no recipient");
      return withTenant(fx.db, { organizationId: acme.org.id, actor }, (scope) =>
        notificationMail(scope, job, fx.deps.appUrl),
      );
    };
    expect((await asRecipient())?.to).toBe(person.email);
    // Mail turned off between the fan-out (which queued this job) and the job: no mail.
    await member.notification.setPreference({ kind: "lead.assigned", inApp: true, mail: false });
    expect(await asRecipient()).toBeNull();
    await member.notification.setPreference({ kind: "lead.assigned", inApp: true, mail: true });
    // A lead deleted meanwhile: no mail either.
    await owner.lead.remove({ ids: [lead.id] });
    expect(await asRecipient()).toBeNull();
  });

  it("lists newest first in keyset pages, without repeats", async () => {
    for (let i = 0; i < 5; i++)
      await admin.lead.create({ name: `Page ${i}`, ownerMemberId: acme.owner.memberId });
    await fx.runJobs();
    const all: string[] = [];
    let cursor = null;
    for (;;) {
      const page: Awaited<ReturnType<typeof owner.notification.list>> =
        await owner.notification.list({ limit: 2, cursor });
      all.push(...page.items.map((n) => n.text));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(all.slice(0, 5)).toEqual(
      [4, 3, 2, 1, 0].map((i) => `${acme.members.admin!.name} assigned you the lead Page ${i}`),
    );
    expect(new Set(all).size).toBe(all.length);
  });

  it("names a lead that is gone no more, and links nowhere", async () => {
    const gone = async () =>
      (await admin.notification.list({ limit: 50 })).items.filter((n) =>
        n.text.includes("no longer available"),
      );
    expect(await gone()).toEqual([]);
    const lead = await owner.lead.create({
      name: "Soon deleted",
      ownerMemberId: acme.members.admin!.memberId,
    });
    await fx.runJobs();
    await owner.lead.remove({ ids: [lead.id] });
    expect(await gone()).toEqual([
      expect.objectContaining({
        text: `${acme.owner.name} assigned you a lead that is no longer available`,
        href: null,
      }),
    ]);
  });

  it("prunes read notifications after the retention window, never unread ones", async () => {
    const clock = createTestClock();
    clock.advance(91 * 86_400_000);
    const unreadBefore = (await admin.notification.unreadCount()).count;
    await admin.lead.create({ name: "Read, then pruned", ownerMemberId: acme.owner.memberId });
    await fx.runJobs();
    await owner.notification.markAllRead();
    await owner.lead.create({ name: "Unread one", ownerMemberId: acme.members.admin!.memberId });
    await fx.runJobs();
    await withTenant(fx.db, asSystem(acme.org.id, "test", clock), pruneReadNotifications);
    expect((await owner.notification.list({ limit: 50 })).items).toEqual([]);
    expect((await admin.notification.unreadCount()).count).toBe(unreadBefore + 1);
  });
});
