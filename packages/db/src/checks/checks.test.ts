// `pnpm db:check` against a real database: the demo's credit history passes every check; each
// kind of damage (a balance that no longer matches its ledger or lots, a broken running balance,
// a negative lot, an expired or refunded lot still counted, a Stripe event stuck or failing) is
// reported for the row at fault, and the command exits 1 until it is repaired.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  billingCustomer,
  connectedAccount,
  creditAccount,
  creditEntry,
  creditLot,
  member,
  memberTier,
  memberTierState,
  order,
  orderItem,
  organization,
  organizationSubscription,
  plan,
  planPrice,
  stripeEvent,
  studioPost,
  studioPublish,
  user,
} from "../schema/index.ts";
import type { TenantScope } from "../scope.ts";
import { DEMO_ORG_SLUG, seedDemo } from "../seed.ts";
import { scheduleStudioPublish } from "../studio-publish.ts";
import { asSystem, withTenant } from "../tenant.ts";
import { createTestDatabase } from "../testing.ts";
import { checkDomains, runChecks } from "./index.ts";

const packageDir = fileURLToPath(new URL("../../", import.meta.url));
/** Tests that run the command in a child process: node's start-up is slow on a loaded machine. */
const CLI_TEST_TIMEOUT_MS = 120_000;

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let mia: { memberId: string; userId: string; organizationId: string; label: string };
beforeAll(async () => {
  t = await createTestDatabase(inject("pgAdminUrl"));
  await seedDemo(t.db);
  const [row] = await t.db
    .select({ memberId: member.id, userId: member.userId, organizationId: member.organizationId })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .innerJoin(organization, eq(organization.id, member.organizationId))
    .where(and(eq(organization.slug, DEMO_ORG_SLUG), eq(user.email, "member@demo.guild")));
  if (!row) throw new Error("no demo member");
  mia = { ...row, label: `member Mia Member (${row.memberId})` };
});
afterAll(() => t.drop());

/** The findings of each check that found something, as "org: subject: detail" lines. */
async function findings() {
  const report = await runChecks(t.db, checkDomains);
  const found: Record<string, string[]> = {};
  for (const r of report.results)
    if (r.findings.length > 0)
      found[r.check] = r.findings.map(
        (f) => `${f.organization ? `${f.organization}: ` : ""}${f.subject}: ${f.detail}`,
      );
  return { report, found };
}

