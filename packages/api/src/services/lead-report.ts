// The dashboard's sales report: where the period's leads stand, how many moved on from each
// stage to the next, and what was won each month. Read from lead and the activity log (status
// changes), under the same CRM rung and RLS as the list.
import {
  and,
  eq,
  gte,
  type LeadStatus,
  lead,
  leadStatuses,
  live,
  lt,
  type SQL,
  sql,
  type TenantScope,
} from "@guild/db";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import type { salesReportInput } from "../schemas/lead.ts";
import { centsFromInt8 } from "./lead.ts";

/** The funnel's stages in order; a lead that reached one has passed every stage before it. */
const funnelStages = [
  "new",
  "contacted",
  "qualified",
  "proposal",
  "negotiation",
  "won",
] as const satisfies readonly LeadStatus[];

export async function salesReport(scope: TenantScope, input: z.output<typeof salesReportInput>) {
  const { actor } = scope;
  if (input.mine && actor.kind !== "member")
    throw new AppError("BAD_REQUEST", "Only a member has deals of their own");
  const where: SQL[] = [eq(lead.organizationId, scope.organizationId), live(lead)];
  if (input.from) where.push(gte(lead.createdAt, input.from));
  if (input.to) where.push(lt(lead.createdAt, input.to));
  if (input.mine && actor.kind === "member") where.push(eq(lead.ownerMemberId, actor.memberId));
  // The period's leads, for the two statements drizzle's builder cannot write (the activity
  // log's JSON and array_position).
  const periodLeads = sql`select ${lead.id} as id, ${lead.status} as status,
    ${lead.valueCents} as value_cents from ${lead} where ${and(...where)}`;
  const scoped = scope.db.$with("scoped").as(
    scope.db
      .select({ id: lead.id, status: lead.status, valueCents: lead.valueCents })
      .from(lead)
      .where(and(...where)),
  );

  const stages = await scope.db
    .with(scoped)
    .select({
      status: scoped.status,
      count: sql<number>`count(*)::int`,
      valueCents: sql`coalesce(sum(${scoped.valueCents}), 0)::bigint`.mapWith(centsFromInt8),
    })
    .from(scoped)
    .groupBy(scoped.status);

  // How far each lead got: the furthest funnel stage it is at or ever moved to (the activity
  // log's status changes), so a lead lost in negotiation counts as having reached negotiation.
  const stageArray = sql.raw(`array[${funnelStages.map((s) => `'${s}'`).join(",")}]::text[]`);
  const furthest = await scope.db.execute<{ stage: number; leads: number }>(sql`
    with scoped as (${periodLeads}),
    reached as (
      select s.id, s.status::text as stage from scoped s
      union all
      select a.target_id, a.changes -> 'status' ->> 'to'
      from activity a join scoped s on s.id = a.target_id
      where a.organization_id = ${scope.organizationId}::uuid and a.target_type = 'lead'
        and a.changes ? 'status'
    )
    select furthest as stage, count(*)::int as leads from (
      select id, coalesce(max(array_position(${stageArray}, stage)), 1) as furthest
      from reached group by id
    ) per_lead group by furthest`);
  const atLeast = funnelStages.map((_, i) =>
    furthest.filter((row) => row.stage >= i + 1).reduce((sum, row) => sum + row.leads, 0),
  );
  const conversion = funnelStages.slice(0, -1).map((from, i) => {
    const reached = atLeast[i] ?? 0;
    const advanced = atLeast[i + 1] ?? 0;
    return {
      from,
      to: funnelStages[i + 1] ?? "won",
      reached,
      advanced,
      rate: reached === 0 ? null : advanced / reached,
    };
  });

  // Won per month (UTC), by the day the lead moved to won, among the period's leads.
  const wonRows = await scope.db.execute<{ month: string; leads: number; value_cents: string }>(sql`
    with scoped as (${periodLeads}),
    won as (
      select s.id, s.value_cents, max(a.created_at) as at
      from activity a join scoped s on s.id = a.target_id
      where a.organization_id = ${scope.organizationId}::uuid and a.target_type = 'lead'
        and a.changes -> 'status' ->> 'to' = 'won'
      group by s.id, s.value_cents
    )
    select to_char(date_trunc('month', at at time zone 'UTC'), 'YYYY-MM') as month,
           count(*)::int as leads, coalesce(sum(value_cents), 0)::bigint::text as value_cents
    from won group by 1 order by 1`);

  const byStatus = new Map(stages.map((row) => [row.status, row]));
  return {
    stages: leadStatuses.map((status) => ({
      status,
      count: byStatus.get(status)?.count ?? 0,
      valueCents: byStatus.get(status)?.valueCents ?? 0,
    })),
    conversion,
    wonByMonth: wonRows.map((row) => ({
      month: row.month,
      leads: row.leads,
      valueCents: centsFromInt8(row.value_cents),
    })),
  };
}
