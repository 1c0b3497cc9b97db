import { hashPassword } from "better-auth/crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "./client.ts";
import type { LeadSource, LeadStatus, MemberRole } from "./enums/index.ts";
import {
  type ActivityChanges,
  account,
  activity,
  crmTask,
  lead,
  leadNote,
  member,
  organization,
  user,
} from "./schema/index.ts";
import { demoActivities } from "./seed-activities.ts";
import { seedDemoDirectMessages } from "./seed-chat.ts";
import { seedDemoCourses } from "./seed-courses.ts";
import { hasDemoCreditHistory, seedCreditHistory } from "./seed-credits.ts";
import { seedDemoEvents } from "./seed-events.ts";
import { seedDemoFrontDoor } from "./seed-front-door.ts";
import { seedDemoPlan } from "./seed-plan.ts";
import { seedDemoPosts } from "./seed-posts.ts";
import { seedDemoProfiles } from "./seed-profiles.ts";
import { seedDemoResources } from "./seed-resources.ts";
import { seedDemoSpaces } from "./seed-spaces.ts";
import { seedDemoStudio } from "./seed-studio.ts";
import { seedDemoThreads } from "./seed-threads.ts";
import { seedDemoTiers } from "./seed-tiers.ts";
import { seedDemoXp } from "./seed-xp.ts";

/** The demo tiers, for the dev boot's stand-in test (the api package's demo-tiers-stand-in). */
export { seedDemoTiers } from "./seed-tiers.ts";

import { scheduleTaskReminder } from "./task-reminder.ts";
import { asSystem, withTenant } from "./tenant.ts";

export const DEMO_ORG_SLUG = "demo";
export const DEMO_PASSWORD = "guild-demo-1234";
// Mia works the pipeline: a member an admin granted CRM access (the CRM is staff-only).
export const demoUsers: ReadonlyArray<{
  email: string;
  name: string;
  role: MemberRole;
  crmAccess?: boolean;
}> = [
  { email: "owner@demo.guild", name: "Olivia Owner", role: "owner" },
  { email: "admin@demo.guild", name: "Adam Admin", role: "admin" },
  { email: "member@demo.guild", name: "Mia Member", role: "member", crmAccess: true },
];

/** Name parts of bulkSeed's leads (tests and benchmarks; the demo's come from faker). */
export const firstNames = [
  "Ada",
  "Grace",
  "Alan",
  "Linus",
  "Margaret",
  "Ken",
  "Barbara",
  "Dennis",
  "Frances",
  "Edsger",
];
export const lastNames = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Torvalds",
  "Hamilton",
  "Thompson",
  "Liskov",
  "Ritchie",
  "Allen",
  "Dijkstra",
];
export const companies = [
  "Acme",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Stark",
  "Wayne",
  "Tyrell",
  "Soylent",
  "Wonka",
];

/** How many leads the demo organization starts with. */
export const DEMO_LEAD_COUNT = 120;

/**
 * A sales funnel's shape: most leads are new, fewer get further at each stage; some are won, some
 * lost. Weights out of 100.
 */
const funnel: ReadonlyArray<readonly [LeadStatus, number]> = [
  ["new", 28],
  ["contacted", 20],
  ["qualified", 15],
  ["proposal", 10],
  ["negotiation", 7],
  ["won", 12],
  ["lost", 8],
];
const sourceWeights: ReadonlyArray<readonly [LeadSource, number]> = [
  ["website", 30],
  ["referral", 20],
  ["social", 15],
  ["event", 15],
  ["outbound", 15],
  ["other", 5],
];
/** The stages a lead went through to reach its status, in order (lost leaves from any stage). */
const openStages: readonly LeadStatus[] = [
  "new",
  "contacted",
  "qualified",
  "proposal",
  "negotiation",
];

const DAY_MS = 86_400_000;

export interface DemoLead {
  lead: typeof lead.$inferInsert;
  /** Its status changes after creation, oldest first: what the timeline and dashboard show. */
  history: Array<{ at: Date; from: LeadStatus; to: LeadStatus }>;
}

