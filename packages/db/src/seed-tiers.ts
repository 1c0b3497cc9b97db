// The demo organization's member tiers (issue 10 §4): two tiers, and members on them, comped by
// the owner. Comped tiers have no Stripe object: nothing for a webhook or a reconciliation to
// correct. The seed makes no Stripe prices: with the dev stand-in, the server's boot connects the
// demo and puts the tiers' prices there (@guild/api demo-tiers-stand-in.ts); with real Stripe, the
// owner connects and saves a tier, which creates its prices on the connected account.
// Idempotent: a demo that already has tiers keeps them.
import { and, eq } from "drizzle-orm";
import { member, memberTier, memberTierState } from "./schema/index.ts";
import type { TenantScope } from "./scope.ts";

export const demoTiers = [
  {
    name: "Supporter",
    description: "Back the community and get the monthly members' newsletter.",
    monthlyPrice: 500,
    yearlyPrice: 5000,
    lifetimePrice: null,
    trialDays: 0,
    sortOrder: 1,
  },
  {
    name: "Patron",
    description: "Everything in Supporter, plus the paid spaces and courses.",
    monthlyPrice: 1500,
    yearlyPrice: 15000,
    lifetimePrice: 30000,
    trialDays: 7,
    sortOrder: 2,
  },
] as const;

/**
 * Tiers for the demo, and the first members (after the owner) comped one each, in turn. Returns
 * whether it added them (false: the demo had tiers).
 */
export async function seedDemoTiers(
  scope: TenantScope,
  memberIds: readonly string[],
): Promise<boolean> {
  const existing = await scope.db
    .select({ id: memberTier.id })
    .from(memberTier)
    .where(eq(memberTier.organizationId, scope.organizationId))
    .limit(1);
  if (existing.length > 0) return false;
  const tiers = await scope.db
    .insert(memberTier)
    .values(demoTiers.map((tier) => ({ organizationId: scope.organizationId, ...tier })))
    .returning({ id: memberTier.id });
  const [owner, ...others] = memberIds;
  for (const [i, memberId] of others.entries()) {
    const tier = tiers[(tiers.length - 1 - i + tiers.length) % tiers.length];
    const [person] = await scope.db
      .select({ userId: member.userId })
      .from(member)
      .where(and(eq(member.organizationId, scope.organizationId), eq(member.id, memberId)));
    if (!tier || !person) continue;
    await scope.db
      .insert(memberTierState)
      .values({
        organizationId: scope.organizationId,
        memberId,
        userId: person.userId,
        tierId: tier.id,
        status: "active",
        source: "comp",
        grantedByMemberId: owner ?? null,
      })
      .onConflictDoNothing();
  }
  return true;
}