function runCli(args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["src/cli.ts", ...args],
      { cwd: packageDir, env: { ...process.env, DATABASE_URL: t.url }, timeout: 100_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Mia's entries, oldest first. */
const miasEntries = () =>
  t.db
    .select()
    .from(creditEntry)
    .where(eq(creditEntry.memberId, mia.memberId))
    .orderBy(creditEntry.seq);

/** Runs fn as the demo organization's system actor (studio rows are tenant rows under RLS). */
const asDemo = <T>(fn: (scope: TenantScope) => Promise<T>) =>
  withTenant(t.db, asSystem(mia.organizationId, "test"), fn);

describe("db:check", () => {
  it(
    "passes the demo's credit history, with its counts and balances",
    async () => {
      const { report, found } = await findings();
      expect(found).toEqual({});
      expect(report.inconsistencies).toBe(0);
      // Every registered check ran and says so.
      expect(report.results.map((r) => r.check)).toEqual([
        "credit.ledger-sum",
        "credit.lots-sum",
        "credit.running-balance",
        "credit.negative",
        "credit.expired-lot",
        "organization-plan.customer",
        "organization-plan.price",
        "member-tier.stripe-object",
        "member-tier.connected-account",
        "order.payment",
        "order.credits",
        "stripe-event.stuck",
        "stripe-event.failing",
        "studio.scheduled_job",
        "studio.publish_record",
        "studio.overdue",
      ]);
      expect(report.counts.find((c) => c.domain === "studio")?.totals).toEqual({
        "draft posts": 2,
        "scheduled posts": 1,
        "published posts": 1,
        "failed posts": 1,
      });
      const [held] = await t.db
        .select({ sum: sql<number>`sum(${creditAccount.balance})::int` })
        .from(creditAccount);
      // The demo's three members, each with their history.
      expect(report.counts.find((c) => c.domain === "credits")?.totals).toMatchObject({
        accounts: 3,
        "credits held": held?.sum,
      });
      const demo = report.byOrganization.find((o) => o.organization === DEMO_ORG_SLUG);
      expect(demo?.details).toEqual([
        expect.stringMatching(/^balances: .*Mia Member \d+/),
        // Comped: no Stripe customer needed.
        "plan: Pro (active, comp)",
      ]);

      const cli = await runCli(["check"]);
      expect(cli.stderr).toBe("");
      expect(cli.code).toBe(0);
      expect(cli.stdout).toContain(
        "ok    credits: each balance equals the sum of the member's ledger entries",
      );
      expect(cli.stdout).toContain("No inconsistencies.");
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it(
    "reports a balance that differs from its ledger and its lots, and the command fails",
    async () => {
      await t.db
        .update(creditAccount)
        .set({ balance: sql`${creditAccount.balance} + 5` })
        .where(eq(creditAccount.memberId, mia.memberId));
      const [account] = await t.db
        .select({ balance: creditAccount.balance })
        .from(creditAccount)
        .where(eq(creditAccount.memberId, mia.memberId));
      const ledger = (account?.balance ?? 0) - 5;
      const { found } = await findings();
      expect(found).toEqual({
        "credit.ledger-sum": [
          `${DEMO_ORG_SLUG}: ${mia.label}: balance ${ledger + 5}, its entries add up to ${ledger}`,
        ],
        "credit.lots-sum": [
          `${DEMO_ORG_SLUG}: ${mia.label}: balance ${ledger + 5}, what is left of its lots ${ledger}`,
        ],
      });

      const cli = await runCli(["check"]);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(
        "FAIL  credits: each balance equals the sum of the member's ledger entries (1 found)",
      );
      expect(cli.stdout).toContain(`${DEMO_ORG_SLUG}: ${mia.label}`);
      expect(cli.stdout).toContain("2 inconsistencies found.");
      expect(cli.stderr).toContain("db:check found inconsistencies.");

      // Repaired: passes again.
      await t.db
        .update(creditAccount)
        .set({ balance: ledger })
        .where(eq(creditAccount.memberId, mia.memberId));
      expect((await findings()).found).toEqual({});
    },
    CLI_TEST_TIMEOUT_MS,
  );

  it("reports the first entry whose running balance does not follow, and a gap in the numbering", async () => {
    const entries = await miasEntries();
    const second = entries[1];
    if (!second) throw new Error("Mia has fewer than two entries");
    await t.db
      .update(creditEntry)
      .set({ balanceAfter: second.balanceAfter + 1 })
      .where(eq(creditEntry.id, second.id));
    expect((await findings()).found).toEqual({
      "credit.running-balance": [
        `${DEMO_ORG_SLUG}: ${mia.label}: entry 2 says balance ${second.balanceAfter + 1} after it, the entries up to it add up to ${second.balanceAfter}`,
      ],
    });
    await t.db
      .update(creditEntry)
      .set({ balanceAfter: second.balanceAfter })
      .where(eq(creditEntry.id, second.id));

    // The last entry renumbered past a gap: the chain and the account's last seq both disagree.
    const last = entries.at(-1);
    if (!last) throw new Error("no entries");
    await t.db
      .update(creditEntry)
      .set({ seq: last.seq + 1 })
      .where(eq(creditEntry.id, last.id));
    expect((await findings()).found).toEqual({
      "credit.running-balance": [
        `${DEMO_ORG_SLUG}: ${mia.label}: entry number ${last.seq} has seq ${last.seq + 1} (a gap or a repeat)`,
        `${DEMO_ORG_SLUG}: ${mia.label}: account's last seq ${last.seq}, last entry's ${last.seq + 1}`,
      ],
    });
    await t.db.update(creditEntry).set({ seq: last.seq }).where(eq(creditEntry.id, last.id));
    expect((await findings()).found).toEqual({});
  });

  it("reports an expired or refunded lot that still counts, and an expiry that never ran", async () => {
    const [lot] = await t.db
      .select()
      .from(creditLot)
      .where(and(eq(creditLot.memberId, mia.memberId), sql`${creditLot.remaining} > 0`))
      .orderBy(creditLot.createdAt)
      .limit(1);
    if (!lot) throw new Error("Mia has no lot with credits left");
    const expiredAt = new Date("2026-01-02T03:04:05.000Z");
    await t.db.update(creditLot).set({ expiredAt }).where(eq(creditLot.id, lot.id));
    const { found } = await findings();
    expect(found["credit.expired-lot"]).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${DEMO_ORG_SLUG}: member Mia Member \\(${mia.memberId}\\): lot ${lot.id} \\(${lot.kind}\\) expired at 2026-01-02 03:04:05\\S*, still counts ${lot.remaining}$`,
        ),
      ),
    ]);
    expect(Object.keys(found)).toEqual(["credit.expired-lot"]);

    // Due two hours ago, its expiry job never ran (an hour's grace for a queue that lags).
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    await t.db
      .update(creditLot)
      .set({ expiredAt: null, expiresAt: twoHoursAgo })
      .where(eq(creditLot.id, lot.id));
    expect((await findings()).found["credit.expired-lot"]).toEqual([
      expect.stringContaining(`lot ${lot.id} (${lot.kind}) due at `),
    ]);
    expect((await findings()).found["credit.expired-lot"]?.[0]).toContain(
      `its expiry never ran, still counts ${lot.remaining}`,
    );
    // Due ten minutes ago: its job may just be on its way.
    await t.db
      .update(creditLot)
      .set({ expiresAt: new Date(Date.now() - 600_000) })
      .where(eq(creditLot.id, lot.id));
    expect((await findings()).found).toEqual({});

    await t.db
      .update(creditLot)
      .set({ expiresAt: lot.expiresAt, refundedAt: expiredAt })
      .where(eq(creditLot.id, lot.id));
    expect((await findings()).found["credit.expired-lot"]?.[0]).toContain(
      `lot ${lot.id} (${lot.kind}) refunded at 2026-01-02 03:04:05`,
    );
    await t.db.update(creditLot).set({ refundedAt: null }).where(eq(creditLot.id, lot.id));
    expect((await findings()).found).toEqual({});
  });

  it("reports a negative lot the database's own CHECK would have refused", async () => {
    // What a restore without constraints (or a migration that dropped one) lets in.
    await t.db.execute(sql`alter table credit_lot drop constraint credit_lot_remaining_check`);
    const [lot] = await t.db
      .select()
      .from(creditLot)
      .where(eq(creditLot.memberId, mia.memberId))
      .limit(1);
    if (!lot) throw new Error("Mia has no lot");
    await t.db.update(creditLot).set({ remaining: -2 }).where(eq(creditLot.id, lot.id));
    const { found } = await findings();
    expect(found["credit.negative"]).toEqual([
      `${DEMO_ORG_SLUG}: ${mia.label}: lot ${lot.id} (${lot.kind}) has -2 left of ${lot.amount}`,
    ]);
    // The lots no longer add up to the balance either.
    expect(found["credit.lots-sum"]).toHaveLength(1);
    await t.db.update(creditLot).set({ remaining: lot.remaining }).where(eq(creditLot.id, lot.id));
    expect((await findings()).found).toEqual({});
  });

  it("reports a paid subscription with no Stripe customer, and one paying another plan's price", async () => {
    const [org] = await t.db
      .insert(organization)
      .values({ name: "Paying", slug: "paying" })
      .returning({ id: organization.id });
    const prices = await t.db
      .select({ id: planPrice.id, plan: plan.key, planId: plan.id })
      .from(planPrice)
      .innerJoin(plan, eq(plan.id, planPrice.planId));
    const pro = prices.find((p) => p.plan === "pro");
    const business = prices.find((p) => p.plan === "business");
    if (!(org && pro && business)) throw new Error("setup failed");
    await t.db.insert(organizationSubscription).values({
      organizationId: org.id,
      planId: pro.planId,
      planPriceId: pro.id,
      status: "active",
      source: "stripe",
      stripeSubscriptionId: "sub_lost_customer",
    });
    expect((await findings()).found).toEqual({
      "organization-plan.customer": [
        "paying: subscription sub_lost_customer: active (stripe) but the organization has no Stripe customer",
      ],
    });
    await t.db
      .insert(billingCustomer)
      .values({ organizationId: org.id, stripeCustomerId: "cus_paying" });
    expect((await findings()).found).toEqual({});

    await t.db
      .update(organizationSubscription)
      .set({ planPriceId: business.id })
      .where(eq(organizationSubscription.organizationId, org.id));
    expect((await findings()).found).toEqual({
      "organization-plan.price": [
        "paying: subscription sub_lost_customer: on plan pro but paying a price of plan business",
      ],
    });
    await t.db
      .update(organizationSubscription)
      .set({ planPriceId: pro.id })
      .where(eq(organizationSubscription.organizationId, org.id));
    expect((await findings()).found).toEqual({});
  });

  it("reports a bought tier with no Stripe object, or in an organization with no connected account", async () => {
    // The demo comps Mia a tier (seed-tiers.ts): she buys one instead.
    await t.db.delete(memberTierState).where(eq(memberTierState.memberId, mia.memberId));
    const [tier] = await t.db
      .insert(memberTier)
      .values({ organizationId: mia.organizationId, name: "Gold", monthlyPrice: 500 })
      .returning({ id: memberTier.id });
    if (!tier) throw new Error("no tier");
    await t.db.insert(memberTierState).values({
      organizationId: mia.organizationId,
      memberId: mia.memberId,
      userId: mia.userId,
      tierId: tier.id,
      status: "active",
      source: "stripe",
      interval: "month",
    });
    expect((await findings()).found).toEqual({
      "member-tier.stripe-object": [
        `${DEMO_ORG_SLUG}: ${mia.label}: tier active, bought through Stripe, but with no subscription nor checkout`,
      ],
      "member-tier.connected-account": [
        `${DEMO_ORG_SLUG}: ${mia.label}: tier active, bought through Stripe, but the organization has no connected account`,
      ],
    });
    await t.db
      .insert(connectedAccount)
      .values({ organizationId: mia.organizationId, stripeAccountId: "acct_demo" });
    await t.db
      .update(memberTierState)
      .set({ stripeSubscriptionId: "sub_gold" })
      .where(eq(memberTierState.memberId, mia.memberId));
    const { found, report } = await findings();
    expect(found).toEqual({});
    const demo = report.byOrganization.find((o) => o.organization === DEMO_ORG_SLUG);
    expect(demo?.counts.find((c) => c.domain === "member tiers")?.counts).toEqual({
      // The demo's two tiers and its admin's comped one, with Mia's Gold.
      tiers: 3,
      "members on a tier": 2,
      "connected accounts": 1,
    });
  });

  it("reports a paid order with no payment, and a credit pack whose credits never came or never went back", async () => {
    const [paid] = await t.db
      .insert(order)
      .values({
        organizationId: mia.organizationId,
        purpose: "credit_pack",
        status: "paid",
        buyerMemberId: mia.memberId,
        buyerUserId: mia.userId,
        amountTotal: 900,
        currency: "usd",
        stripeCheckoutSessionId: "cs_test_check",
      })
      .returning({ id: order.id });
    if (!paid) throw new Error("no order");
    await t.db.insert(orderItem).values({
      organizationId: mia.organizationId,
      orderId: paid.id,
      productRef: "credits-100",
      description: "100 credits",
      quantity: 1,
      unitAmount: 900,
      amount: 900,
      credits: 100,
    });
    expect((await findings()).found).toEqual({
      "order.payment": [`${DEMO_ORG_SLUG}: order ${paid.id} (credit_pack): paid but never paid`],
      "order.credits": [
        `${DEMO_ORG_SLUG}: order ${paid.id} (credit_pack): paid but its credits were never granted`,
      ],
    });

    // Stripe's payment recorded, and the pack's credits granted through the ledger's function.
    await t.db
      .update(order)
      .set({ paidAt: new Date(), stripePaymentIntentId: "pi_check" })
      .where(eq(order.id, paid.id));
    await t.db.execute(sql`select guild_credit_grant(${mia.organizationId}::uuid,
      ${mia.memberId}::uuid, 'purchase', 100, 'Bought 100 credits', ${`purchase:${paid.id}`},
      null, ${paid.id}, null, now())`);
    expect((await findings()).found).toEqual({});

    // Refunded in full, but the credits stayed.
    await t.db
      .update(order)
      .set({ status: "refunded", amountRefunded: 900, refundedAt: new Date() })
      .where(eq(order.id, paid.id));
    expect((await findings()).found).toEqual({
      "order.credits": [
        `${DEMO_ORG_SLUG}: order ${paid.id} (credit_pack): refunded but its credits were not taken back`,
      ],
    });
    await t.db
      .update(order)
      .set({ status: "paid", amountRefunded: 0, refundedAt: null })
      .where(eq(order.id, paid.id));
    expect((await findings()).found).toEqual({});
  });

  it(
    "reports a Stripe event unprocessed for over an hour, and one whose processing fails",
    async () => {
      const event = (id: string) => ({
        id,
        type: "invoice.paid",
        livemode: false,
        payload: {
          id,
          type: "invoice.paid",
          livemode: false,
          created: 1,
          data: { object: {} },
        },
      });
      await t.db.insert(stripeEvent).values([
        { ...event("evt_stuck"), receivedAt: new Date(Date.now() - 2 * 3_600_000) },
        // Just received: its job is about to run.
        { ...event("evt_fresh") },
        { ...event("evt_failing"), attempts: 3, lastError: "No organization for cus_123" },
        { ...event("evt_done"), processedAt: new Date(), attempts: 1 },
      ]);
      const { found, report } = await findings();
      expect(found).toEqual({
        "stripe-event.stuck": [
          expect.stringMatching(
            /^event evt_stuck \(invoice\.paid\): received at .*, never processed \(no attempt failed: is its job gone\?\)$/,
          ),
        ],
        "stripe-event.failing": [
          "event evt_failing (invoice.paid): 3 attempts, last error: No organization for cus_123",
        ],
      });
      expect(report.counts.find((c) => c.domain === "stripe events")?.totals).toEqual({
        received: 4,
        processed: 1,
        waiting: 2,
        failing: 1,
      });
      const cli = await runCli(["check"]);
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(
        "FAIL  stripe events: no event's processing is failing (1 found)",
      );
    },
    CLI_TEST_TIMEOUT_MS,
  );
  it("reports a scheduled studio post with no job, a published one with no record, and one long overdue", async () => {
    const [scheduled] = await asDemo((scope) =>
      scope.db.select().from(studioPost).where(eq(studioPost.state, "scheduled")),
    );
    const [published] = await asDemo((scope) =>
      scope.db.select().from(studioPost).where(eq(studioPost.state, "published")),
    );
    if (!scheduled || !published) throw new Error("no demo studio posts");
    const jobs = await t.db.execute<{ id: string }>(sql`
      select id::text from graphile_worker.jobs where task_identifier = 'studio.publish'`);
    expect(jobs).toHaveLength(1);
    await t.db.execute(
      sql`select graphile_worker.permanently_fail_jobs(array[${jobs[0]?.id}]::bigint[], 'test')`,
    );
    const record = await asDemo((scope) =>
      scope.db
        .delete(studioPublish)
        .where(eq(studioPublish.studioPostId, published.id))
        .returning(),
    );
    await asDemo((scope) =>
      scope.db
        .update(studioPost)
        .set({ scheduledAt: new Date(Date.now() - 2 * 3_600_000) })
        .where(eq(studioPost.id, scheduled.id)),
    );
    // Earlier tests' damage (Stripe events) is theirs: the studio's findings only.
    const studioFindings = async () =>
      Object.fromEntries(
        Object.entries((await findings()).found).filter(([check]) => check.startsWith("studio.")),
      );
    expect(await studioFindings()).toEqual({
      "studio.scheduled_job": [
        expect.stringMatching(
          new RegExp(
            `^${DEMO_ORG_SLUG}: studio post ${scheduled.id}: scheduled for .* but no studio.publish job is waiting$`,
          ),
        ),
      ],
      "studio.publish_record": [
        `${DEMO_ORG_SLUG}: studio post ${published.id}: is published with no publish record`,
      ],
      "studio.overdue": [
        expect.stringMatching(
          new RegExp(
            `^${DEMO_ORG_SLUG}: studio post ${scheduled.id}: still scheduled for .* after 0 attempts$`,
          ),
        ),
      ],
    });
    // Repaired: the record back, the schedule back with its job.
    await asDemo((scope) => scope.db.insert(studioPublish).values(record));
    await asDemo(async (scope) => {
      await scope.db
        .update(studioPost)
        .set({ scheduledAt: scheduled.scheduledAt })
        .where(eq(studioPost.id, scheduled.id));
      await scheduleStudioPublish(scope, {
        id: scheduled.id,
        scheduledAt: scheduled.scheduledAt ?? new Date(),
      });
    });
    expect(await studioFindings()).toEqual({});
  });
});
