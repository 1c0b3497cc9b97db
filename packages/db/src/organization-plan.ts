// What an organization's plan rests on, as one SQL fragment: its current subscription (at most
// one, organization_subscription_one_current) with that subscription's plan and price, and the
// Free plan everything falls back to. The membership statement (tenant.ts) joins it, so every
// organization procedure has it at no extra round trip; readOrganizationPlan runs it alone for
// jobs and webhooks. Which plan applies (trialing, active, past_due within grace…) is decided by
// @guild/api's entitlements service, on the raw row.
import { sql } from "drizzle-orm";
import type { SubscriptionSource, SubscriptionStatus } from "./enums/billing.ts";
import type { TenantDb } from "./tenant.ts";

/** The organization plan's columns as the driver returns them (timestamps as text). */
export interface OrganizationPlanColumns extends Record<string, unknown> {
  subscription_id: string | null;
  subscription_status: SubscriptionStatus | null;
  subscription_source: SubscriptionSource | null;
  subscription_seats: number | null;
  subscription_grace_until: string | Date | null;
  subscription_trial_end: string | Date | null;
  subscription_period_end: string | Date | null;
  subscription_cancel_at_period_end: boolean | null;
  subscription_plan_key: string | null;
  subscription_plan_name: string | null;
  subscription_entitlements: unknown;
  subscription_per_seat: boolean | null;
  free_plan_key: string | null;
  free_plan_name: string | null;
  free_entitlements: unknown;
}

/** The organization's current subscription, if any, and the Free plan. */
export interface OrganizationPlanRow {
  subscription: {
    id: string;
    status: SubscriptionStatus;
    source: SubscriptionSource;
    seats: number;
    graceUntil: Date | null;
    trialEnd: Date | null;
    currentPeriodEnd: Date | null;
    cancelAtPeriodEnd: boolean;
    planKey: string;
    planName: string;
    /** Unchecked jsonb: the entitlements service parses it. */
    entitlements: unknown;
    /** The price is per staff seat (seats is then the staff seat limit). */
    perSeat: boolean;
  } | null;
  free: { key: string; name: string; entitlements: unknown } | null;
}

/**
 * Select-list items (prefixed as OrganizationPlanColumns) and the joins that produce them, for
 * the organization whose id is `organizationId` (an SQL expression of the enclosing statement).
 */
export function organizationPlanSql(organizationId: string) {
  return {
    columns: `cur.id as subscription_id, cur.status as subscription_status,
              cur.source as subscription_source, cur.seats as subscription_seats,
              cur.grace_until as subscription_grace_until, cur.trial_end as subscription_trial_end,
              cur.current_period_end as subscription_period_end,
              cur.cancel_at_period_end as subscription_cancel_at_period_end,
              cur.plan_key as subscription_plan_key, cur.plan_name as subscription_plan_name,
              cur.entitlements as subscription_entitlements, cur.per_seat as subscription_per_seat,
              free.key as free_plan_key, free.name as free_plan_name,
              free.entitlements as free_entitlements`,
    joins: `left join lateral (
              select os.id, os.status, os.source, os.seats, os.grace_until, os.trial_end,
                     os.current_period_end, os.cancel_at_period_end,
                     p.key as plan_key, p.name as plan_name, p.entitlements, pp.per_seat
              from organization_subscription os
              join plan p on p.id = os.plan_id
              left join plan_price pp on pp.id = os.plan_price_id
              where os.organization_id = ${organizationId}
                and os.status not in ('incomplete_expired', 'canceled')
            ) cur on true
            left join plan free on free.key = 'free'`,
  };
}

const instantOf = (value: string | Date | null): Date | null =>
  value === null ? null : value instanceof Date ? value : new Date(value);

/** The raw columns as a row. */
export function organizationPlanRow(columns: OrganizationPlanColumns): OrganizationPlanRow {
  const c = columns;
  return {
    subscription:
      c.subscription_id &&
      c.subscription_status &&
      c.subscription_source &&
      c.subscription_plan_key &&
      c.subscription_plan_name
        ? {
            id: c.subscription_id,
            status: c.subscription_status,
            source: c.subscription_source,
            seats: c.subscription_seats ?? 0,
            graceUntil: instantOf(c.subscription_grace_until),
            trialEnd: instantOf(c.subscription_trial_end),
            currentPeriodEnd: instantOf(c.subscription_period_end),
            cancelAtPeriodEnd: c.subscription_cancel_at_period_end === true,
            planKey: c.subscription_plan_key,
            planName: c.subscription_plan_name,
            entitlements: c.subscription_entitlements,
            perSeat: c.subscription_per_seat === true,
          }
        : null,
    free:
      c.free_plan_key && c.free_plan_name
        ? { key: c.free_plan_key, name: c.free_plan_name, entitlements: c.free_entitlements }
        : null,
  };
}

const standalone = organizationPlanSql("o.organization_id");

/**
 * The organization's plan row on its own (jobs, webhooks, a scope the membership statement did
 * not open, invitation acceptance before the membership exists). One statement; in a tenant
 * transaction RLS also confines it to that organization.
 */
export async function readOrganizationPlan(
  db: Pick<TenantDb, "execute">,
  organizationId: string,
): Promise<OrganizationPlanRow> {
  const rows = await db.execute<OrganizationPlanColumns>(
    sql`select ${sql.raw(standalone.columns)}
        from (select ${organizationId}::uuid as organization_id) o ${sql.raw(standalone.joins)}`,
  );
  const [row] = rows;
  if (!row) throw new Error("the organization plan statement returned no row");
  return organizationPlanRow(row);
}