/**
 * The demo's leads: varied people and companies (faker with a fixed seed, so every fresh demo
 * looks the same), created over the year before `now`, in a funnel-shaped status mix, each with
 * the status changes that brought it there. Loaded only when a demo is seeded.
 */
export async function demoLeads(
  organizationId: string,
  ownerMemberIds: readonly string[],
  now: Date,
): Promise<DemoLead[]> {
  const { faker } = await import("@faker-js/faker/locale/en");
  faker.seed(20_260_101);
  faker.setDefaultRefDate(now);
  const pick = <T>(weights: ReadonlyArray<readonly [T, number]>): T =>
    faker.helpers.weightedArrayElement(weights.map(([value, weight]) => ({ value, weight })));
  return Array.from({ length: DEMO_LEAD_COUNT }, () => {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const company = faker.company.name();
    const domain = `${faker.helpers.slugify(company.split(/[ ,]/)[0] ?? "company").toLowerCase()}.example`;
    const status = pick(funnel);
    const createdAt = faker.date.between({
      from: now.getTime() - 365 * DAY_MS,
      to: now.getTime() - 2 * DAY_MS,
    });
    // The stages it passed, each some days after the one before, never after now.
    const reached =
      status === "won"
        ? openStages.length
        : status === "lost"
          ? faker.number.int({ min: 1, max: openStages.length })
          : openStages.indexOf(status) + 1;
    const path: LeadStatus[] = [...openStages.slice(0, reached)];
    if (status === "won" || status === "lost") path.push(status);
    const history: DemoLead["history"] = [];
    let at = createdAt.getTime();
    for (let step = 1; step < path.length; step++) {
      // Some days later, at most half the time left before now: in order, and never after now.
      at += Math.min(
        faker.number.int({ min: DAY_MS / 4, max: 14 * DAY_MS }),
        (now.getTime() - at) / 2,
      );
      history.push({ at: new Date(at), from: path[step - 1] ?? "new", to: path[step] ?? status });
    }
    return {
      lead: {
        organizationId,
        name: `${firstName} ${lastName}`,
        email: faker.datatype.boolean(0.9)
          ? faker.internet.email({ firstName, lastName, provider: domain }).toLowerCase()
          : null,
        company,
        phone: faker.datatype.boolean(0.7) ? faker.phone.number({ style: "international" }) : null,
        status,
        source: pick(sourceWeights),
        // Deal sizes from a few hundred to tens of thousands, rounded like people quote them.
        valueCents: faker.number.int({ min: 3, max: 600 }) * 10_000,
        notes: faker.datatype.boolean(0.35) ? faker.lorem.sentence() : null,
        // The same draws however many owners there are (none: unassigned).
        ownerMemberId: faker.datatype.boolean(0.85)
          ? (ownerMemberIds[faker.number.int(999) % ownerMemberIds.length] ?? null)
          : null,
        createdAt,
        updatedAt: history.at(-1)?.at ?? createdAt,
      },
      history,
    };
  });
}

/** organization.metadata of the demo while its leads are still to be added. */
const SEEDING = JSON.stringify({ seed: "demo", leads: "pending" });
const SEEDED = JSON.stringify({ seed: "demo" });

/** The parts of the demo a later issue brought, which an older demo may lack. */
export type DemoPart =
  | "plan"
  | "tiers"
  | "credits"
  | "spaces"
  | "profiles"
  | "posts"
  | "threads"
  | "messages"
  | "resources"
  | "xp"
  | "courses"
  | "events"
  | "studio"
  | "front door";

export interface DemoSeedResult {
  /** The demo organization was made (or a seed cut short finished) by this run. */
  created: boolean;
  /** On a demo that was there: what it lacked and now has. */
  added: DemoPart[];
}

/**
 * Seeds the demo organization once: three users with known passwords (verified emails) and
 * DEMO_LEAD_COUNT leads with their timelines, notes and logged calls, and the members' tasks
 * (with the reminders of those still to come), its plan, tiers and credit history.
 * Resumable: every step is idempotent, and the organization says in its metadata that its leads
 * are pending until they and that mark commit together, so a seed cut short (a crash, Ctrl-C) is
 * finished by the next one instead of leaving a demo without leads for good. A demo that is
 * there gets only what it lacks of the parts later issues added (topUpDemo): its leads and
 * people's changes are left alone.
 */
