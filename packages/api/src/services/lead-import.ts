// CSV imports of leads (schema/lead-import.ts). The browser parses the file and sends its rows
// in chunks (addLeadImportRows), each a bounded request checked row by row on arrival; then
// startLeadImport hands the import to a job (jobs/lead-import.ts) that creates the leads in
// batches, each its own short tenant transaction that also moves the import's position, so a
// retried job picks up after the last committed batch and never imports a row twice.
import {
  and,
  asc,
  desc,
  eq,
  gt,
  inArray,
  leadImport,
  leadImportRow,
  lt,
  member,
  or,
  sql,
  type TenantScope,
  user,
} from "@guild/db";
import type { z } from "zod";
import { AppError, notFound } from "../errors.ts";
import { publish } from "../realtime/event-log.ts";
import type { createLeadInput } from "../schemas/lead.ts";
import {
  type addLeadImportRowsInput,
  type createLeadImportInput,
  type LeadImportValues,
  type leadImportBadRowsInput,
  leadImportFields,
  type leadImportFileInput,
  type listLeadImportsInput,
  type ParsedLeadImportRow,
  parseLeadImportRow,
} from "../schemas/lead-import.ts";
import { recordActivity } from "./activity.ts";
import { createImportedLeads, emailsOfLiveLeads, isCrmStaff } from "./lead.ts";

declare module "@guild/db/scope" {
  interface JobPayloads {
    "leadImport.run": { importId: string };
  }
}

/** How long a finished import (its rows and bad-row reasons) is kept. */
export const LEAD_IMPORT_RETENTION_DAYS = 30;

/** Rows per job transaction: short enough to hold the organization's import lock briefly. */
export const LEAD_IMPORT_BATCH = 500;

const target = (id: string) => ({ type: "lead_import", id });

function actingMemberId(scope: TenantScope): string {
  if (scope.actor.kind !== "member") throw new Error("an import is started by a member");
  return scope.actor.memberId;
}

export async function createLeadImport(
  scope: TenantScope,
  input: z.output<typeof createLeadImportInput>,
) {
  const [row] = await scope.db
    .insert(leadImport)
    .values({
      organizationId: scope.organizationId,
      createdByMemberId: actingMemberId(scope),
      fileName: input.fileName,
      contentHash: input.file?.contentHash ?? null,
      fileSize: input.file?.fileSize ?? null,
      columnMapping: input.columnMapping ?? null,
      badRows: input.badRows,
      totalRows: input.totalRows,
      createdAt: scope.now(),
      updatedAt: scope.now(),
    })
    .returning({ id: leadImport.id });
  if (!row) throw new Error("insert returned no row");
  return { id: row.id };
}

/** The import, locked for this transaction's change of its counts or status. */
async function importForUpdate(scope: TenantScope, id: string) {
  const [row] = await scope.db
    .select()
    .from(leadImport)
    .where(and(eq(leadImport.organizationId, scope.organizationId), eq(leadImport.id, id)))
    .for("update");
  return row;
}

async function lockImport(scope: TenantScope, id: string) {
  const row = await importForUpdate(scope, id);
  if (!row) throw notFound("Import");
  return row;
}

type OwnerMatch = { memberId: string } | { memberId: null; namesakes: number };

const ownerKey = (value: string) => value.trim().toLowerCase();

/**
 * The members the Owner cells name, by each cell (lowercased): a member with CRM access (who may
 * own leads) whose email is the cell, else whose name is, or why the cell names no owner. One
 * query for a batch's distinct cells.
 */
export async function importOwners(
  scope: TenantScope,
  cells: Iterable<string>,
): Promise<Map<string, OwnerMatch>> {
  const keys = [...new Set([...cells].map(ownerKey))];
  const matches = new Map<string, OwnerMatch>();
  if (keys.length === 0) return matches;
  const staff = await scope.db
    .select({ id: member.id, email: sql<string>`lower(${user.email})`, name: user.name })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(
      and(
        eq(member.organizationId, scope.organizationId),
        isCrmStaff(),
        or(inArray(sql`lower(${user.email})`, keys), inArray(sql`lower(${user.name})`, keys)),
      ),
    );
  for (const key of keys) {
    const byEmail = staff.find((m) => m.email === key);
    const byName = staff.filter((m) => m.name.toLowerCase() === key);
    const [only] = byName;
    matches.set(
      key,
      byEmail
        ? { memberId: byEmail.id }
        : only && byName.length === 1
          ? { memberId: only.id }
          : { memberId: null, namesakes: byName.length },
    );
  }
  return matches;
}

