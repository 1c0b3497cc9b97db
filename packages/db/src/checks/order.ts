// db:check, orders (schema/order.ts): an order marked paid came with Stripe's payment (its payment
// intent or charge, and when it was paid), and a paid credit pack put its credits in the buyer's
// ledger (key purchase:<order>) and, refunded in full, took them back (refund:<order>): otherwise
// money and credits tell two different stories.
import { sql } from "drizzle-orm";
import type { CheckDomain } from "./registry.ts";

const paidStatuses = sql.raw(`('paid', 'partially_refunded', 'refunded')`);

export const orderChecks: CheckDomain = {
  name: "orders",
  async tenantCounts(scope) {
    const [row] = await scope.db.execute<{ orders: number; paid: number; refunded: number }>(sql`
      select count(*)::int as orders,
             count(*) filter (where status in ${paidStatuses})::int as paid,
             count(*) filter (where status = 'refunded')::int as refunded
      from "order" where organization_id = ${scope.organizationId}`);
    if (!row) throw new Error("order counts returned nothing");
    return { orders: row.orders, "paid orders": row.paid, "refunded orders": row.refunded };
  },
  tenantChecks: [
    {
      name: "order.payment",
      rule: "every order marked paid has its payment",
      async run(scope) {
        const rows = await scope.db.execute<{
          id: string;
          purpose: string;
          status: string;
          paid_at: string | null;
        }>(sql`
          select id, purpose, status, paid_at::text from "order"
          where organization_id = ${scope.organizationId} and status in ${paidStatuses}
            and amount_total > 0
            and (paid_at is null
                 or (stripe_payment_intent_id is null and stripe_charge_id is null))
          order by created_at`);
        return rows.map((r) => ({
          subject: `order ${r.id} (${r.purpose})`,
          detail: `${r.status} but ${r.paid_at ? "no payment intent nor charge" : "never paid"}`,
        }));
      },
    },
    {
      name: "order.credits",
      rule: "every paid credit pack granted its credits, and a full refund took them back",
      async run(scope) {
        const rows = await scope.db.execute<{ id: string; status: string; problem: string }>(sql`
          select o.id, o.status,
                 case when g.id is null then 'its credits were never granted'
                      else 'its credits were not taken back' end as problem
          from "order" o
          left join credit_entry g on g.organization_id = o.organization_id
            and g.member_id = o.buyer_member_id and g.idempotency_key = 'purchase:' || o.id
          left join credit_entry r on r.organization_id = o.organization_id
            and r.member_id = o.buyer_member_id and r.idempotency_key = 'refund:' || o.id
          where o.organization_id = ${scope.organizationId} and o.purpose = 'credit_pack'
            and o.status in ${paidStatuses} and o.buyer_member_id is not null
            and exists (select 1 from order_item i where i.organization_id = o.organization_id
                          and i.order_id = o.id and i.credits > 0)
            and (g.id is null or (o.status = 'refunded' and r.id is null))
          order by o.created_at`);
        return rows.map((r) => ({
          subject: `order ${r.id} (credit_pack)`,
          detail: `${r.status} but ${r.problem}`,
        }));
      },
    },
  ],
};
