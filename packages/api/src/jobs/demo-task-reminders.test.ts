// The demo's seeded tasks (packages/db seed) remind their assignees through the real job runner
// like tasks added in the app: the seed schedules them with the same scheduleTaskReminder the task
// service uses, and this runs them with the controllable clock (no sleeping).
import {
  and,
  asSystem,
  createTestClock,
  crmTask,
  eq,
  isNull,
  member,
  notification,
  user,
  withTenant,
} from "@guild/db";
import { DEMO_ORG_SLUG, demoUsers, seedDemo } from "@guild/db/seed";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { type ApiFixture, createApiFixture } from "../testing.ts";
import { advanceJobClock } from "./system.ts";

const HOUR = 3_600_000;
let fx: ApiFixture;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
});
afterAll(() => fx.drop());

it("the demo's tasks due later today remind their assignee at the due time, in the app and by mail", async () => {
  const clock = createTestClock();
  expect((await seedDemo(fx.db)).created).toBe(true);
  const organizationId = await fx.orgIdOf(DEMO_ORG_SLUG);
  if (!organizationId) throw new Error("no demo organization");
  const mia = demoUsers.find((u) => u.role === "member");
  if (!mia) throw new Error("no demo member");
  const read = () =>
    withTenant(fx.db, asSystem(organizationId, "test"), async ({ db }) => {
      const [miaMember] = await db
        .select({ id: member.id })
        .from(member)
        .innerJoin(user, eq(user.id, member.userId))
        .where(and(eq(member.organizationId, organizationId), eq(user.email, mia.email)));
      const tasks = await db.select().from(crmTask).where(isNull(crmTask.doneAt));
      const told = await db
        .select({ memberId: notification.memberId, targetId: notification.targetId })
        .from(notification)
        .where(eq(notification.kind, "task.due"));
      return { miaId: miaMember?.id, tasks, told };
    });
  const mailsToMia = () =>
    (fx.mailer.mailbox?.list(mia.email) ?? []).filter((m) => m.subject.startsWith("Task due:"));

  await fx.runJobs({ clock });
  const before = await read();
  expect(before.told).toEqual([]);
  // Due between half an hour and three hours from now (seed-activities.ts), one day at the soonest.
  const today = before.tasks.filter(
    (task) => task.dueAt.getTime() > Date.now() && task.dueAt.getTime() < Date.now() + 4 * HOUR,
  );
  expect(today.length).toBe(3 * 2);

  await advanceJobClock(fx.db, clock, 3 * HOUR + 60_000);
  await fx.runJobs({ clock });
  const after = await read();
  // Each of today's tasks told its assignee once; the overdue ones (reminded by the seed) and the
  // upcoming ones (not due yet) nothing.
  expect(after.told.map((n) => n.targetId).sort()).toEqual(today.map((task) => task.id).sort());
  for (const n of after.told)
    expect(n.memberId).toBe(today.find((task) => task.id === n.targetId)?.assigneeMemberId);
  const miasTasks = today.filter((task) => task.assigneeMemberId === after.miaId);
  expect(
    mailsToMia()
      .map((m) => m.subject.replace(/ \(Demo Guild\)$/, ""))
      .sort(),
  ).toEqual(miasTasks.map((task) => `Task due: ${task.title}`).sort());
});