/** The Owner cells of rows that passed parseLeadImportRow. */
function ownerCells(rows: readonly ParsedLeadImportRow[]): string[] {
  return rows.flatMap((row) => (row.ok && row.owner ? [row.owner] : []));
}

/** A parsed row with its owner resolved: a lead to create, or why the row is bad. */
function withOwner(
  row: ParsedLeadImportRow,
  owners: ReadonlyMap<string, OwnerMatch>,
): ParsedLeadImportRow {
  if (!row.ok || !row.owner) return row;
  const match = owners.get(ownerKey(row.owner));
  if (!match) throw new Error("an owner cell was not looked up");
  if (match.memberId !== null)
    return { ...row, lead: { ...row.lead, ownerMemberId: match.memberId } };
  return {
    ok: false,
    error:
      match.namesakes > 1
        ? `Owner "${row.owner}" matches ${match.namesakes} members: use their email instead`
        : `Owner "${row.owner}" is not a member with CRM access: use a colleague's email or name, or leave it blank`,
  };
}

/** Rows checked as the job will check them: parseLeadImportRow, then their owners. */
async function checkRows(
  scope: TenantScope,
  rows: ReadonlyArray<{ values: LeadImportValues }>,
): Promise<ParsedLeadImportRow[]> {
  const parsed = rows.map((row) => parseLeadImportRow(row.values));
  const owners = await importOwners(scope, ownerCells(parsed));
  return parsed.map((row) => withOwner(row, owners));
}

/**
 * Stores a chunk of rows with each one's outcome of the check (pending or invalid, with the
 * reason). A row number already received is ignored, so a chunk sent again after a lost answer
 * changes nothing.
 */
export async function addLeadImportRows(
  scope: TenantScope,
  input: z.output<typeof addLeadImportRowsInput>,
) {
  const current = await lockImport(scope, input.id);
  if (current.status !== "uploading")
    throw new AppError(
      "CONFLICT",
      current.status === "cancelled"
        ? "This import was cancelled: it takes no more rows"
        : "This import has already started: it takes no more rows",
    );
  const past = input.rows.find((row) => row.rowNumber > current.totalRows + 1);
  if (past)
    throw new AppError(
      "BAD_REQUEST",
      `Row ${past.rowNumber} is past the ${current.totalRows} rows this import was started with`,
      { field: "rows" },
    );
  const checked = await checkRows(scope, input.rows);
  const inserted = await scope.db
    .insert(leadImportRow)
    .values(
      input.rows.map(({ rowNumber, values }, i) => {
        const parsed = checked[i];
        if (!parsed) throw new Error("a row was not checked");
        return {
          organizationId: scope.organizationId,
          importId: input.id,
          rowNumber,
          values,
          status: parsed.ok ? ("pending" as const) : ("invalid" as const),
          error: parsed.ok ? null : parsed.error,
        };
      }),
    )
    .onConflictDoNothing()
    .returning({ status: leadImportRow.status });
  const invalid = inserted.filter((row) => row.status === "invalid").length;
  const [after] = await scope.db
    .update(leadImport)
    .set({
      receivedRows: sql`${leadImport.receivedRows} + ${inserted.length}`,
      invalidRows: sql`${leadImport.invalidRows} + ${invalid}`,
      updatedAt: scope.now(),
    })
    .where(and(eq(leadImport.organizationId, scope.organizationId), eq(leadImport.id, input.id)))
    .returning({ receivedRows: leadImport.receivedRows, invalidRows: leadImport.invalidRows });
  if (!after) throw notFound("Import");
  return after;
}

/**
 * Once every row has arrived: refuses the import if a row is bad and the importer chose to import
 * nothing then, otherwise queues its job. Starting an import that has started already is a no-op.
 */
export async function startLeadImport(scope: TenantScope, id: string) {
  const current = await lockImport(scope, id);
  if (current.status === "uploading") {
    if (current.receivedRows < current.totalRows)
      throw new AppError(
        "BAD_REQUEST",
        `Only ${current.receivedRows} of ${current.totalRows} rows have arrived: send the rest first`,
      );
    const rejected = current.badRows === "reject" && current.invalidRows > 0;
    const now = scope.now();
    await scope.db
      .update(leadImport)
      .set(
        rejected
          ? { status: "rejected", finishedAt: now, updatedAt: now }
          : { status: "queued", updatedAt: now },
      )
      .where(and(eq(leadImport.organizationId, scope.organizationId), eq(leadImport.id, id)));
    if (!rejected) await scope.enqueue("leadImport.run", { importId: id }, { jobKey: id });
    await publish(scope, {
      kind: rejected ? "leadImport.finished" : "leadImport.updated",
      target: target(id),
    });
  }
  return getLeadImport(scope, id);
}

