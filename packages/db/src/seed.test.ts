import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { spaceTypes, spaceVisibilities } from "./enums/index.ts";
import {
  activity,
  chatMessage,
  conversation,
  creditAccount,
  creditEntry,
  crmTask,
  lead,
  leadNote,
  member,
  memberProfile,
  memberTier,
  memberTierState,
  organization,
  organizationSubscription,
  plan,
  post,
  resourceFolder,
  resourceItem,
  space,
  spaceMember,
  user,
} from "./schema/index.ts";
import { DEMO_LEAD_COUNT, DEMO_ORG_SLUG, demoLeads, demoUsers, seedDemo } from "./seed.ts";
import { demoActivities } from "./seed-activities.ts";
import { demoEvents } from "./seed-events.ts";

/** The co-working series' occurrences to come (seed-events.ts: five weeks ahead). */
const COWORKING_AHEAD = 5;

import { DEMO_DESCRIPTION } from "./seed-front-door.ts";
import { DEMO_PLAN_SEATS, seedDemoPlan } from "./seed-plan.ts";
import { demoPosts } from "./seed-posts.ts";
import { demoProfiles, seedDemoProfiles } from "./seed-profiles.ts";
import { demoResourceFolders, demoTopLevelLinks } from "./seed-resources.ts";
import { demoSpaces } from "./seed-spaces.ts";
import { demoThreads } from "./seed-threads.ts";
import { demoTiers, seedDemoTiers } from "./seed-tiers.ts";
import { asSystem, withTenant } from "./tenant.ts";
import { createTestDatabase } from "./testing.ts";

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
});
afterAll(() => t.drop());

