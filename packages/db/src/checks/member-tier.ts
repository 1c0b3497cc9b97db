// db:check, member tiers (schema/member-tier.ts): a tier a member bought is paid to the
// organization's connected account and followed through its Stripe object (the subscription, or
// a lifetime purchase's checkout session), so a live bought tier with neither, or in an
// organization with no connected account, opens paid content that nothing paid for and no webhook
// or reconciliation can ever correct.
import { type SQL, sql } from "drizzle-orm";
import type { TenantScope } from "../scope.ts";
import type { CheckDomain, Finding } from "./registry.ts";

const live = sql.raw(`('active', 'trialing', 'past_due')`);

/** The organization's live tiers bought through Stripe that also meet `fault`, one finding each
 * (`fault` may name the state row `s`), reported as "…, but <what>". */
async function liveBoughtTiers(scope: TenantScope, fault: SQL, what: string): Promise<Finding[]> {
  const rows = await scope.db.execute<{
    member_id: string;
    name: string | null;
    status: string;
  }>(sql`
    select s.member_id, u.name, s.status
    from member_tier_state s left join "user" u on u.id = s.user_id
    where s.organization_id = ${scope.organizationId} and s.source = 'stripe'
      and s.status in ${live}
      and ${fault}
    order by u.name, s.member_id`);
  return rows.map((r) => ({
    subject: `member ${r.name ?? "?"} (${r.member_id})`,
    detail: `tier ${r.status}, bought through Stripe, but ${what}`,
  }));
}

export const memberTierChecks: CheckDomain = {
  name: "member tiers",
  async tenantCounts(scope) {
    const [row] = await scope.db.execute<{ tiers: number; members: number; accounts: number }>(sql`
      select (select count(*)::int from member_tier
              where organization_id = ${scope.organizationId}) as tiers,
             (select count(*)::int from member_tier_state
              where organization_id = ${scope.organizationId} and status in ${live}) as members,
             (select count(*)::int from connected_account
              where organization_id = ${scope.organizationId}) as accounts`);
    if (!row) throw new Error("member tier counts returned nothing");
    return {
      tiers: row.tiers,
      "members on a tier": row.members,
      "connected accounts": row.accounts,
    };
  },
  tenantChecks: [
    {
      name: "member-tier.stripe-object",
      rule: "every live bought tier follows its Stripe subscription or lifetime checkout",
      run: (scope) =>
        liveBoughtTiers(
          scope,
          sql`s.stripe_subscription_id is null and s.stripe_checkout_session_id is null`,
          "with no subscription nor checkout",
        ),
    },
    {
      name: "member-tier.connected-account",
      rule: "every live bought tier is in an organization with a connected account",
      run: (scope) =>
        liveBoughtTiers(
          scope,
          sql`not exists (select 1 from connected_account a
                          where a.organization_id = s.organization_id)`,
          "the organization has no connected account",
        ),
    },
  ],
};