/** An import as its screen and the history show it: where it stands, its counts, who and when. */
function selectImports(scope: TenantScope) {
  return scope.db
    .select({
      id: leadImport.id,
      fileName: leadImport.fileName,
      status: leadImport.status,
      badRows: leadImport.badRows,
      totalRows: leadImport.totalRows,
      receivedRows: leadImport.receivedRows,
      invalidRows: leadImport.invalidRows,
      importedRows: leadImport.importedRows,
      duplicateRows: leadImport.duplicateRows,
      processedRows: leadImport.processedThrough,
      createdByMemberId: leadImport.createdByMemberId,
      createdByName: user.name,
      createdAt: leadImport.createdAt,
      startedAt: leadImport.startedAt,
      finishedAt: leadImport.finishedAt,
      cancelledByMemberId: leadImport.cancelledByMemberId,
      updatedAt: leadImport.updatedAt,
    })
    .from(leadImport)
    .leftJoin(
      member,
      and(
        eq(member.organizationId, leadImport.organizationId),
        eq(member.id, leadImport.createdByMemberId),
      ),
    )
    .leftJoin(user, eq(user.id, member.userId))
    .$dynamic();
}

type ImportRow = Awaited<ReturnType<ReturnType<typeof selectImports>["execute"]>>[number];

/**
 * An upload that sent rows this recently is still going, in another tab or on another device
 * (its chunks go one at a time, each within seconds); quieter than that, it stopped (a closed
 * tab, a lost connection) and waits to be continued.
 */
export const UPLOAD_IDLE_MS = 30_000;

// processedThrough is a row number (the header is row 1): as a count of the file's rows.
// `uploadInProgress`: rows are still arriving (the status says only that not all have).
const asShown = ({ updatedAt, ...row }: ImportRow, now: Date) => ({
  ...row,
  processedRows: Math.max(0, row.processedRows - 1),
  uploadInProgress:
    row.status === "uploading" && now.getTime() - updatedAt.getTime() < UPLOAD_IDLE_MS,
});

export async function getLeadImport(scope: TenantScope, id: string) {
  const [row] = await selectImports(scope).where(
    and(eq(leadImport.organizationId, scope.organizationId), eq(leadImport.id, id)),
  );
  if (!row) throw notFound("Import");
  return asShown(row, scope.now());
}

