// CSV imports of leads (issue 9): the import record keeps where it stands, its counts and who
// started it, so its progress survives a reload; its rows arrive in chunks before the job runs
// and stay with their outcome, so the bad ones can be listed with their reasons.
import { relations, sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, text, uuid } from "drizzle-orm/pg-core";
import {
  leadImportBadRowModes,
  leadImportRowStatuses,
  leadImportStatuses,
} from "../enums/lead-import.ts";
import {
  instant,
  keyedTenantTable,
  memberRef,
  tenantRef,
  tenantTable,
  textEnum,
  updatedAt,
} from "./helpers.ts";
import { organization } from "./organization.ts";

export const leadImport = tenantTable(
  "lead_import",
  {
    /** The importer: the imported leads' activity names them. Null once they left. */
    createdByMemberId: uuid(),
    fileName: text().notNull(),
    /**
     * The file's SHA-256 (hex) and size in bytes, as the importer's browser read it: choosing the
     * same file again after an upload stopped continues that upload instead of starting over.
     */
    contentHash: text(),
    fileSize: bigint({ mode: "number" }),
    /** Per column of the file, the lead field it fills (null: not imported), for a resumed upload. */
    columnMapping: jsonb().$type<Array<string | null>>(),
    status: textEnum(leadImportStatuses).notNull().default("uploading"),
    badRows: textEnum(leadImportBadRowModes).notNull(),
    /** Rows the file has, as the importer's browser counted them. */
    totalRows: integer().notNull(),
    /** Rows received so far (each row number at most once). */
    receivedRows: integer().notNull().default(0),
    /** Rows that failed validation when they arrived. */
    invalidRows: integer().notNull().default(0),
    importedRows: integer().notNull().default(0),
    duplicateRows: integer().notNull().default(0),
    /**
     * The job's position: every row up to this number has its outcome. Moved in the transaction
     * that imports the batch, so a retried job goes on after the last committed batch.
     */
    processedThrough: integer().notNull().default(0),
    startedAt: instant(),
    finishedAt: instant(),
    /** Who cancelled it (null: not cancelled, or they left since). */
    cancelledByMemberId: uuid(),
    updatedAt: updatedAt(),
  },
  (t) => [
    memberRef(t, t.createdByMemberId, "lead_import_created_by_member_fk"),
    memberRef(t, t.cancelledByMemberId, "lead_import_cancelled_by_member_fk"),
    // The organization's imports, newest first.
    index("lead_import_org_created_idx").on(t.organizationId, t.createdAt, t.id),
    // An upload stopped halfway, found again by its file.
    index("lead_import_org_upload_idx")
      .on(t.organizationId, t.contentHash, t.fileSize)
      .where(sql`${t.status} = 'uploading'`),
  ],
);

/** The values of a row as the importer mapped them: lead field → the cell's text. */
export type LeadImportValues = Partial<Record<string, string>>;

export const leadImportRow = keyedTenantTable(
  "lead_import_row",
  {
    importId: uuid().notNull(),
    /** The row's line in the file (the header is line 1), as the importer sees it. */
    rowNumber: integer().notNull(),
    values: jsonb().$type<LeadImportValues>().notNull(),
    status: textEnum(leadImportRowStatuses).notNull(),
    /** Why a row is bad, in words. */
    error: text(),
    /** The lead it became (no foreign key: the lead may be deleted and purged later). */
    leadId: uuid(),
  },
  (t) => [t.importId, t.rowNumber],
  (t) => [
    tenantRef(t, t.importId, () => leadImport, {
      onDelete: "cascade",
      name: "lead_import_row_import_fk",
    }),
    // The bad rows of an import, in file order.
    index("lead_import_row_invalid_idx")
      .on(t.organizationId, t.importId, t.rowNumber)
      .where(sql`${t.status} = 'invalid'`),
  ],
);

export const leadImportRelations = relations(leadImport, ({ one }) => ({
  organization: one(organization, {
    fields: [leadImport.organizationId],
    references: [organization.id],
  }),
}));
