import {
  and,
  compiledSelect,
  eq,
  inArray,
  isNotNull,
  type LeadStatus,
  lead,
  leadStatuses,
  live,
  lt,
  member,
  memberRoles,
  or,
  SOFT_DELETE_RETENTION_DAYS,
  type SQL,
  searchedRows,
  sql,
  type TenantDb,
  type TenantScope,
  user,
  withGenericPlan,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { hasCrmAccessByRole } from "../policies/lead.ts";
import { publish } from "../realtime/event-log.ts";
import type {
  changeLeadStatusInput,
  createLeadInput,
  exportLeadsInput,
  LeadCursor,
  LeadSortField,
  leadIdsInput,
  listLeadsInput,
  updateLeadInput,
} from "../schemas/lead.ts";
import { LEAD_IMPORT_REASON } from "../schemas/lead-import.ts";
import { changesBetween, recordActivities, recordActivity } from "./activity.ts";
import { notify } from "./notification.ts";

const leadColumns = {
  id: lead.id,
  name: lead.name,
  email: lead.email,
  company: lead.company,
  phone: lead.phone,
  status: lead.status,
  source: lead.source,
  valueCents: lead.valueCents,
  notes: lead.notes,
  ownerMemberId: lead.ownerMemberId,
  createdAt: lead.createdAt,
  updatedAt: lead.updatedAt,
  ownerName: user.name,
};

/**
 * What a list row shows (table, pipeline card): notes and phone are for the lead's own page.
 * Every list row is read, mapped, serialized and parsed once per page view, so each column
 * left out here is saved 25 times per request.
 */
const pageColumns = {
  id: lead.id,
  name: lead.name,
  email: lead.email,
  company: lead.company,
  status: lead.status,
  source: lead.source,
  valueCents: lead.valueCents,
  ownerMemberId: lead.ownerMemberId,
  createdAt: lead.createdAt,
  updatedAt: lead.updatedAt,
};

const sortColumns = {
  createdAt: lead.createdAt,
  updatedAt: lead.updatedAt,
  name: lead.name,
  value: lead.valueCents,
} as const satisfies Record<LeadSortField, unknown>;

function cursorValue(sort: LeadSortField, cursor: LeadCursor): Date | string | number {
  const { value } = cursor;
  const ok =
    sort === "createdAt" || sort === "updatedAt"
      ? value instanceof Date
      : sort === "name"
        ? typeof value === "string"
        : typeof value === "number";
  if (!ok)
    throw new AppError("BAD_REQUEST", "The cursor does not match the sort order", {
      field: "cursor",
    });
  return value;
}

/** Everything about a list request that changes the SQL text; values go in placeholders. */
interface ListShape {
  sort: LeadSortField;
  desc: boolean;
  search: boolean;
  statuses: number;
  sources: number;
  owner: boolean;
  cursor: boolean;
}

const placeholders = (name: string, count: number) =>
  Array.from({ length: count }, (_, i) => sql.placeholder(`${name}${i}`));

/**
 * Pick the page from lead alone (the index walk stops after limit + 1 rows), then join the
 * owners' names onto those rows only: joining first let the planner join every match of a broad
 * search before sorting and limiting. A search keeps the same filters, order and cursor and picks
 * the page through search_term (searchedRows: a prefix of any word of name, email or company, every
 * word of the search). Built once per shape (compiledSelect).
 */
const listLeadsQuery = compiledSelect((tx: TenantDb, shape: ListShape) => {
  const column = sortColumns[shape.sort];
  // The page query and the outer join sort the same way: sort column, then id as tie-breaker.
  const keysetOrder = (sortBy: unknown, id: unknown) =>
    shape.desc ? [sql`${sortBy} desc`, sql`${id} desc`] : [sql`${sortBy} asc`, sql`${id} asc`];
  const organizationId = sql.placeholder("organizationId");
  const where: SQL[] = [eq(lead.organizationId, organizationId), live(lead)];
  if (shape.statuses) where.push(inArray(lead.status, placeholders("status", shape.statuses)));
  if (shape.sources) where.push(inArray(lead.source, placeholders("source", shape.sources)));
  if (shape.owner) where.push(eq(lead.ownerMemberId, sql.placeholder("owner")));
  if (shape.cursor) {
    const after = sql`(${sql.placeholder("cursorValue")}, ${sql.placeholder("cursorId")})`;
    where.push(
      shape.desc
        ? sql`(${column}, ${lead.id}) < ${after}`
        : sql`(${column}, ${lead.id}) > ${after}`,
    );
  }
  const limit = sql.placeholder("limit");
  const pageRows = shape.search
    ? searchedRows(tx, "page", pageColumns, {
        table: lead,
        kinds: ["lead"],
        text: sql.placeholder("search"),
        organizationId,
        where,
        orderBy: keysetOrder(column, lead.id),
        limit,
      })
    : tx.$with("page").as(
        tx
          .select(pageColumns)
          .from(lead)
          .where(and(...where))
          .orderBy(...keysetOrder(column, lead.id))
          .limit(limit),
      );
  const pageSort = {
    createdAt: pageRows.createdAt,
    updatedAt: pageRows.updatedAt,
    name: pageRows.name,
    value: pageRows.valueCents,
  }[shape.sort];
  return tx
    .with(pageRows)
    .select({ ...pageRows._.selectedFields, ownerName: user.name })
    .from(pageRows)
    .leftJoin(
      member,
      and(eq(member.organizationId, organizationId), eq(member.id, pageRows.ownerMemberId)),
    )
    .leftJoin(user, eq(user.id, member.userId))
    .orderBy(...keysetOrder(pageSort, pageRows.id));
});

/**
 * Keyset pagination (never OFFSET): each order has an index (organization_id, sort column, id),
 * so any page costs the same. Returns the next cursor when more rows may follow.
 */
export async function listLeads(scope: TenantScope, input: z.output<typeof listLeadsInput>) {
  const statuses = input.status ?? [];
  const sources = input.source ?? [];
  const values: Record<string, unknown> = {
    organizationId: scope.organizationId,
    limit: input.limit + 1,
  };
  if (input.search) values.search = input.search;
  statuses.forEach((status, i) => {
    values[`status${i}`] = status;
  });
  sources.forEach((source, i) => {
    values[`source${i}`] = source;
  });
  if (input.ownerMemberId) values.owner = input.ownerMemberId;
  if (input.cursor) {
    const raw = cursorValue(input.sort, input.cursor);
    // drizzle's postgres.js driver sends raw-SQL parameters as text: serialize dates ourselves.
    values.cursorValue = raw instanceof Date ? raw.toISOString() : raw;
    values.cursorId = input.cursor.id;
  }
  const shape: ListShape = {
    sort: input.sort,
    desc: input.order === "desc",
    search: Boolean(input.search),
    statuses: statuses.length,
    sources: sources.length,
    owner: Boolean(input.ownerMemberId),
    cursor: Boolean(input.cursor),
  };
  // Generic plans: planned once per connection; lead-plan.test.ts checks them for every shape.
  const rows = await withGenericPlan(scope.db, () => listLeadsQuery(scope.db, shape, values));
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const nextCursor: LeadCursor | null =
    rows.length > input.limit && last
      ? {
          id: last.id,
          value:
            input.sort === "createdAt"
              ? last.createdAt
              : input.sort === "updatedAt"
                ? last.updatedAt
                : input.sort === "name"
                  ? last.name
                  : last.valueCents,
        }
      : null;
  return { items: page, nextCursor };
}

/** Leads per page of a CSV export (each page is its own short transaction). */
export const EXPORT_PAGE_SIZE = 100;

/**
 * A page of a CSV export: the list's page (same filters, order, keyset and plans), with the
 * fields a list row leaves out (phone, notes) read for those rows only.
 */
export async function exportLeadsPage(
  scope: TenantScope,
  input: z.output<typeof exportLeadsInput>,
) {
  const page = await listLeads(scope, { ...input, limit: EXPORT_PAGE_SIZE });
  const ids = page.items.map((item) => item.id);
  const details =
    ids.length === 0
      ? []
      : await scope.db
          .select({ id: lead.id, phone: lead.phone, notes: lead.notes })
          .from(lead)
          .where(and(eq(lead.organizationId, scope.organizationId), inArray(lead.id, ids)));
  const byId = new Map(details.map((row) => [row.id, row]));
  return {
    items: page.items.map((item) => ({
      ...item,
      phone: byId.get(item.id)?.phone ?? null,
      notes: byId.get(item.id)?.notes ?? null,
    })),
    nextCursor: page.nextCursor,
  };
}

/** The fields the activity log follows. */
const trackedFields = [
  "name",
  "email",
  "company",
  "phone",
  "status",
  "source",
  "valueCents",
  "notes",
  "ownerMemberId",
] as const;

const target = (id: string) => ({ type: "lead", id });

export async function getLead(scope: TenantScope, id: string) {
  const [row] = await scope.db
    .select(leadColumns)
    .from(lead)
    .leftJoin(
      member,
      and(eq(member.organizationId, lead.organizationId), eq(member.id, lead.ownerMemberId)),
    )
    .leftJoin(user, eq(user.id, member.userId))
    .where(and(eq(lead.organizationId, scope.organizationId), eq(lead.id, id), live(lead)));
  if (!row) throw notFound("Lead");
  return row;
}

/** The roles that own leads by right (the CRM's staff by role), from the lead policy. */
const crmRoles = memberRoles.filter(hasCrmAccessByRole);

/** The members who may own leads (CRM staff: by role, or granted CRM access). */
export const isCrmStaff = () => or(inArray(member.role, crmRoles), eq(member.crmAccess, true));

/** A lead's owner works it: a member of this organization with CRM access. */
export async function assertOwnerIsStaff(
  scope: TenantScope,
  ownerMemberId: string | null | undefined,
) {
  if (!ownerMemberId) return;
  const [found] = await scope.db
    .select({ id: member.id })
    .from(member)
    .where(
      and(
        eq(member.organizationId, scope.organizationId),
        eq(member.id, ownerMemberId),
        isCrmStaff(),
      ),
    );
  if (!found)
    throw new AppError("BAD_REQUEST", "The owner must be a member with CRM access", {
      field: "ownerMemberId",
    });
}

/** A lead got an owner (other than whoever gave it to them): tell that member. */
function notifyNewOwner(
  scope: TenantScope,
  leadId: string,
  before: string | null,
  after: string | null,
) {
  if (!after || after === before) return;
  return notify(scope, { kind: "lead.assigned", target: target(leadId), recipients: [after] });
}

export async function createLead(scope: TenantScope, input: z.output<typeof createLeadInput>) {
  await assertOwnerIsStaff(scope, input.ownerMemberId);
  const now = scope.now();
  const [row] = await scope.db
    .insert(lead)
    .values({ ...input, organizationId: scope.organizationId, createdAt: now, updatedAt: now })
    .returning();
  if (!row) throw new Error("insert returned no row");
  await recordActivity(scope, {
    action: "lead.created",
    target: target(row.id),
    changes: changesBetween(null, row, trackedFields),
  });
  await notifyNewOwner(scope, row.id, null, row.ownerMemberId);
  await publish(scope, { kind: "lead.created", target: target(row.id) });
  return getLead(scope, row.id);
}

/**
 * Of these (lowercased) emails, the ones a live lead of the organization has. One index probe
 * per email (the lateral subquery with its limit leaves the planner no other shape): written as
 * `email in (...)`, the planner trusted statistics taken before an import's own leads arrived,
 * scanned every lead of the organization by another index and compared each with every email,
 * which made each batch of an import slower than the last (100,000 rows: 632 rows/s).
 */
export async function emailsOfLiveLeads(
  scope: TenantScope,
  emails: readonly string[],
): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await scope.db.execute<{ email: string }>(sql`
    select e.email
    from jsonb_array_elements_text(${JSON.stringify([...new Set(emails)])}::jsonb) as e(email)
    cross join lateral (
      select 1 from ${lead} as l
      where l.organization_id = ${scope.organizationId} and l.email = e.email
        and l.deleted_at is null
      limit 1
    ) as found`);
  return new Set(rows.map((row) => row.email));
}