export async function seedDemo(db: Database): Promise<DemoSeedResult> {
  const existing = await db.query.organization.findFirst({
    where: eq(organization.slug, DEMO_ORG_SLUG),
  });
  if (existing && existing.metadata !== SEEDING)
    return { created: false, added: await topUpDemo(db, existing.id) };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const { organizationId, memberIds } = await db.transaction(async (tx) => {
    await tx
      .insert(organization)
      .values({ name: "Demo Guild", slug: DEMO_ORG_SLUG, metadata: SEEDING })
      .onConflictDoNothing({ target: organization.slug });
    const [org] = await tx.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
    if (!org) throw new Error("demo organization was not created");
    const memberIds: string[] = [];
    for (const demo of demoUsers) {
      const [u] = await tx
        .insert(user)
        .values({ name: demo.name, email: demo.email, emailVerified: true })
        .onConflictDoUpdate({ target: user.email, set: { emailVerified: true } })
        .returning();
      if (!u) throw new Error(`demo user ${demo.email} was not created`);
      await tx
        .insert(account)
        .values({ accountId: u.id, providerId: "credential", userId: u.id, password: passwordHash })
        .onConflictDoNothing();
      await tx
        .insert(member)
        .values({
          organizationId: org.id,
          userId: u.id,
          role: demo.role,
          crmAccess: demo.crmAccess ?? false,
        })
        .onConflictDoNothing();
      const [m] = await tx
        .select({ id: member.id })
        .from(member)
        .where(and(eq(member.organizationId, org.id), eq(member.userId, u.id)));
      if (m) memberIds.push(m.id);
    }
    return { organizationId: org.id, memberIds };
  });
  const now = new Date();
  const demo = await demoLeads(organizationId, memberIds, now);
  // Leads go through the tenant scope like any other tenant write, so RLS checks them too; the
  // organization's "done" mark commits with them.
  await withTenant(db, asSystem(organizationId, "seed"), async (scope) => {
    const tx = scope.db;
    await tx.delete(activity).where(eq(activity.organizationId, organizationId));
    await tx.delete(crmTask).where(eq(crmTask.organizationId, organizationId));
    await tx.delete(leadNote).where(eq(leadNote.organizationId, organizationId));
    await tx.delete(lead).where(eq(lead.organizationId, organizationId));
    const rows = await tx
      .insert(lead)
      .values(demo.map((d) => d.lead))
      .returning({ id: lead.id });
    // Their timelines: created, then each status change, by the lead's owner (or the owner of
    // the organization), as the lead service records them.
    const entries = demo.flatMap(({ lead: values, history }, i) => {
      const id = rows[i]?.id;
      if (!id) return [];
      const actorMemberId = values.ownerMemberId ?? memberIds[0] ?? null;
      const entry = (at: Date, action: string, changes: ActivityChanges) => ({
        organizationId,
        createdAt: at,
        actorKind: "member" as const,
        actorMemberId,
        action,
        targetType: "lead",
        targetId: id,
        changes,
      });
      const created: ActivityChanges = {};
      for (const field of [
        "name",
        "email",
        "company",
        "phone",
        "source",
        "valueCents",
        "notes",
        "ownerMemberId",
      ] as const) {
        const value = values[field];
        if (value !== null && value !== undefined) created[field] = { from: null, to: value };
      }
      created.status = { from: null, to: "new" };
      return [
        entry(values.createdAt ?? new Date(), "lead.created", created),
        ...history.map((change) =>
          entry(change.at, "lead.status_changed", { status: { from: change.from, to: change.to } }),
        ),
      ];
    });
    if (entries.length > 0) await tx.insert(activity).values(entries);
    // The team's work on them: notes and logged calls on the timelines, everyone's tasks.
    const seeded = demo.flatMap(({ lead: values }, i) => {
      const id = rows[i]?.id;
      return id
        ? [
            {
              id,
              name: values.name,
              company: values.company ?? null,
              status: values.status ?? "new",
              ownerMemberId: values.ownerMemberId ?? null,
              createdAt: values.createdAt ?? now,
            },
          ]
        : [];
    });
    const { notes, tasks } = await demoActivities(organizationId, seeded, memberIds, now);
    if (notes.length > 0) await tx.insert(leadNote).values(notes);
    const seededTasks =
      tasks.length > 0
        ? await tx.insert(crmTask).values(tasks).returning({
            id: crmTask.id,
            dueAt: crmTask.dueAt,
            remindedAt: crmTask.remindedAt,
            doneAt: crmTask.doneAt,
          })
        : [];
    // Tasks still to come remind their assignee at the due time, as a task added in the app
    // does; committed with the tasks (a seed cut short leaves neither).
    for (const task of seededTasks)
      if (!task.doneAt && !task.remindedAt) await scheduleTaskReminder(scope, task);
    await seedCreditHistory(scope, memberIds, now);
    await seedDemoPlan(scope);
    await seedDemoFrontDoor(scope);
    await seedDemoTiers(scope, memberIds);
    await seedDemoSpaces(scope, memberIds);
    await seedDemoProfiles(scope, memberIds);
    await seedDemoPosts(scope, memberIds);
    await seedDemoThreads(scope, memberIds);
    await seedDemoDirectMessages(scope, memberIds);
    await seedDemoResources(scope, memberIds);
    // Before the XP: the courses' completions award theirs, on days the XP makes active.
    await seedDemoCourses(scope, memberIds, now);
    // After the courses: live sessions link them; attendances award their XP.
    await seedDemoEvents(scope, memberIds, now);
    await seedDemoXp(scope, memberIds, now);
    await seedDemoStudio(scope, memberIds, now);
    await tx
      .update(organization)
      .set({ metadata: SEEDED })
      .where(eq(organization.id, organizationId));
  });
  return { created: true, added: [] };
}

