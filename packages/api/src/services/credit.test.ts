// The credit ledger against real PostgreSQL: concurrent spends never overdraw, keys make retries
// free, grants are spent soonest-expiring first and expire once at their instant, a refund takes
// back what is left of its pack, the sign-up bonus comes once per person, and who reads whose
// history.
import {
  and,
  asSystem,
  createTestClock,
  creditAccount,
  creditEntry,
  creditLot,
  eq,
  member,
  sql,
  type TenantScope,
  type TestClock,
  withTenant,
} from "@guild/db";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { AppError } from "../errors.ts";
import { advanceJobClock } from "../jobs/system.ts";
import { type ApiFixture, createApiFixture, memberActor, refusalOf } from "../testing.ts";
import { listActivity } from "./activity.ts";
import {
  getCreditBalance,
  grantMonthlyCredits,
  grantPurchasedCredits,
  refundPurchasedCredits,
  refundSpend,
  spendCredits,
} from "./credit.ts";

let fx: ApiFixture;
let acme: Awaited<ReturnType<ApiFixture["createOrg"]>>;
let clock: TestClock;

const DAY = 86_400_000;

beforeAll(async () => {
  fx = await createApiFixture(inject("pgAdminUrl"));
  acme = await fx.createOrg("acme", ["admin", "member"]);
  clock = createTestClock();
});
afterAll(() => fx.drop());

/** A system scope of acme (as the billing job and webhooks run), on the test clock. */
const system = <T>(fn: (scope: TenantScope) => Promise<T>) =>
  withTenant(fx.db, asSystem(acme.org.id, "test", clock), fn);

/** A new member of acme: their first membership, so they start with the sign-up bonus of 10. */
const newMember = async () => (await fx.addMember(acme.org.id, "member")).memberId;

async function balanceOf(memberId: string) {
  const actor = memberActor(memberId);
  return withTenant(fx.db, { organizationId: acme.org.id, actor, clock }, (scope) =>
    getCreditBalance(scope, {}),
  );
}

/** The ledger's own sums, read past RLS: the account, its entries and its lots must agree. */
async function books(memberId: string) {
  const [account] = await fx.db
    .select({ balance: creditAccount.balance })
    .from(creditAccount)
    .where(eq(creditAccount.memberId, memberId));
  const [entries] = await fx.db
    .select({
      sum: sql<number>`coalesce(sum(${creditEntry.amount}), 0)::int`,
      n: sql<number>`count(*)::int`,
    })
    .from(creditEntry)
    .where(eq(creditEntry.memberId, memberId));
  const [lots] = await fx.db
    .select({ sum: sql<number>`coalesce(sum(${creditLot.remaining}), 0)::int` })
    .from(creditLot)
    .where(eq(creditLot.memberId, memberId));
  return { account: account?.balance, entries: entries?.sum, count: entries?.n, lots: lots?.sum };
}

const spend = (memberId: string, amount: number, key: string, description = "A generated post") =>
  system((scope) => spendCredits(scope, { memberId, amount, idempotencyKey: key, description }));

function reasonOf(result: PromiseSettledResult<unknown>) {
  return result.status === "rejected" && result.reason instanceof AppError
    ? `${result.reason.code} ${result.reason.reason}: ${result.reason.message}`
    : result.status;
}

