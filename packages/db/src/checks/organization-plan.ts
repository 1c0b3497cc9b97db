// db:check, organization plans (schema/organization-subscription.ts): a subscription that is paid
// for (a Stripe subscription or a lifetime purchase) came through the organization's Stripe
// customer, so a current one without a billing_customer row cannot be managed (portal, plan
// change, invoices) nor matched to Stripe's events; and a subscription's price is one of its
// plan's prices. Comped subscriptions have no customer by design.
import { sql } from "drizzle-orm";
import type { CheckDomain } from "./registry.ts";

export const organizationPlanChecks: CheckDomain = {
  name: "organization plans",
  async tenantCounts(scope) {
    const [row] = await scope.db.execute<{ customers: number; current: number }>(sql`
      select (select count(*)::int from billing_customer
              where organization_id = ${scope.organizationId}) as customers,
             count(*) filter (where status not in ('incomplete_expired', 'canceled'))::int as current
      from organization_subscription where organization_id = ${scope.organizationId}`);
    if (!row) throw new Error("organization plan counts returned nothing");
    return { "stripe customers": row.customers, "current subscriptions": row.current };
  },
  async tenantDetails(scope) {
    const rows = await scope.db.execute<{ plan: string; status: string; source: string }>(sql`
      select p.name as plan, s.status, s.source
      from organization_subscription s join plan p on p.id = s.plan_id
      where s.organization_id = ${scope.organizationId}
        and s.status not in ('incomplete_expired', 'canceled')`);
    return rows.map((r) => `plan: ${r.plan} (${r.status}, ${r.source})`);
  },
  tenantChecks: [
    {
      name: "organization-plan.customer",
      rule: "every current paid subscription has the organization's Stripe customer",
      async run(scope) {
        const rows = await scope.db.execute<{
          id: string;
          status: string;
          source: string;
          stripe_subscription_id: string | null;
        }>(sql`
          select s.id, s.status, s.source, s.stripe_subscription_id
          from organization_subscription s
          where s.organization_id = ${scope.organizationId}
            and s.source in ('stripe', 'lifetime')
            and s.status not in ('incomplete_expired', 'canceled')
            and not exists (select 1 from billing_customer c
                            where c.organization_id = s.organization_id)
          order by s.created_at`);
        return rows.map((r) => ({
          subject: `subscription ${r.stripe_subscription_id ?? r.id}`,
          detail: `${r.status} (${r.source}) but the organization has no Stripe customer`,
        }));
      },
    },
    {
      name: "organization-plan.price",
      rule: "every subscription's price belongs to its plan",
      async run(scope) {
        const rows = await scope.db.execute<{
          id: string;
          stripe_subscription_id: string | null;
          plan: string;
          price_plan: string;
        }>(sql`
          select s.id, s.stripe_subscription_id, p.key as plan, pp_plan.key as price_plan
          from organization_subscription s
          join plan p on p.id = s.plan_id
          join plan_price pp on pp.id = s.plan_price_id
          join plan pp_plan on pp_plan.id = pp.plan_id
          where s.organization_id = ${scope.organizationId} and pp.plan_id <> s.plan_id
          order by s.created_at`);
        return rows.map((r) => ({
          subject: `subscription ${r.stripe_subscription_id ?? r.id}`,
          detail: `on plan ${r.plan} but paying a price of plan ${r.price_plan}`,
        }));
      },
    },
  ],
};