/**
 * A development database keeps its demo across pulls, so a demo seeded before billing has no
 * plan, tiers or credit history, and seeding again used to stop at the organization. Each part
 * is added only when missing (a current subscription, any tier, the demo's keyed purchases), in
 * one transaction under a lock, so a second run, or two at once, adds nothing.
 */
async function topUpDemo(db: Database, organizationId: string): Promise<DemoPart[]> {
  // The demo's people as seeded (owner first), those who are still members.
  const emails = demoUsers.map((demo) => demo.email);
  const rows = await db
    .select({ id: member.id, email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, organizationId), inArray(user.email, emails)));
  const memberIds = emails.flatMap((email) =>
    rows.filter((r) => r.email === email).map((r) => r.id),
  );
  return withTenant(db, asSystem(organizationId, "seed"), async (scope) => {
    await scope.db.execute(sql`select pg_advisory_xact_lock(hashtext('guild:demo-top-up'))`);
    const added: DemoPart[] = [];
    if (await seedDemoPlan(scope)) added.push("plan");
    if (await seedDemoFrontDoor(scope)) added.push("front door");
    if (await seedDemoTiers(scope, memberIds)) added.push("tiers");
    // After the tiers: paid spaces are opened by them.
    if (await seedDemoSpaces(scope, memberIds)) added.push("spaces");
    if (await seedDemoProfiles(scope, memberIds)) added.push("profiles");
    // After the spaces: posts are written in them.
    if (await seedDemoPosts(scope, memberIds)) added.push("posts");
    if (await seedDemoThreads(scope, memberIds)) added.push("threads");
    if (await seedDemoDirectMessages(scope, memberIds)) added.push("messages");
    // After the spaces: the resources space's folders and links.
    if (await seedDemoResources(scope, memberIds)) added.push("resources");
    // After the spaces, before the XP: lessons in the course space, whose completions earn XP.
    if (await seedDemoCourses(scope, memberIds, scope.now())) added.push("courses");
    // After the spaces and courses: the events space's events, live sessions linked to courses.
    if (await seedDemoEvents(scope, memberIds, scope.now())) added.push("events");
    if (await seedDemoXp(scope, memberIds, scope.now())) added.push("xp");
    if (await seedDemoStudio(scope, memberIds, scope.now())) added.push("studio");
    if (!(await hasDemoCreditHistory(scope))) {
      await seedCreditHistory(scope, memberIds, scope.now());
      added.push("credits");
    }
    return added;
  });
}
