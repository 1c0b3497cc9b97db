// Payment history (issue 10 §1, §4): orders and invoices as one list, newest first, keyset by
// (time, id). A member reads their own; an admin any member's, and the organization's whole
// history (its plan's invoices and every member's orders and tier invoices). To anyone else
// another member's payments are missing, as an unknown member is (the credit reads' rule).
import {
  and,
  eq,
  hasRole,
  invoiceStatuses,
  member,
  orderStatuses,
  type SQL,
  sql,
  type TenantScope,
} from "@guild/db";
import { z } from "zod";
import { notFound } from "../errors.ts";
import type {
  memberPaymentsInput,
  myOrdersInput,
  organizationPaymentsInput,
  PaymentCursor,
} from "../schemas/payment.ts";

const rowSchema = z.object({
  id: z.uuid(),
  kind: z.enum(["order", "invoice"]),
  description: z.string(),
  status: z.union([z.enum(orderStatuses), z.enum(invoiceStatuses)]),
  amount: z.number().int(),
  amount_refunded: z.number().int(),
  currency: z.string(),
  at: z.coerce.date(),
  url: z.string().nullable(),
  period_start: z.coerce.date().nullable(),
  period_end: z.coerce.date().nullable(),
  payer_name: z.string().nullable(),
  credits: z.number().int().nullable(),
});

/** One payment as the history shows it. */
export interface PaymentEntry {
  id: string;
  kind: "order" | "invoice";
  /** What was bought or billed. */
  description: string;
  status: z.infer<typeof rowSchema>["status"];
  /** Paid (invoices) or the order's price, in the currency's smallest unit. */
  amount: number;
  amountRefunded: number;
  currency: string;
  at: Date;
  /** Stripe's hosted invoice, or the charge's receipt. */
  url: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  /** Who paid; null for the organization's own plan. */
  payerName: string | null;
  /** Credits an order of credit packs granted. */
  credits: number | null;
}

interface PageQuery {
  /** Only this person's payments (their orders and tier invoices). */
  userId?: string;
  ordersOnly?: boolean;
  limit: number;
  cursor?: PaymentCursor | null | undefined;
}

async function listPayments(scope: TenantScope, query: PageQuery) {
  const org = scope.organizationId;
  const orderWho: SQL = query.userId ? sql`and o.buyer_user_id = ${query.userId}::uuid` : sql``;
  const invoiceWho: SQL = query.userId ? sql`and b.user_id = ${query.userId}::uuid` : sql``;
  const after: SQL = query.cursor
    ? sql`where (p.at, p.id) < (${query.cursor.at.toISOString()}::timestamptz, ${query.cursor.id}::uuid)`
    : sql``;
  const invoices: SQL = query.ordersOnly
    ? sql``
    : sql`union all
      select b.id, 'invoice' as kind,
        coalesce(b.description, case b.subject when 'organization_plan' then 'Plan subscription'
          else 'Membership tier' end) as description,
        b.status, case when b.status = 'paid' then b.amount_paid else b.amount_due end as amount,
        0 as amount_refunded, b.currency, b.issued_at as at, b.hosted_invoice_url as url,
        b.period_start, b.period_end, u.name as payer_name, null::int as credits
      from billing_invoice b left join "user" u on u.id = b.user_id
      where b.organization_id = ${org}::uuid ${invoiceWho}`;
  const rows = await scope.db.execute(sql`
    select * from (
      select o.id, 'order' as kind,
        coalesce((select string_agg(i.description, ', ' order by i.created_at, i.id) from order_item i
          where i.organization_id = o.organization_id and i.order_id = o.id), 'Order') as description,
        o.status, o.amount_total as amount, o.amount_refunded, o.currency, o.created_at as at,
        o.receipt_url as url, null::timestamptz as period_start, null::timestamptz as period_end,
        u.name as payer_name,
        (select sum(i.credits * i.quantity)::int from order_item i
          where i.organization_id = o.organization_id and i.order_id = o.id) as credits
      from "order" o left join "user" u on u.id = o.buyer_user_id
      where o.organization_id = ${org}::uuid ${orderWho}
      ${invoices}
    ) p ${after}
    order by p.at desc, p.id desc
    limit ${query.limit + 1}`);
  const parsed = z.array(rowSchema).parse([...rows]);
  const items: PaymentEntry[] = parsed.slice(0, query.limit).map((row) => ({
    id: row.id,
    kind: row.kind,
    description: row.description,
    status: row.status,
    amount: row.amount,
    amountRefunded: row.amount_refunded,
    currency: row.currency,
    at: row.at,
    url: row.url,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    payerName: row.payer_name,
    credits: row.credits,
  }));
  const last = items.at(-1);
  return {
    items,
    nextCursor: parsed.length > query.limit && last ? { at: last.at, id: last.id } : null,
  };
}

function memberActor(scope: TenantScope) {
  if (scope.actor.kind !== "member") throw new Error("payment reads are a member's");
  return scope.actor;
}

/** payment.myOrders: the caller's own orders (credit packs, lifetime purchases). */
export function listMyOrders(scope: TenantScope, input: z.output<typeof myOrdersInput>) {
  const actor = memberActor(scope);
  return listPayments(scope, { ...input, userId: actor.userId, ordersOnly: true });
}

/** payment.memberHistory: a member's orders and tier invoices; another's for admins only. */
export async function listMemberPayments(
  scope: TenantScope,
  input: z.output<typeof memberPaymentsInput>,
) {
  const actor = memberActor(scope);
  let userId = actor.userId;
  if (input.memberId !== undefined && input.memberId !== actor.memberId) {
    if (!hasRole(actor.role, "admin")) throw notFound("Member");
    const [found] = await scope.db
      .select({ userId: member.userId })
      .from(member)
      .where(and(eq(member.organizationId, scope.organizationId), eq(member.id, input.memberId)));
    if (!found) throw notFound("Member");
    userId = found.userId;
  }
  return listPayments(scope, { ...input, userId });
}

/** payment.organizationHistory: everything paid in the organization (admins). */
export function listOrganizationPayments(
  scope: TenantScope,
  input: z.output<typeof organizationPaymentsInput>,
) {
  return listPayments(scope, input);
}
