// The demo organization's credit history (issue 10 §4): besides the welcome bonus each demo
// member got with their membership (the trigger on member), a purchased pack, an admin's bonus
// and spends over the past weeks, written through the ledger's own functions (migrations 0028 and
// 0032), so running balances and lots are as the app makes them. Every entry has a fixed key: a
// seed run again (or finishing one cut short) adds nothing.
import { and, eq, like, sql } from "drizzle-orm";
import { creditEntry } from "./schema/index.ts";
import type { TenantScope } from "./scope.ts";

const DAY = 86_400_000;

const spends = [
  { daysAgo: 20, amount: 2, description: "AI summary of a lead" },
  { daysAgo: 12, amount: 5, description: "Enriched 5 leads' company data" },
  { daysAgo: 6, amount: 1, description: "AI draft of a follow-up email" },
  { daysAgo: 2, amount: 3, description: "AI summary of a call" },
];

export async function seedCreditHistory(
  scope: TenantScope,
  memberIds: readonly string[],
  now: Date,
): Promise<void> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
  for (const [i, memberId] of memberIds.entries()) {
    // They joined a month ago: their welcome bonus is dated so, before what follows it (never
    // later than it was: on a demo topped up long after its bonuses, they stay where they are).
    await scope.db.execute(sql`update credit_entry
      set created_at = least(created_at, ${at(30)}::timestamptz)
      where organization_id = ${scope.organizationId}::uuid and member_id = ${memberId}::uuid
        and idempotency_key = 'signup-bonus'`);
    const grant = (kind: string, amount: number, description: string, key: string, days: number) =>
      scope.db.execute(sql`select entry_id from guild_credit_grant(
        ${scope.organizationId}::uuid, ${memberId}::uuid, ${kind}, ${amount}::int, ${description},
        ${key}, null, ${kind === "purchase" ? key.slice("purchase:".length) : null}::text, null,
        ${at(days)}::timestamptz)`);
    await grant("purchase", 50, "Purchased 50 credits", `purchase:demo-order-${i + 1}`, 25);
    for (const spend of spends.slice(0, 2))
      await scope.db.execute(sql`select o_outcome from guild_credit_spend(
        ${scope.organizationId}::uuid, ${memberId}::uuid, ${spend.amount}::int,
        ${`spend:demo-${spend.daysAgo}`}, ${spend.description}, null, ${at(spend.daysAgo)}::timestamptz)`);
    if (i % 2 === 0)
      await grant(
        "admin_bonus",
        20,
        "Thanks for running the onboarding call",
        "admin:demo-bonus",
        8,
      );
    for (const spend of spends.slice(2))
      await scope.db.execute(sql`select o_outcome from guild_credit_spend(
        ${scope.organizationId}::uuid, ${memberId}::uuid, ${spend.amount}::int,
        ${`spend:demo-${spend.daysAgo}`}, ${spend.description}, null, ${at(spend.daysAgo)}::timestamptz)`);
  }
}

/** Whether the demo's credit history is there (its first purchase, keyed, from any earlier seed). */
export async function hasDemoCreditHistory(scope: TenantScope): Promise<boolean> {
  const [entry] = await scope.db
    .select({ id: creditEntry.id })
    .from(creditEntry)
    .where(
      and(
        eq(creditEntry.organizationId, scope.organizationId),
        like(creditEntry.idempotencyKey, "purchase:demo-order-%"),
      ),
    )
    .limit(1);
  return entry !== undefined;
}