/** The organization's imports, newest first, a page at a time: the import screen's history. */
export async function listLeadImports(
  scope: TenantScope,
  input: z.output<typeof listLeadImportsInput>,
) {
  const { cursor, limit } = input;
  const rows = await selectImports(scope)
    .where(
      and(
        eq(leadImport.organizationId, scope.organizationId),
        cursor
          ? sql`(${leadImport.createdAt}, ${leadImport.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(leadImport.createdAt), desc(leadImport.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit).map((row) => asShown(row, scope.now()));
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null,
  };
}

/**
 * The caller's own upload of this file (same content hash and size) that stopped before all its
 * rows arrived, with the mapping it was sent with and how far it got, or null: choosing the file
 * again continues it from the first row that did not arrive instead of starting over.
 */
export async function findResumableLeadImport(
  scope: TenantScope,
  input: z.output<typeof leadImportFileInput>,
) {
  const [found] = await scope.db
    .select({
      id: leadImport.id,
      fileName: leadImport.fileName,
      totalRows: leadImport.totalRows,
      receivedRows: leadImport.receivedRows,
      badRows: leadImport.badRows,
      columnMapping: leadImport.columnMapping,
      createdAt: leadImport.createdAt,
    })
    .from(leadImport)
    .where(
      and(
        eq(leadImport.organizationId, scope.organizationId),
        eq(leadImport.contentHash, input.contentHash),
        eq(leadImport.fileSize, input.fileSize),
        eq(leadImport.status, "uploading"),
        eq(leadImport.createdByMemberId, actingMemberId(scope)),
      ),
    )
    .orderBy(desc(leadImport.createdAt), desc(leadImport.id))
    .limit(1);
  if (!found) return null;
  // Chunks arrive whole and in order, so what arrived is rows 2..N: N is the last row before the
  // first gap (1: none). Computed rather than trusted, in case chunks were sent out of order.
  const [through] = await scope.db.execute<{ through: number }>(sql`
    select case when not exists (
             select from ${leadImportRow} where organization_id = ${scope.organizationId}
               and import_id = ${found.id} and row_number = 2)
           then 1
           else (select min(r.row_number) from ${leadImportRow} r
                 where r.organization_id = ${scope.organizationId} and r.import_id = ${found.id}
                   and not exists (
                     select from ${leadImportRow} s
                     where s.organization_id = r.organization_id and s.import_id = r.import_id
                       and s.row_number = r.row_number + 1))
           end::int as through`);
  const mapping = found.columnMapping ?? [];
  return {
    ...found,
    columnMapping: mapping.map((field) => leadImportFields.find((f) => f === field) ?? null),
    receivedThrough: through?.through ?? 1,
  };
}

/**
 * Stops an import: an upload takes no more rows, a queued or running job stops before its next
 * batch (this waits for the batch under way: it holds the import's lock). Leads of the batches
 * already done stay imported and counted, which the screen says. Cancelling a cancelled import
 * changes nothing; a finished one cannot be.
 */
export async function cancelLeadImport(scope: TenantScope, id: string) {
  const current = await lockImport(scope, id);
  if (current.status === "cancelled") return getLeadImport(scope, id);
  if (current.status !== "uploading" && current.status !== "queued" && current.status !== "running")
    throw new AppError("CONFLICT", "This import has already finished: there is nothing to cancel");
  const now = scope.now();
  await scope.db
    .update(leadImport)
    .set({
      status: "cancelled",
      finishedAt: now,
      cancelledByMemberId: actingMemberId(scope),
      updatedAt: now,
    })
    .where(and(eq(leadImport.organizationId, scope.organizationId), eq(leadImport.id, id)));
  await recordActivity(scope, {
    action: "leadImport.cancelled",
    target: target(id),
    changes: { status: { from: current.status, to: "cancelled" } },
  });
  await publish(scope, { kind: "leadImport.finished", target: target(id) });
  return getLeadImport(scope, id);
}

/** The import's bad rows in file order, each with its reason, a page at a time. */
export async function listLeadImportBadRows(
  scope: TenantScope,
  input: z.output<typeof leadImportBadRowsInput>,
) {
  await getLeadImport(scope, input.id);
  const rows = await scope.db
    .select({
      rowNumber: leadImportRow.rowNumber,
      error: leadImportRow.error,
      values: leadImportRow.values,
    })
    .from(leadImportRow)
    .where(
      and(
        eq(leadImportRow.organizationId, scope.organizationId),
        eq(leadImportRow.importId, input.id),
        eq(leadImportRow.status, "invalid"),
        gt(leadImportRow.rowNumber, input.cursor ?? 0),
      ),
    )
    .orderBy(asc(leadImportRow.rowNumber))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: items.map((row) => ({ ...row, error: row.error ?? "" })),
    nextCursor: rows.length > input.limit && last ? last.rowNumber : null,
  };
}

type RowOutcome = {
  rowNumber: number;
  status: "invalid" | "imported" | "duplicate";
  error: string | null;
  leadId: string | null;
};

/**
 * The job's step: the next batch of rows after the import's position, in one transaction. Rows
 * whose email a live lead has (or an earlier row of the file: its lead exists by then) are
 * skipped as duplicates; the rest become leads. Returns whether rows may remain. Imports of one
 * organization take turns batch by batch (a transaction-level lock), so two files with the same
 * email cannot both create it.
 */
export async function importNextLeadBatch(scope: TenantScope, importId: string): Promise<boolean> {
  await scope.db.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`lead-import:${scope.organizationId}`}, 0))`,
  );
  const current = await importForUpdate(scope, importId);
  if (!current || (current.status !== "queued" && current.status !== "running")) return false;
  const now = scope.now();
  const rows = await scope.db
    .select({
      rowNumber: leadImportRow.rowNumber,
      values: leadImportRow.values,
      status: leadImportRow.status,
    })
    .from(leadImportRow)
    .where(
      and(
        eq(leadImportRow.organizationId, scope.organizationId),
        eq(leadImportRow.importId, importId),
        gt(leadImportRow.rowNumber, current.processedThrough),
      ),
    )
    .orderBy(asc(leadImportRow.rowNumber))
    .limit(LEAD_IMPORT_BATCH);
  const last = rows.at(-1);
  if (!last) {
    await scope.db
      .update(leadImport)
      .set({ status: "done", startedAt: current.startedAt ?? now, finishedAt: now, updatedAt: now })
      .where(and(eq(leadImport.organizationId, scope.organizationId), eq(leadImport.id, importId)));
    await publish(scope, { kind: "leadImport.finished", target: target(importId) });
    return false;
  }

  // Checked again, owners included: a member may have left or lost CRM access since the upload.
  const pending = rows.filter((row) => row.status === "pending");
  const checked = await checkRows(scope, pending);
  const parsed = pending.map((row, i) => {
    const result = checked[i];
    if (!result) throw new Error("a row was not checked");
    return { rowNumber: row.rowNumber, result };
  });
  const emails = parsed.flatMap(({ result }) =>
    result.ok && result.lead.email ? [result.lead.email] : [],
  );
  const taken = await emailsOfLiveLeads(scope, emails);
  const outcomes: RowOutcome[] = [];
  const leads: Array<{ id: string; input: z.output<typeof createLeadInput> }> = [];
  for (const { rowNumber, result } of parsed) {
    if (!result.ok) {
      outcomes.push({ rowNumber, status: "invalid", error: result.error, leadId: null });
      continue;
    }
    const email = result.lead.email;
    if (email && taken.has(email)) {
      outcomes.push({ rowNumber, status: "duplicate", error: null, leadId: null });
      continue;
    }
    if (email) taken.add(email);
    const id = crypto.randomUUID();
    leads.push({ id, input: result.lead });
    outcomes.push({ rowNumber, status: "imported", error: null, leadId: id });
  }
  await createImportedLeads(scope, leads, current.createdByMemberId);
  if (outcomes.length > 0)
    await scope.db.execute(sql`
      update ${leadImportRow} as r
      set status = o.status, error = o.error, lead_id = o."leadId"
      from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb)
        as o("rowNumber" int, status text, error text, "leadId" uuid)
      where r.organization_id = ${scope.organizationId} and r.import_id = ${importId}
        and r.row_number = o."rowNumber"
        -- The batch's range: a hash join over every row of the import instead (what statistics
        -- taken before its rows arrived lead to) grows each batch's update with the file.
        and r.row_number > ${current.processedThrough} and r.row_number <= ${last.rowNumber}`);
  const count = (status: RowOutcome["status"]) =>
    outcomes.filter((o) => o.status === status).length;
  await scope.db
    .update(leadImport)
    .set({
      status: "running",
      startedAt: current.startedAt ?? now,
      processedThrough: last.rowNumber,
      importedRows: sql`${leadImport.importedRows} + ${count("imported")}`,
      duplicateRows: sql`${leadImport.duplicateRows} + ${count("duplicate")}`,
      invalidRows: sql`${leadImport.invalidRows} + ${count("invalid")}`,
      updatedAt: now,
    })
    .where(and(eq(leadImport.organizationId, scope.organizationId), eq(leadImport.id, importId)));
  await publish(scope, { kind: "leadImport.updated", target: target(importId) });
  return true;
}

/**
 * The organization's daily upkeep: imports finished longer ago than the retention window go with
 * their rows (the leads stay), and so do uploads abandoned for a day (a closed tab).
 */
export async function purgeOldLeadImports(scope: TenantScope) {
  const now = scope.now().getTime();
  await scope.db
    .delete(leadImport)
    .where(
      and(
        eq(leadImport.organizationId, scope.organizationId),
        or(
          lt(leadImport.finishedAt, new Date(now - LEAD_IMPORT_RETENTION_DAYS * 86_400_000)),
          and(
            eq(leadImport.status, "uploading"),
            lt(leadImport.createdAt, new Date(now - 86_400_000)),
          ),
        ),
      ),
    );
}

/**
 * The import's job failed its last attempt: the import is over as failed, keeping what its
 * committed batches imported (importing the file again skips those rows by their emails).
 */
export async function failLeadImport(scope: TenantScope, importId: string) {
  const now = scope.now();
  const [failed] = await scope.db
    .update(leadImport)
    .set({ status: "failed", finishedAt: now, updatedAt: now })
    .where(
      and(
        eq(leadImport.organizationId, scope.organizationId),
        eq(leadImport.id, importId),
        or(eq(leadImport.status, "queued"), eq(leadImport.status, "running")),
      ),
    )
    .returning({ id: leadImport.id });
  if (failed) await publish(scope, { kind: "leadImport.finished", target: target(importId) });
}