describe("credits", () => {
  it("lets exactly 10 of 100 concurrent spends of 1 through a balance of 10", async () => {
    const memberId = await newMember();
    expect((await balanceOf(memberId)).balance).toBe(10);
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => spend(memberId, 1, `race-${i}`)),
    );
    const outcomes = results.map(reasonOf);
    expect(outcomes.filter((o) => o === "fulfilled")).toHaveLength(10);
    const refused = outcomes.filter((o) => o !== "fulfilled");
    expect(refused).toHaveLength(90);
    for (const o of refused)
      expect(o).toMatch(
        /^CONFLICT INSUFFICIENT_CREDITS: Not enough credits: this needs 1 and 0 are left$/,
      );
    expect((await balanceOf(memberId)).balance).toBe(0);
    // The bonus and ten spends, each with its own running balance from 9 down to 0.
    expect(await books(memberId)).toEqual({ account: 0, entries: 0, count: 11, lots: 0 });
    const after = await fx.db
      .select({ balanceAfter: creditEntry.balanceAfter })
      .from(creditEntry)
      .where(and(eq(creditEntry.memberId, memberId), eq(creditEntry.kind, "spend")))
      .orderBy(creditEntry.seq);
    expect(after.map((e) => e.balanceAfter)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
    // The database itself refuses a balance below zero, whatever code writes it.
    await expect(
      fx.db
        .update(creditAccount)
        .set({ balance: sql`${creditAccount.balance} - 1` })
        .where(eq(creditAccount.memberId, memberId)),
    ).rejects.toMatchObject({ cause: { code: "23514" } });
  });

  it("charges a retried spend once, even when the retries race", async () => {
    const memberId = await newMember();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => spend(memberId, 3, "post-42", "Post 42")),
    );
    expect(new Set(results.map((e) => e.id)).size).toBe(1);
    expect(results[0]).toMatchObject({ amount: -3, balanceAfter: 7, description: "Post 42" });
    expect((await balanceOf(memberId)).balance).toBe(7);
    // Later, the same key again: the same entry, nothing charged.
    expect((await spend(memberId, 3, "post-42")).id).toBe(results[0]?.id);
    expect(await books(memberId)).toMatchObject({ account: 7, entries: 7, count: 2, lots: 7 });
    // The same key for another amount is a mistake the caller hears about.
    await expect(spend(memberId, 5, "post-42")).rejects.toMatchObject({ code: "CONFLICT" });
    // Asking for more than there is writes nothing.
    await expect(spend(memberId, 8, "too-much")).rejects.toMatchObject({
      reason: "INSUFFICIENT_CREDITS",
    });
    expect(await books(memberId)).toMatchObject({ account: 7, count: 2 });
  });

  it("gives a spend back once, however often (and however concurrently) it is asked", async () => {
    const memberId = await newMember();
    await spend(memberId, 1, "generation-1", "A generated post");
    const giveBack = () =>
      system((scope) =>
        refundSpend(scope, {
          memberId,
          idempotencyKey: "generation-1",
          description: "Generation cancelled: credit given back",
        }),
      );
    const entries = await Promise.all([giveBack(), giveBack(), giveBack()]);
    expect(new Set(entries.map((e) => e?.id)).size).toBe(1);
    expect(entries[0]).toMatchObject({ kind: "spend_refund", amount: 1, balanceAfter: 10 });
    expect((await giveBack())?.id).toBe(entries[0]?.id);
    expect(await books(memberId)).toMatchObject({ account: 10, entries: 10, count: 3, lots: 10 });
    // A spend that never happened has nothing to give back.
    expect(
      await system((scope) =>
        refundSpend(scope, { memberId, idempotencyKey: "never-spent", description: "Nothing" }),
      ),
    ).toBeNull();
    expect(await books(memberId)).toMatchObject({ account: 10, count: 3 });
  });

  it("spends the soonest-expiring credits first and expires what is left at the instant, once", async () => {
    const memberId = await newMember();
    const now = clock.now();
    const grant = (amount: number, days: number) =>
      system((scope) =>
        grantMonthlyCredits(scope, {
          memberId,
          amount,
          periodStart: new Date(now.getTime() + days * 1000),
          periodEnd: new Date(now.getTime() + days * DAY),
          description: `Expires in ${days} days`,
        }),
      );
    await grant(5, 2);
    await grant(3, 1);
    // A second run of the same period's grant (the billing job retried) adds nothing.
    expect((await grant(3, 1)).created).toBe(false);
    expect(await balanceOf(memberId)).toMatchObject({
      balance: 18,
      nextExpiry: { amount: 3, at: new Date(now.getTime() + DAY) },
    });
    // 4: the 3 expiring tomorrow, then 1 of the 5 expiring in two days; the bonus is untouched.
    await spend(memberId, 4, "first");
    const lots = await fx.db
      .select({ kind: creditLot.kind, amount: creditLot.amount, remaining: creditLot.remaining })
      .from(creditLot)
      .where(eq(creditLot.memberId, memberId))
      .orderBy(sql`${creditLot.expiresAt} nulls first`);
    expect(lots).toEqual([
      { kind: "signup_bonus", amount: 10, remaining: 10 },
      { kind: "monthly_grant", amount: 3, remaining: 0 },
      { kind: "monthly_grant", amount: 5, remaining: 4 },
    ]);

    // A day on: the 3 were all spent, so nothing expires.
    await advanceJobClock(fx.db, clock, DAY + 1000);
    await fx.runJobs({ clock });
    expect(await books(memberId)).toMatchObject({ account: 14, count: 4 });
    // Two days on: what is left of the 5 (4) expires at its instant, once, whatever runs again.
    await advanceJobClock(fx.db, clock, DAY);
    expect((await balanceOf(memberId)).balance).toBe(10);
    await fx.runJobs({ clock });
    await fx.runJobs({ clock });
    const expiries = await fx.db
      .select({ amount: creditEntry.amount, description: creditEntry.description })
      .from(creditEntry)
      .where(and(eq(creditEntry.memberId, memberId), eq(creditEntry.kind, "expiry")));
    expect(expiries).toEqual([
      { amount: -4, description: "Expired: the 4 unspent of 5 from Expires in 2 days" },
    ]);
    expect(await books(memberId)).toEqual({ account: 10, entries: 10, count: 5, lots: 10 });
    expect(await balanceOf(memberId)).toMatchObject({ balance: 10, nextExpiry: null });
  });

  it("expires a due grant before a spend even when its job has not run yet", async () => {
    const memberId = await newMember();
    await system((scope) =>
      grantMonthlyCredits(scope, {
        memberId,
        amount: 5,
        periodStart: clock.now(),
        periodEnd: new Date(clock.now().getTime() + 60_000),
      }),
    );
    clock.advance(120_000);
    await expect(spend(memberId, 11, "late")).rejects.toMatchObject({
      message: "Not enough credits: this needs 11 and 10 are left",
    });
    await spend(memberId, 10, "all");
    // The bonus, the grant, its expiry (written by the spend, first) and the spend.
    const kinds = await fx.db
      .select({ kind: creditEntry.kind, amount: creditEntry.amount })
      .from(creditEntry)
      .where(eq(creditEntry.memberId, memberId))
      .orderBy(creditEntry.seq);
    expect(kinds).toEqual([
      { kind: "signup_bonus", amount: 10 },
      { kind: "monthly_grant", amount: 5 },
      { kind: "expiry", amount: -5 },
      { kind: "spend", amount: -10 },
    ]);
    // The job comes later and finds nothing left to expire.
    await fx.runJobs({ clock });
    expect(await books(memberId)).toEqual({ account: 0, entries: 0, count: 4, lots: 0 });
  });

  it("refunds a pack: restores the balance before it, or takes back only what is left of it", async () => {
    const memberId = await newMember();
    const buy = (orderId: string, amount: number) =>
      system((scope) => grantPurchasedCredits(scope, { memberId, amount, orderId }));
    const refund = (orderId: string) =>
      system((scope) => refundPurchasedCredits(scope, { memberId, orderId }));

    await buy("order-1", 20);
    // The webhook redelivered: one pack.
    expect((await buy("order-1", 20)).created).toBe(false);
    expect((await balanceOf(memberId)).balance).toBe(30);
    expect(await refund("order-1")).toMatchObject({
      amount: -20,
      balanceAfter: 10,
      alreadySpent: 0,
    });
    expect((await balanceOf(memberId)).balance).toBe(10);

    // Bought 20, spent 15 (the older bonus first, then 5 of the pack): the refund takes back 15.
    await buy("order-2", 20);
    await spend(memberId, 15, "big");
    const refunded = await refund("order-2");
    expect(refunded).toMatchObject({
      kind: "refund",
      amount: -15,
      balanceAfter: 0,
      alreadySpent: 5,
      reference: "order-2",
      description: "Refund: 15 of 20 credits taken back, 5 already spent",
    });
    // Refunded again (a duplicate event): the same entry, nothing more taken.
    expect((await refund("order-2")).id).toBe(refunded.id);
    expect(await books(memberId)).toEqual({ account: 0, entries: 0, count: 6, lots: 0 });
    // Unknown orders are not found.
    await expect(refund("order-404")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("gives the sign-up bonus once per person: on their first membership only", async () => {
    const owner = await acme.owner.caller("acme");
    expect(await owner.credit.balance({})).toMatchObject({ balance: 10 });
    const bonus = await owner.credit.history({});
    expect(bonus.items).toMatchObject([
      { kind: "signup_bonus", amount: 10, balanceAfter: 10, description: "Welcome bonus" },
    ]);
    // The owner founds a second organization, and a member of acme joins it: no second bonus.
    const other = await (await acme.owner.caller()).me.organizations.create({
      name: "Second",
      slug: "second",
    });
    const joined = await fx.addMember(other.id, "member");
    await fx.db.insert(member).values({
      organizationId: other.id,
      userId: acme.members.member!.id,
      role: "member",
    });
    const inSecond = await acme.owner.caller("second");
    expect(await inSecond.credit.balance({})).toMatchObject({ balance: 0 });
    expect((await inSecond.credit.history({})).items).toEqual([]);
    const memberInSecond = await acme.members.member!.caller("second");
    expect(await memberInSecond.credit.balance({})).toMatchObject({ balance: 0 });
    // Someone whose first membership is in the second organization gets it there.
    expect(await (await joined.caller("second")).credit.balance({})).toMatchObject({ balance: 10 });
  });

  it("shows history newest first with the running balance, page by page", async () => {
    const memberId = (await fx.addMember(acme.org.id, "member")).memberId;
    for (let i = 1; i <= 4; i++) await spend(memberId, i, `page-${i}`, `Spend ${i}`);
    const admin = await acme.members.admin!.caller("acme");
    const first = await admin.credit.history({ memberId, limit: 3 });
    expect(first.items.map((e) => [e.description, e.amount, e.balanceAfter])).toEqual([
      ["Spend 4", -4, 0],
      ["Spend 3", -3, 4],
      ["Spend 2", -2, 7],
    ]);
    const second = await admin.credit.history({ memberId, limit: 3, cursor: first.nextCursor });
    expect(second.items.map((e) => [e.description, e.amount, e.balanceAfter])).toEqual([
      ["Spend 1", -1, 9],
      ["Welcome bonus", 10, 10],
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it("lets a member read only their own credits, an admin anyone's in the organization", async () => {
    const target = await fx.addMember(acme.org.id, "member");
    const plain = await acme.members.member!.caller("acme");
    const admin = await acme.members.admin!.caller("acme");
    expect(await refusalOf(plain.credit.history({ memberId: target.memberId }))).toEqual({
      code: "NOT_FOUND",
      fields: [],
    });
    expect(await refusalOf(plain.credit.balance({ memberId: target.memberId }))).toEqual({
      code: "NOT_FOUND",
      fields: [],
    });
    expect(await admin.credit.balance({ memberId: target.memberId })).toMatchObject({
      balance: 10,
    });
    // Another organization's admin names the member: missing.
    const other = await fx.createOrg("elsewhere");
    const outsider = await other.owner.caller("elsewhere");
    expect(await refusalOf(outsider.credit.history({ memberId: target.memberId }))).toEqual({
      code: "NOT_FOUND",
      fields: [],
    });
  });

  it("grants an admin bonus once per request, with its reason in the activity log", async () => {
    const target = await fx.addMember(acme.org.id, "member");
    const admin = await acme.members.admin!.caller("acme");
    const input = {
      memberId: target.memberId,
      amount: 25,
      description: "Thanks for the workshop",
      idempotencyKey: "a1b2c3d4-bonus",
    };
    const granted = await admin.credit.adminGrant(input);
    expect(granted).toMatchObject({ kind: "admin_bonus", amount: 25, balanceAfter: 35 });
    expect((await admin.credit.adminGrant(input)).id).toBe(granted.id);
    expect(await (await target.caller("acme")).credit.balance({})).toMatchObject({ balance: 35 });
    const log = await system((scope) =>
      listActivity(scope, { target: { type: "member", id: target.memberId }, limit: 50 }),
    );
    const entries = log.items.filter((a) => a.action === "credit.granted");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorMemberId: acme.members.admin!.memberId,
      changes: {
        credits: { from: null, to: 25 },
        description: { from: null, to: "Thanks for the workshop" },
      },
    });
    // Members cannot grant; bad amounts are the form's errors.
    const plain = await acme.members.member!.caller("acme");
    expect(
      await refusalOf(plain.credit.adminGrant({ ...input, idempotencyKey: "m-bonus-1" })),
    ).toEqual({
      code: "FORBIDDEN",
      fields: [],
    });
    expect(
      await refusalOf(
        admin.credit.adminGrant({ ...input, amount: 0, idempotencyKey: "zero-bonus" }),
      ),
    ).toEqual({ code: "BAD_REQUEST", fields: ["amount"] });
  });
});