/** Counts an organization's rows of a table (that match `where`). */
const rowCounter =
  (organizationId: string) =>
  async (table: string, where = sql`true`) => {
    const [row] = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ${sql.identifier(table)}
          where organization_id = ${organizationId} and ${where}`,
    );
    return row?.n ?? 0;
  };

const leadsOf = (organizationId: string) =>
  withTenant(t.db, asSystem(organizationId, "test"), ({ db }) => db.select().from(lead));

it("finishes a demo seed that was cut short, and then seeds nothing more", async () => {
  // What a seed stopped between the organization and its leads leaves behind.
  const [org] = await t.db
    .insert(organization)
    .values({
      name: "Demo Guild",
      slug: DEMO_ORG_SLUG,
      metadata: JSON.stringify({ seed: "demo", leads: "pending" }),
    })
    .returning();
  if (!org) throw new Error("no organization");
  await withTenant(t.db, asSystem(org.id, "test"), ({ db }) =>
    db.insert(lead).values({ organizationId: org.id, name: "Half-seeded" }),
  );

  expect((await seedDemo(t.db)).created).toBe(true);
  const leads = await leadsOf(org.id);
  expect(leads).toHaveLength(DEMO_LEAD_COUNT);
  expect(leads.map((l) => l.name)).not.toContain("Half-seeded");
  expect(await t.db.select().from(member).where(eq(member.organizationId, org.id))).toHaveLength(3);

  // Done: the next boot changes nothing, even after people deleted demo leads.
  await withTenant(t.db, asSystem(org.id, "test"), ({ db }) => db.delete(lead));
  expect(await seedDemo(t.db)).toEqual({ created: false, added: [] });
  expect(await leadsOf(org.id)).toHaveLength(0);
});

it("looks like a real pipeline: varied people and companies over the past year, a funnel, timelines", async () => {
  const [org] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!org) throw new Error("no demo organization");
  // The first test deleted the seeded leads: seed them again, as a fresh demo would have them.
  await t.db.delete(organization).where(eq(organization.id, org.id));
  const before = Date.now();
  expect((await seedDemo(t.db)).created).toBe(true);
  const [demo] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!demo) throw new Error("no demo organization");
  const { leads, entries } = await withTenant(t.db, asSystem(demo.id, "test"), async ({ db }) => ({
    leads: await db.select().from(lead),
    entries: await db.select().from(activity),
  }));

  expect(new Set(leads.map((l) => l.name)).size).toBeGreaterThan(DEMO_LEAD_COUNT * 0.95);
  expect(new Set(leads.map((l) => l.company)).size).toBeGreaterThan(DEMO_LEAD_COUNT * 0.8);
  const yearAgo = before - 366 * 86_400_000;
  expect(
    leads.every((l) => l.createdAt.getTime() > yearAgo && l.createdAt.getTime() < before),
  ).toBe(true);
  // Spread over the year, not bunched: leads in at least ten of its twelve months.
  expect(
    new Set(leads.map((l) => l.createdAt.toISOString().slice(0, 7))).size,
  ).toBeGreaterThanOrEqual(10);

  // Funnel-shaped: each open stage holds no more leads than the one before it.
  const count = (status: string) => leads.filter((l) => l.status === status).length;
  const open = ["new", "contacted", "qualified", "proposal", "negotiation"].map(count);
  expect(open).toEqual([...open].sort((a, b) => b - a));
  expect(count("won")).toBeGreaterThan(0);
  expect(count("lost")).toBeGreaterThan(0);

  // Every lead has a timeline that ends at its status, in order, after its creation.
  for (const l of leads) {
    const own = entries
      .filter((e) => e.targetId === l.id)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(own[0]?.action).toBe("lead.created");
    const last = own.at(-1);
    const reached = last?.action === "lead.created" ? "new" : last?.changes?.status?.to;
    expect(reached).toBe(l.status);
    expect(
      own.every((e) => e.createdAt >= l.createdAt && e.createdAt.getTime() <= before + 60_000),
    ).toBe(true);
  }

  // Seeded with a fixed seed: every fresh demo has the same people.
  const again = await demoLeads(demo.id, [], new Date(before));
  expect(again.map((d) => d.lead.name).sort()).toEqual(leads.map((l) => l.name).sort());
});

it("comes with the team's work: notes and logged calls on the leads, and everyone's tasks", async () => {
  const [demo] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!demo) throw new Error("no demo organization");
  const now = Date.now();
  const { leads, notes, tasks, members } = await withTenant(
    t.db,
    asSystem(demo.id, "test"),
    async ({ db }) => ({
      leads: await db.select().from(lead),
      notes: await db.select().from(leadNote),
      tasks: await db.select().from(crmTask),
      members: await db.select().from(member).where(eq(member.organizationId, demo.id)),
    }),
  );
  const leadById = new Map(leads.map((l) => [l.id, l]));

  // On most leads, of every kind, each after its lead was added and before now, by a member.
  expect(new Set(notes.map((n) => n.leadId)).size).toBeGreaterThan(DEMO_LEAD_COUNT / 2);
  expect(new Set(notes.map((n) => n.kind))).toEqual(new Set(["note", "call", "meeting", "email"]));
  for (const n of notes) {
    const l = leadById.get(n.leadId);
    expect(l).toBeDefined();
    expect(n.occurredAt.getTime()).toBeGreaterThanOrEqual(l?.createdAt.getTime() ?? 0);
    expect(n.occurredAt.getTime()).toBeLessThanOrEqual(now);
    expect(n.authorMemberId).not.toBeNull();
    // Only calls and meetings say how they went.
    if (n.kind === "note" || n.kind === "email")
      expect([n.outcome, n.durationMinutes]).toEqual([null, null]);
  }
  expect(
    notes.some((n) => n.kind === "call" && n.outcome === "connected" && n.durationMinutes),
  ).toBe(true);

  // Every member has overdue, due-today, upcoming and done tasks, each on one of the leads.
  const inADay = now + 86_400_000;
  for (const m of members) {
    const theirs = tasks.filter((task) => task.assigneeMemberId === m.id);
    const overdue = theirs.filter((task) => !task.doneAt && task.dueAt.getTime() < now);
    const soon = theirs.filter(
      (task) => !task.doneAt && task.dueAt.getTime() >= now && task.dueAt.getTime() < inADay,
    );
    const done = theirs.filter((task) => task.doneAt);
    expect([overdue.length, soon.length, done.length]).toEqual([2, 2, 3]);
    expect(theirs).toHaveLength(10);
    for (const task of theirs) {
      const l = task.leadId ? leadById.get(task.leadId) : undefined;
      expect(l).toBeDefined();
      expect(task.createdAt.getTime()).toBeGreaterThanOrEqual(l?.createdAt.getTime() ?? 0);
      if (task.doneAt)
        expect(task.doneAt.getTime()).toBeGreaterThanOrEqual(task.createdAt.getTime());
    }
  }

  // A fixed seed: the same leads get the same notes and tasks.
  const a = await demoActivities(
    demo.id,
    leads,
    members.map((m) => m.id),
    new Date(now),
  );
  const b = await demoActivities(
    demo.id,
    leads,
    members.map((m) => m.id),
    new Date(now),
  );
  expect(a).toEqual(b);
});

it("schedules the reminder of every task still to come at its due time, as the app would", async () => {
  const [demo] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!demo) throw new Error("no demo organization");
  const tasks = await withTenant(t.db, asSystem(demo.id, "test"), ({ db }) =>
    db.select().from(crmTask),
  );
  const jobs = await t.db.execute<{ payload: { taskId: string; dueAt: string }; run_at: Date }>(
    // The view graphile-worker documents (jobs) leaves the payload out; its table has it.
    sql`select j.payload, j.run_at
        from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'task.remind' and j.payload->>'organizationId' = ${demo.id}`,
  );
  const scheduled = new Map(jobs.map((job) => [job.payload.taskId, job]));
  const toCome = tasks.filter((task) => !task.doneAt && !task.remindedAt);
  // Each member's two due later today and three upcoming; none for the overdue or done ones.
  expect(toCome).toHaveLength(3 * 5);
  expect(scheduled.size).toBe(toCome.length);
  for (const task of toCome) {
    const job = scheduled.get(task.id);
    expect(job?.payload.dueAt).toBe(task.dueAt.toISOString());
    expect(new Date(job?.run_at ?? 0).getTime()).toBe(task.dueAt.getTime());
  }
});

it("gives every demo member a credit history whose running balances add up", async () => {
  const [org] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!org) throw new Error("no demo organization");
  const members = await t.db.select().from(member).where(eq(member.organizationId, org.id));
  for (const m of members) {
    const entries = await t.db
      .select()
      .from(creditEntry)
      .where(eq(creditEntry.memberId, m.id))
      .orderBy(creditEntry.seq);
    // No welcome bonus here: it came with the first demo organization, which a test above
    // deleted (once per person, and these people had theirs).
    expect(entries.map((e) => e.kind)).toEqual(expect.arrayContaining(["purchase", "spend"]));
    expect(entries.map((e) => e.kind)).not.toContain("signup_bonus");
    let balance = 0;
    for (const e of entries) {
      balance += e.amount;
      expect(e.balanceAfter).toBe(balance);
    }
    // In time order too: the history reads newest first by seq and by date alike.
    const times = entries.map((e) => e.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const [account] = await t.db
      .select()
      .from(creditAccount)
      .where(eq(creditAccount.memberId, m.id));
    expect(account?.balance).toBe(balance);
  }
});

it("puts the demo organization on the seeded Pro plan, comped, once however often it runs", async () => {
  const [org] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!org) throw new Error("no demo organization");
  const subscriptions = async () =>
    t.db
      .select({
        plan: plan.key,
        status: organizationSubscription.status,
        source: organizationSubscription.source,
        seats: organizationSubscription.seats,
      })
      .from(organizationSubscription)
      .innerJoin(plan, eq(plan.id, organizationSubscription.planId))
      .where(eq(organizationSubscription.organizationId, org.id));
  expect(await subscriptions()).toEqual([
    { plan: "pro", status: "active", source: "comp", seats: DEMO_PLAN_SEATS },
  ]);
  await withTenant(t.db, asSystem(org.id, "test"), (scope) => seedDemoPlan(scope));
  expect(await subscriptions()).toHaveLength(1);
});

it("gives the demo organization two tiers and members on them, comped, once however often it runs", async () => {
  const [org] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!org) throw new Error("no demo organization");
  const holders = () =>
    t.db
      .select({
        tier: memberTier.name,
        status: memberTierState.status,
        source: memberTierState.source,
      })
      .from(memberTierState)
      .innerJoin(memberTier, eq(memberTier.id, memberTierState.tierId))
      .where(eq(memberTierState.organizationId, org.id));
  const tiers = await t.db.select().from(memberTier).where(eq(memberTier.organizationId, org.id));
  expect(tiers.map((tier) => tier.name).sort()).toEqual(demoTiers.map((tier) => tier.name).sort());
  const before = await holders();
  // The two members besides the owner, one on each tier, comped (no Stripe to reconcile).
  expect(before.map((h) => h.tier).sort()).toEqual(["Patron", "Supporter"]);
  expect(before.every((h) => h.status === "active" && h.source === "comp")).toBe(true);
  const members = await t.db.select().from(member).where(eq(member.organizationId, org.id));
  await withTenant(t.db, asSystem(org.id, "test"), (scope) =>
    seedDemoTiers(
      scope,
      members.map((m) => m.id),
    ),
  );
  expect(
    await t.db.select().from(memberTier).where(eq(memberTier.organizationId, org.id)),
  ).toHaveLength(2);
  expect(await holders()).toHaveLength(2);
});

it("gives the demo posts threads, reactions and votes, with counters equal to their rows", async () => {
  const [org] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!org) throw new Error("no demo organization");
  const mismatched = await t.db.execute(sql`
    select p.title from post p
    where p.organization_id = ${org.id} and (
      p.comment_count <> (select count(*) from comment c
        where c.organization_id = p.organization_id and c.post_id = p.id and c.deleted_at is null)
      or p.reaction_count <> (select count(*) from reaction x
        where x.organization_id = p.organization_id and x.post_id = p.id and x.comment_id is null)
      or p.score <> (select coalesce(sum(v.value), 0) from vote v
        where v.organization_id = p.organization_id and v.post_id = p.id and v.comment_id is null))`);
  expect(mismatched).toEqual([]);
  const [counts] = await t.db.execute<{ threads: number; replies: number; reactions: number }>(sql`
    select count(distinct c.post_id)::int as threads,
           count(*) filter (where c.parent_comment_id is not null)::int as replies,
           (select count(*)::int from reaction x where x.organization_id = ${org.id}) as reactions
    from comment c where c.organization_id = ${org.id}`);
  expect(counts?.threads).toBe(demoThreads.length);
  expect(counts?.replies).toBeGreaterThan(0);
  expect(counts?.reactions).toBeGreaterThan(0);
});

it("gives the demo posts in its discussion spaces, each member reading those of their spaces", async () => {
  const [org] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!org) throw new Error("no demo organization");
  const rows = await t.db.select().from(post).where(eq(post.organizationId, org.id));
  expect(rows).toHaveLength(demoPosts.length);
  expect(rows.filter((r) => r.status === "draft")).toHaveLength(1);
  expect(rows.filter((r) => r.pinnedAt)).toHaveLength(1);
  // Mia (a Supporter) reads the supporters' post, not the private team room's, by RLS alone.
  const [mia] = await t.db
    .select({ id: member.id, userId: member.userId, role: member.role })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, org.id), eq(user.email, "member@demo.guild")));
  if (!mia) throw new Error("no Mia");
  const actor = {
    kind: "member" as const,
    memberId: mia.id,
    userId: mia.userId,
    role: mia.role,
    crmAccess: false,
  };
  const titles = await withTenant(t.db, { organizationId: org.id, actor }, async ({ db }) =>
    (await db.select({ title: post.title }).from(post)).map((r) => r.title),
  );
  expect(titles).toContain("December newsletter, early");
  expect(titles).not.toContain("Plan for January");
});

it("gives the demo spaces of every type and visibility, each member seeing their own, once", async () => {
  const [org] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!org) throw new Error("no demo organization");
  const rows = await t.db.select().from(space).where(eq(space.organizationId, org.id));
  expect(new Set(rows.map((r) => r.type))).toEqual(new Set(spaceTypes));
  expect(new Set(rows.map((r) => r.visibility))).toEqual(new Set(spaceVisibilities));
  // What each demo person sees, through the visibility rule alone (no where).
  const people = await t.db
    .select({ id: member.id, userId: member.userId, role: member.role, email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(eq(member.organizationId, org.id));
  const sees = async (email: string) => {
    const person = people.find((p) => p.email === email);
    if (!person) throw new Error(email);
    const actor = {
      kind: "member" as const,
      memberId: person.id,
      userId: person.userId,
      role: person.role,
      crmAccess: false,
    };
    return withTenant(t.db, { organizationId: org.id, actor }, async ({ db }) =>
      (await db.select({ slug: space.slug }).from(space)).map((r) => r.slug),
    );
  };
  expect(await sees("admin@demo.guild")).toHaveLength(demoSpaces.length);
  const mia = await sees("member@demo.guild");
  expect(mia).toContain("supporters-corner");
  expect(mia).not.toContain("patrons-lounge");
  expect(mia).not.toContain("team-room");
  // Seeding again (and a demo from before spaces) adds nothing twice.
  await t.db.delete(space).where(eq(space.organizationId, org.id));
  // Deleting the spaces deleted their posts and resources: they come back.
  expect(await seedDemo(t.db)).toEqual({
    created: false,
    added: ["spaces", "posts", "threads", "resources", "courses", "events"],
  });
  expect(await seedDemo(t.db)).toEqual({ created: false, added: [] });
  expect(await t.db.select().from(space).where(eq(space.organizationId, org.id))).toHaveLength(
    demoSpaces.length,
  );
  expect(
    await t.db.select().from(spaceMember).where(eq(spaceMember.organizationId, org.id)),
  ).not.toHaveLength(0);
});

it("tops up a demo seeded before billing with its plan, tiers and credit history, and nothing twice", async () => {
  const [org] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!org) throw new Error("no demo organization");
  // What a development database seeded before billing holds: the demo without any of it.
  await t.db.execute(sql`delete from organization_subscription where organization_id = ${org.id}`);
  await t.db.execute(sql`delete from member_tier_state where organization_id = ${org.id}`);
  await t.db.execute(sql`delete from member_tier where organization_id = ${org.id}`);
  await t.db.execute(sql`delete from credit_entry where organization_id = ${org.id}`);
  await t.db.execute(sql`delete from credit_lot where organization_id = ${org.id}`);
  await t.db.execute(sql`delete from credit_account where organization_id = ${org.id}`);
  const leadsBefore = (await leadsOf(org.id)).length;

  const counts = async () => ({
    subscriptions: (
      await t.db
        .select({ plan: plan.key, source: organizationSubscription.source })
        .from(organizationSubscription)
        .innerJoin(plan, eq(plan.id, organizationSubscription.planId))
        .where(eq(organizationSubscription.organizationId, org.id))
    ).map((s) => `${s.plan}/${s.source}`),
    tiers: (await t.db.select().from(memberTier).where(eq(memberTier.organizationId, org.id)))
      .length,
    holders: (
      await t.db.select().from(memberTierState).where(eq(memberTierState.organizationId, org.id))
    ).length,
    entries: (await t.db.select().from(creditEntry).where(eq(creditEntry.organizationId, org.id)))
      .length,
  });
  expect(await counts()).toEqual({ subscriptions: [], tiers: 0, holders: 0, entries: 0 });

  expect(await seedDemo(t.db)).toEqual({
    created: false,
    added: ["plan", "tiers", "credits"],
  });
  const topped = await counts();
  expect(topped).toMatchObject({ subscriptions: ["pro/comp"], tiers: 2, holders: 2 });
  const members = await t.db.select().from(member).where(eq(member.organizationId, org.id));
  for (const m of members) {
    const entries = await t.db
      .select()
      .from(creditEntry)
      .where(eq(creditEntry.memberId, m.id))
      .orderBy(creditEntry.seq);
    expect(entries.map((e) => e.kind)).toEqual(expect.arrayContaining(["purchase", "spend"]));
    const [account] = await t.db
      .select()
      .from(creditAccount)
      .where(eq(creditAccount.memberId, m.id));
    expect(account?.balance).toBe(entries.reduce((sum, e) => sum + e.amount, 0));
  }
  // Leads are not the top-up's: untouched.
  expect(await leadsOf(org.id)).toHaveLength(leadsBefore);

  // Again: nothing more.
  expect(await seedDemo(t.db)).toEqual({ created: false, added: [] });
  expect(await counts()).toEqual(topped);
});

it("gives every demo member a profile with a username, headline and bio, the same however often it runs", async () => {
  const [org] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!org) throw new Error("no demo organization");
  const profiles = () =>
    t.db
      .select({
        username: memberProfile.username,
        headline: memberProfile.headline,
        bio: memberProfile.bio,
      })
      .from(memberProfile)
      .where(eq(memberProfile.organizationId, org.id))
      .orderBy(memberProfile.username);
  const before = await profiles();
  expect(before.map((p) => p.username)).toEqual(demoProfiles.map((p) => p.username).sort());
  for (const p of before) expect(p.headline && p.bio).toBeTruthy();
  // In demoUsers' order, as seedDemo passes them.
  const memberIds: string[] = [];
  for (const demo of demoUsers) {
    const [row] = await t.db
      .select({ id: member.id })
      .from(member)
      .innerJoin(user, eq(user.id, member.userId))
      .where(and(eq(member.organizationId, org.id), eq(user.email, demo.email)));
    if (row) memberIds.push(row.id);
  }
  await withTenant(t.db, asSystem(org.id, "test"), (scope) => seedDemoProfiles(scope, memberIds));
  expect(await profiles()).toEqual(before);
});

it("gives the demo a chat history and direct messages, Mia with one unread, once", async () => {
  const [org] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!org) throw new Error("no demo organization");
  const [general] = await t.db
    .select({ id: space.id })
    .from(space)
    .where(and(eq(space.organizationId, org.id), eq(space.slug, "general-chat")));
  const chat = await t.db
    .select()
    .from(chatMessage)
    .where(and(eq(chatMessage.organizationId, org.id), eq(chatMessage.spaceId, general?.id ?? "")));
  expect(chat.length).toBeGreaterThanOrEqual(10);
  const talks = await t.db
    .select()
    .from(conversation)
    .where(eq(conversation.organizationId, org.id));
  expect(talks.length).toBe(3);
  const [mia] = await t.db
    .select({ id: member.id })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, org.id), eq(user.email, "member@demo.guild")));
  const [unread] = await t.db.execute<{ n: number }>(sql`
    select count(*)::int as n from conversation_member cm
    join direct_message dm on dm.organization_id = cm.organization_id
      and dm.conversation_id = cm.conversation_id and dm.created_at > cm.last_read_at
      and dm.author_member_id is distinct from cm.member_id
    where cm.organization_id = ${org.id} and cm.member_id = ${mia?.id ?? null}`);
  expect(unread?.n).toBe(1);
  expect(await seedDemo(t.db)).toEqual({ created: false, added: [] });
  expect(
    await t.db.select().from(conversation).where(eq(conversation.organizationId, org.id)),
  ).toHaveLength(3);
});

it("opens the demo's front door: description, accent colour, open joining, public posts", async () => {
  await seedDemo(t.db);
  const frontDoor = async () => {
    const [row] = await t.db
      .select({
        description: organization.description,
        accentColor: organization.accentColor,
        joinPolicy: organization.joinPolicy,
        showPublicPosts: organization.showPublicPosts,
      })
      .from(organization)
      .where(eq(organization.slug, DEMO_ORG_SLUG));
    return row;
  };
  expect(await frontDoor()).toEqual({
    description: DEMO_DESCRIPTION,
    accentColor: "#0f766e",
    joinPolicy: "open",
    showPublicPosts: true,
  });
  // A demo from before the front door gets it once; an owner's own description stays.
  await t.db
    .update(organization)
    .set({ description: "", joinPolicy: "invitation" })
    .where(eq(organization.slug, DEMO_ORG_SLUG));
  expect((await seedDemo(t.db)).added).toEqual(["front door"]);
  expect(await frontDoor()).toMatchObject({ joinPolicy: "open" });
  await t.db
    .update(organization)
    .set({ description: "Ours now", joinPolicy: "approval" })
    .where(eq(organization.slug, DEMO_ORG_SLUG));
  expect((await seedDemo(t.db)).added).toEqual([]);
  expect(await frontDoor()).toMatchObject({ description: "Ours now", joinPolicy: "approval" });
});

it("fills the demo's resources space with folders and links, http(s) only, once", async () => {
  const [org] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!org) throw new Error("no demo organization");
  const [library] = await t.db
    .select()
    .from(space)
    .where(and(eq(space.organizationId, org.id), eq(space.slug, "resources")));
  expect(library?.type).toBe("resources");
  const folders = await t.db
    .select()
    .from(resourceFolder)
    .where(eq(resourceFolder.organizationId, org.id));
  expect(folders.map((f) => f.name).sort()).toEqual(demoResourceFolders.map((f) => f.name).sort());
  const items = await t.db
    .select()
    .from(resourceItem)
    .where(eq(resourceItem.organizationId, org.id));
  const linkCount =
    demoResourceFolders.reduce((sum, f) => sum + f.links.length, 0) + demoTopLevelLinks.length;
  expect(items).toHaveLength(linkCount);
  expect(items.every((i) => i.kind === "link" && /^https:\/\//.test(i.url ?? ""))).toBe(true);
  expect(items.every((i) => i.spaceId === library?.id)).toBe(true);
  expect(items.filter((i) => i.folderId === null)).toHaveLength(demoTopLevelLinks.length);
  expect((await seedDemo(t.db)).added).not.toContain("resources");
});

it("gives the demo's learners XP at levels 4, 3 and 2, and tops it up once", async () => {
  const [org] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!org) throw new Error("no demo organization");
  const totals = async () =>
    (
      await t.db.execute<{ xp: number }>(sql`select xp from xp_standing
        where organization_id = ${org.id} and period = 'all_time' order by xp desc`)
    ).map((row) => row.xp);
  // 16,750 (level 4 from 15,000), 7,500 (level 3 from 7,000), 3,450 (level 2 from 3,000), and
  // their demo course lessons: 600 (a1–a6, b1–b3), 300 (a1–a4, b1), 100 (a1, a2); and their
  // live sessions attended (seed-events.ts, 50 each): the admin 2, Mia 1.
  expect(await totals()).toEqual([17_350, 7_900, 3_600]);
  // A demo seeded before XP existed gets it once.
  await t.db.execute(sql`delete from xp_event where organization_id = ${org.id}`);
  await t.db.execute(sql`delete from xp_standing where organization_id = ${org.id}`);
  expect((await seedDemo(t.db)).added).toEqual(["xp"]);
  expect((await seedDemo(t.db)).added).toEqual([]);
  expect(await totals()).toEqual([17_350, 7_900, 3_600]);
});

it("gives the demo two published courses with quizzes and its people's progress in them", async () => {
  const [org] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!org) throw new Error("no demo organization");
  const count = rowCounter(org.id);
  expect(await count("course", sql`status = 'published'`)).toBe(2);
  expect(await count("course_module")).toBe(4);
  expect(await count("lesson")).toBe(11);
  expect(await count("lesson", sql`content @> '[{"type": "quiz"}]'`)).toBe(4);
  // Owner 2 courses, admin 2, Mia 1; the owner finished Community basics.
  expect(await count("course_enrollment")).toBe(5);
  expect(await count("course_enrollment", sql`completed_at is not null`)).toBe(1);
  // Completed: owner 6 + 3, admin 4 + 1, Mia 2; quiz attempts 1 + 2 + 1, 1, 2.
  expect(await count("lesson_progress", sql`status = 'completed'`)).toBe(16);
  expect(await count("lesson_progress", sql`status = 'in_progress'`)).toBe(4);
  expect(await count("quiz_attempt")).toBe(7);
  expect(await count("quiz_attempt", sql`passed`)).toBe(4);
  // Mia is stuck at the first quiz: best 66 after 33, below its 70.
  const [stuck] = await t.db.execute<{ score: number; attempts: number; status: string }>(sql`
    select p.score, p.attempts, p.status from lesson_progress p
    join lesson l on l.organization_id = p.organization_id and l.id = p.lesson_id
    where p.organization_id = ${org.id} and l.title = 'Check your understanding'
      and p.status = 'in_progress'`);
  expect(stuck).toEqual({ score: 66, attempts: 2, status: "in_progress" });
  // Each completion's XP is in the ledger once, as markCompleted awards it.
  expect(
    await count(
      "xp_event",
      sql`kind = 'lesson' and source_id in (select id::text from lesson where organization_id = ${org.id})`,
    ),
  ).toBe(16);
  expect((await seedDemo(t.db)).added).toEqual([]);
  expect(await count("lesson")).toBe(11);
});

it("gives the demo's events space upcoming and past events, a weekly series, and live sessions with attendance and feedback", async () => {
  const [org] = await t.db.select().from(organization).where(eq(organization.slug, DEMO_ORG_SLUG));
  if (!org) throw new Error("no demo organization");
  const count = rowCounter(org.id);
  const oneOffs = demoEvents.length;
  expect(await count("event", sql`series_id is null and starts_at > now()`)).toBe(
    demoEvents.filter((e) => e.startsIn > 0).length,
  );
  expect(await count("event", sql`series_id is null and ends_at < now()`)).toBe(
    demoEvents.filter((e) => e.startsIn < 0).length,
  );
  // A weekly series: its occurrences are rows, past and to come, a week apart.
  expect(await count("event_series", sql`frequency = 'weekly'`)).toBe(1);
  const occurrences = await t.db.execute<{ starts_at: string }>(sql`
    select starts_at::text from event where organization_id = ${org.id} and series_id is not null
    order by starts_at`);
  expect(occurrences.length).toBe(8);
  const gaps = occurrences
    .slice(1)
    .map((o, i) => Date.parse(o.starts_at) - Date.parse(occurrences[i]?.starts_at ?? ""));
  expect(new Set(gaps)).toEqual(new Set([7 * 86_400_000]));
  expect(await count("event_host")).toBe(oneOffs + 8);
  // Seats held match the going answers, within capacity: Mia waits for the full pitch night.
  const [seats] = await t.db.execute<{ mismatched: number }>(sql`
    select count(*)::int as mismatched from event e where e.organization_id = ${org.id}
      and e.going_count <> (select count(*) from event_rsvp r
        where r.organization_id = e.organization_id and r.event_id = e.id and r.status = 'going')`);
  expect(seats?.mismatched).toBe(0);
  expect(await count("event_rsvp", sql`status = 'waitlisted'`)).toBe(1);
  // Live sessions: linked to the demo courses, attended (3), missed (1), rated (3), a recording.
  expect(await count("event", sql`session_type is not null and course_id is not null`)).toBe(3);
  expect(await count("event_rsvp", sql`attendance = 'attended' and left_at > joined_at`)).toBe(3);
  expect(await count("event_rsvp", sql`attendance = 'missed'`)).toBe(1);
  expect(await count("event_rsvp", sql`feedback_rating between 1 and 5`)).toBe(3);
  expect(await count("event", sql`recording_url is not null`)).toBe(1);
  // Each attendance's XP is in the ledger once, as liveSession.join awards it.
  expect(await count("xp_event", sql`kind = 'session_attended'`)).toBe(3);
  // Upcoming events close their attendance at their end (the missed marking).
  const [closing] = await t.db.execute<{ n: number }>(sql`
    select count(*)::int as n from graphile_worker._private_jobs j
    join graphile_worker._private_tasks t on t.id = j.task_id
    where t.identifier = 'live-session.close' and j.key like ${`${org.id}:%`}`);
  expect(closing?.n).toBe(demoEvents.filter((e) => e.startsIn > 0).length + COWORKING_AHEAD);
  // Again: nothing more.
  expect((await seedDemo(t.db)).added).toEqual([]);
  expect(await count("event")).toBe(oneOffs + 8);
});
