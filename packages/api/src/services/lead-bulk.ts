// Bulk actions on leads and the count behind "select all N matching": they take the list's own
// filter (schemas/lead.ts leadFilter), so what the table says matches is what the action changes.
// Each change is one set-based statement in the tenant transaction, logged like the single-lead
// change it repeats (one activity entry and one realtime event per lead it changed).
import {
  and,
  eq,
  inArray,
  lead,
  live,
  type SQL,
  searchedRows,
  sql,
  type TenantScope,
} from "@guild/db";
import type { z } from "zod";
import { AppError } from "../errors.ts";
import {
  type bulkAssignLeadsInput,
  type bulkChangeLeadStatusInput,
  LEAD_BULK_LIMIT,
  type leadFilter,
  type leadSelection,
} from "../schemas/lead.ts";
import { recordAndPublish } from "./activity.ts";
import { assertOwnerIsStaff } from "./lead.ts";
import { notify } from "./notification.ts";

/** The count stops here (the table says "10,000+"): counting further would only cost time. */
export const LEAD_COUNT_CAP = 10_000;

type Filter = z.output<typeof leadFilter>;
type Selection = z.output<typeof leadSelection>;

/**
 * The live leads a filter matches (and, given ids, only those of them), at most `limit`, as a
 * CTE: a search finds them through the search terms, as the list does (searchedRows).
 */
function matchingLeads(
  scope: TenantScope,
  filter: Filter,
  ids: string[] | undefined,
  limit: number,
) {
  const tx = scope.db;
  const where: SQL[] = [eq(lead.organizationId, scope.organizationId), live(lead)];
  if (filter.status?.length) where.push(inArray(lead.status, filter.status));
  if (filter.source?.length) where.push(inArray(lead.source, filter.source));
  if (filter.ownerMemberId) where.push(eq(lead.ownerMemberId, filter.ownerMemberId));
  if (ids) where.push(inArray(lead.id, [...new Set(ids)]));
  const columns = { id: lead.id, status: lead.status, ownerMemberId: lead.ownerMemberId };
  if (filter.search)
    return searchedRows(tx, "matching", columns, {
      table: lead,
      kinds: ["lead"],
      text: sql`${filter.search}`,
      organizationId: sql`${scope.organizationId}::uuid`,
      where,
      orderBy: [sql`${lead.id}`],
      limit: sql.raw(String(limit)),
    });
  return tx.$with("matching").as(
    tx
      .select(columns)
      .from(lead)
      .where(and(...where))
      .limit(limit),
  );
}

async function countMatching(
  scope: TenantScope,
  filter: Filter,
  ids: string[] | undefined,
  cap: number,
) {
  const matching = matchingLeads(scope, filter, ids, cap + 1);
  const [row] = await scope.db
    .with(matching)
    .select({ count: sql<number>`count(*)::int` })
    .from(matching);
  return row?.count ?? 0;
}

/** How many leads the filter matches, exact up to LEAD_COUNT_CAP. */
export async function countLeads(scope: TenantScope, filter: Filter) {
  const count = await countMatching(scope, filter, undefined, LEAD_COUNT_CAP);
  return { total: Math.min(count, LEAD_COUNT_CAP), capped: count > LEAD_COUNT_CAP };
}

/**
 * The selection as a CTE, after checking it is not past LEAD_BULK_LIMIT: one request never locks
 * more leads than that, and a refusal changes nothing.
 */
async function boundedSelection(scope: TenantScope, selection: Selection) {
  const count = await countMatching(scope, selection.filter, selection.ids, LEAD_BULK_LIMIT);
  if (count > LEAD_BULK_LIMIT)
    throw new AppError(
      "BAD_REQUEST",
      `More than ${LEAD_BULK_LIMIT.toLocaleString("en")} leads match: narrow the filter and try again`,
      { field: "filter" },
    );
  return matchingLeads(scope, selection.filter, selection.ids, LEAD_BULK_LIMIT);
}

const target = (id: string) => ({ type: "lead", id });

/**
 * Moves the selected leads to a status. Leads already there are left alone (not touched, not
 * logged), so sending it twice changes nothing the second time.
 */
export async function bulkChangeLeadStatus(
  scope: TenantScope,
  input: z.output<typeof bulkChangeLeadStatusInput>,
) {
  const matching = await boundedSelection(scope, input);
  const changed = await scope.db
    .with(matching)
    .update(lead)
    .set({ status: input.status, updatedAt: scope.now() })
    .from(matching)
    .where(
      and(
        eq(lead.organizationId, scope.organizationId),
        eq(lead.id, matching.id),
        sql`${lead.status} <> ${input.status}`,
      ),
    )
    .returning({ id: lead.id, from: matching.status });
  await recordAndPublish(
    scope,
    "lead.status_changed",
    "lead",
    changed.map((row) => ({
      id: row.id,
      changes: { status: { from: row.from, to: input.status } },
    })),
  );
  return { changed: changed.length };
}

/**
 * Tells a bulk action's new owner once, however many leads it gave them: one lead is named as a
 * single assignment names it, more are a summary with their count. Giving leads to oneself or
 * to no one tells nobody (notify leaves the actor out).
 */
function notifyNewOwner(scope: TenantScope, ownerMemberId: string | null, leadIds: string[]) {
  const [first] = leadIds;
  if (!ownerMemberId || !first) return;
  if (leadIds.length === 1)
    return notify(scope, {
      kind: "lead.assigned",
      target: target(first),
      recipients: [ownerMemberId],
    });
  return notify(scope, {
    kind: "lead.bulk_assigned",
    target: { type: "member", id: ownerMemberId },
    recipients: [ownerMemberId],
    count: leadIds.length,
  });
}

/** Gives the selected leads to an owner (or to no one); leads they already own are left alone. */
export async function bulkAssignLeads(
  scope: TenantScope,
  input: z.output<typeof bulkAssignLeadsInput>,
) {
  await assertOwnerIsStaff(scope, input.ownerMemberId);
  const matching = await boundedSelection(scope, input);
  const changed = await scope.db
    .with(matching)
    .update(lead)
    .set({ ownerMemberId: input.ownerMemberId, updatedAt: scope.now() })
    .from(matching)
    .where(
      and(
        eq(lead.organizationId, scope.organizationId),
        eq(lead.id, matching.id),
        sql`${lead.ownerMemberId} is distinct from ${input.ownerMemberId}::uuid`,
      ),
    )
    .returning({ id: lead.id, from: matching.ownerMemberId });
  await recordAndPublish(
    scope,
    "lead.updated",
    "lead",
    changed.map((row) => ({
      id: row.id,
      changes: { ownerMemberId: { from: row.from, to: input.ownerMemberId } },
    })),
  );
  await notifyNewOwner(
    scope,
    input.ownerMemberId,
    changed.map((row) => row.id),
  );
  return { changed: changed.length };
}

/**
 * Soft-deletes the selected leads. The ids come back for the Undo (lead.restore); a lead deleted
 * already is not matched again, so a repeat deletes nothing.
 */
export async function bulkRemoveLeads(scope: TenantScope, input: Selection) {
  const matching = await boundedSelection(scope, input);
  const removed = await scope.db
    .with(matching)
    .update(lead)
    .set({ deletedAt: scope.now() })
    .from(matching)
    .where(and(eq(lead.organizationId, scope.organizationId), eq(lead.id, matching.id)))
    .returning({ id: lead.id });
  await recordAndPublish(scope, "lead.deleted", "lead", removed);
  return { ids: removed.map((row) => row.id) };
}