/**
 * Leads from a CSV import, in one statement, each with its lead.created entry in the activity log
 * naming the member who imported them. Owned as the file's Owner column said (resolved by the
 * caller to CRM staff), or unassigned; no owner is notified (an import would send one a
 * notification per lead). The caller publishes
 * one event for the batch: an event per lead would flood every colleague's stream.
 */
export async function createImportedLeads(
  scope: TenantScope,
  leads: ReadonlyArray<{ id: string; input: z.output<typeof createLeadInput> }>,
  importerMemberId: string | null,
): Promise<void> {
  if (leads.length === 0) return;
  const now = scope.now();
  const rows = await scope.db
    .insert(lead)
    .values(
      leads.map(({ id, input }) => ({
        ...input,
        ownerMemberId: input.ownerMemberId ?? null,
        id,
        organizationId: scope.organizationId,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning();
  await recordActivities(
    scope,
    rows.map((row) => ({
      action: "lead.created",
      target: target(row.id),
      changes: changesBetween(null, row, trackedFields),
    })),
    { onBehalfOf: importerMemberId, reason: LEAD_IMPORT_REASON },
  );
}

/** The live lead, locked for this transaction's update, as it was before. */
async function lockLead(scope: TenantScope, id: string) {
  const [before] = await scope.db
    .select()
    .from(lead)
    .where(and(eq(lead.organizationId, scope.organizationId), eq(lead.id, id), live(lead)))
    .for("update");
  if (!before) throw notFound("Lead");
  return before;
}

export async function updateLead(
  scope: TenantScope,
  { id, ...changes }: z.output<typeof updateLeadInput>,
) {
  const before = await lockLead(scope, id);
  // Checked only when it changes: a lead keeps an owner who has since lost CRM access.
  if (changes.ownerMemberId !== before.ownerMemberId)
    await assertOwnerIsStaff(scope, changes.ownerMemberId);
  const [after] = await scope.db
    .update(lead)
    .set({ ...changes, updatedAt: scope.now() })
    .where(and(eq(lead.organizationId, scope.organizationId), eq(lead.id, id)))
    .returning();
  if (!after) throw notFound("Lead");
  await recordActivity(scope, {
    action: "lead.updated",
    target: target(id),
    changes: changesBetween(before, after, trackedFields),
  });
  await notifyNewOwner(scope, id, before.ownerMemberId, after.ownerMemberId);
  await publish(scope, { kind: "lead.updated", target: target(id) });
  return getLead(scope, id);
}

export async function changeLeadStatus(
  scope: TenantScope,
  input: z.output<typeof changeLeadStatusInput>,
) {
  const before = await lockLead(scope, input.id);
  const [row] = await scope.db
    .update(lead)
    .set({ status: input.status, updatedAt: scope.now() })
    .where(and(eq(lead.organizationId, scope.organizationId), eq(lead.id, input.id)))
    .returning({ id: lead.id, status: lead.status, updatedAt: lead.updatedAt });
  if (!row) throw notFound("Lead");
  await recordActivity(scope, {
    action: "lead.status_changed",
    target: target(row.id),
    changes: changesBetween(before, row, ["status"]),
  });
  await publish(scope, { kind: "lead.status_changed", target: target(row.id) });
  return getLead(scope, row.id);
}

/**
 * Soft-deletes leads, all or nothing: if any id is not a live lead of this organization, nothing
 * changes. They can be restored (restoreLeads) until the purge job removes them.
 */
export async function removeLeads(scope: TenantScope, input: z.output<typeof leadIdsInput>) {
  const ids = [...new Set(input.ids)];
  const removed = await scope.db
    .update(lead)
    .set({ deletedAt: scope.now() })
    .where(and(eq(lead.organizationId, scope.organizationId), inArray(lead.id, ids), live(lead)))
    .returning({ id: lead.id });
  if (removed.length !== ids.length)
    throw notFound(ids.length === 1 ? "Lead" : "Some of the leads");
  await recordActivities(
    scope,
    removed.map(({ id }) => ({ action: "lead.deleted", target: target(id) })),
  );
  await publish(
    scope,
    removed.map(({ id }) => ({ kind: "lead.deleted", target: target(id) }) as const),
  );
  return { ids: removed.map((r) => r.id) };
}

/** Brings soft-deleted leads back (the web's Undo), all or nothing, within the retention window. */
export async function restoreLeads(scope: TenantScope, input: z.output<typeof leadIdsInput>) {
  const ids = [...new Set(input.ids)];
  const restored = await scope.db
    .update(lead)
    .set({ deletedAt: null })
    .where(
      and(
        eq(lead.organizationId, scope.organizationId),
        inArray(lead.id, ids),
        isNotNull(lead.deletedAt),
      ),
    )
    .returning({ id: lead.id });
  if (restored.length !== ids.length)
    throw notFound(ids.length === 1 ? "Deleted lead" : "Some of the deleted leads");
  await recordActivities(
    scope,
    restored.map(({ id }) => ({ action: "lead.restored", target: target(id) })),
  );
  await publish(
    scope,
    restored.map(({ id }) => ({ kind: "lead.restored", target: target(id) }) as const),
  );
  return { ids: restored.map((r) => r.id) };
}

/** Deletes for good the leads soft-deleted longer ago than the retention window. */
export async function purgeDeletedLeads(scope: TenantScope) {
  const before = new Date(scope.now().getTime() - SOFT_DELETE_RETENTION_DAYS * 86_400_000);
  await scope.db
    .delete(lead)
    .where(and(eq(lead.organizationId, scope.organizationId), lt(lead.deletedAt, before)));
}

/**
 * An int8 sum of cents as a number. PostgreSQL sends int8 as text, since a JavaScript number
 * cannot hold every int8. A total past 2^53 cents (90 trillion in currency units, ~900 leads at
 * the maximum value) comes back rounded to the nearest representable number: a display total,
 * never used for money movements. Refusing instead let any member break the dashboard.
 */
export function centsFromInt8(value: unknown): number {
  return Number(value);
}

/** Count and total value per status, every status present (zeros included), in pipeline order. */
export async function pipelineSummary(scope: TenantScope) {
  const rows = await scope.db
    .select({
      status: lead.status,
      count: sql<number>`count(*)::int`,
      valueCents: sql`coalesce(sum(${lead.valueCents}), 0)::bigint`.mapWith(centsFromInt8),
    })
    .from(lead)
    .where(and(eq(lead.organizationId, scope.organizationId), live(lead)))
    .groupBy(lead.status);
  const byStatus = new Map<LeadStatus, { count: number; valueCents: number }>(
    rows.map((r) => [r.status, { count: r.count, valueCents: r.valueCents }]),
  );
  return leadStatuses.map((status) => ({
    status,
    count: byStatus.get(status)?.count ?? 0,
    valueCents: byStatus.get(status)?.valueCents ?? 0,
  }));
}
