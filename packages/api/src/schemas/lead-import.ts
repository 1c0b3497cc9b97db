// CSV import of leads: the columns a file maps to lead fields, how a row's cells become a lead
// (through createLeadInput, the schema lead.create uses, so a row is bad for the same reasons a
// form would be), and the inputs of the import procedures. The web's import screen checks every
// row with parseLeadImportRow before anything is sent; the server checks them again on arrival.
import { leadImportBadRowModes, leadSources, leadStatuses } from "@guild/db/enums";
import { z } from "zod";
import { idSchema, text, timestamp } from "./common.ts";
import { createLeadInput, leadSourceLabels, leadStatusLabels } from "./lead.ts";

export const leadImportFields = [
  "name",
  "firstName",
  "lastName",
  "email",
  "company",
  "phone",
  "status",
  "source",
  "value",
  "notes",
  "owner",
] as const;
export type LeadImportField = (typeof leadImportFields)[number];

export const leadImportFieldLabels: Record<LeadImportField, string> = {
  name: "Name",
  firstName: "First name",
  lastName: "Last name",
  email: "Email",
  company: "Company",
  phone: "Phone",
  status: "Status",
  source: "Source",
  value: "Value",
  notes: "Notes",
  owner: "Owner",
};

/**
 * A lead's name comes from a Name column, or from First name and Last name columns (as HubSpot
 * and most address books export contacts), joined with a space: a file must map one of them.
 */
export const leadImportNameFields: readonly LeadImportField[] = ["name", "firstName", "lastName"];

/** The activity log's reason on the lead.created entries of imported leads (the timeline says so). */
export const LEAD_IMPORT_REASON = "csv-import";

/** The most rows one import takes (its job runs them in batches). */
export const MAX_IMPORT_ROWS = 100_000;

/**
 * A cell's text is cut to this before it is sent: longer than any lead field allows (so the row
 * is still reported as bad, by the field's own rule) yet small enough to keep a chunk of rows
 * within the request size limit.
 */
export const MAX_IMPORT_CELL = 5_100;

/** Rows per addRows call; the web also keeps each call's body well under the server's 1 MiB. */
export const MAX_IMPORT_CHUNK_ROWS = 2_000;

const normalizeHeader = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, "");

// Header names as CRMs and spreadsheets write them (HubSpot, Attio, Pipedrive exports), normalized.
const headerAliases: Record<LeadImportField, readonly string[]> = {
  name: ["name", "fullname", "contactname", "contact", "leadname", "lead", "person"],
  firstName: ["firstname", "givenname", "first", "forename"],
  lastName: ["lastname", "surname", "familyname", "last"],
  email: ["email", "emailaddress", "mail", "workemail", "primaryemail"],
  company: ["company", "companyname", "organization", "organisation", "account", "business"],
  phone: ["phone", "phonenumber", "mobile", "mobilephone", "telephone", "tel", "workphone"],
  status: ["status", "leadstatus", "stage", "dealstage", "lifecyclestage"],
  source: ["source", "leadsource", "originalsource", "channel"],
  value: ["value", "dealvalue", "amount", "dealamount", "valuecents", "revenue"],
  notes: ["notes", "note", "comments", "comment", "description"],
  owner: [
    "owner",
    "leadowner",
    "contactowner",
    "dealowner",
    "assignee",
    "assignedto",
    "salesrep",
    "rep",
  ],
};

/** The lead field a column's header most likely means, or null. */
export function guessLeadImportField(header: string): LeadImportField | null {
  const normalized = normalizeHeader(header);
  if (!normalized) return null;
  for (const field of leadImportFields) if (headerAliases[field].includes(normalized)) return field;
  return null;
}

const cell = z.string().max(MAX_IMPORT_CELL, "A cell is too long");

/** A row's cells by the lead field they were mapped to (missing: not mapped). */
export const leadImportValues = z.object({
  name: cell.optional(),
  firstName: cell.optional(),
  lastName: cell.optional(),
  email: cell.optional(),
  company: cell.optional(),
  phone: cell.optional(),
  status: cell.optional(),
  source: cell.optional(),
  value: cell.optional(),
  notes: cell.optional(),
  /** A member's email or name: the lead's owner (checked by the server, which knows the members). */
  owner: cell.optional(),
});
export type LeadImportValues = z.infer<typeof leadImportValues>;

/** A word matched to one of a list's values, by the value itself or its label, in any case. */
function matchChoice<T extends string>(
  word: string,
  values: readonly T[],
  labels: Record<T, string>,
): T | null {
  const wanted = word.trim().toLowerCase();
  return values.find((v) => v === wanted || labels[v].toLowerCase() === wanted) ?? null;
}

/**
 * An amount as spreadsheets write it ("1200", "1,200.50", "$ 1200", "-5") in cents, or null when
 * it is no amount. Commas are thousands separators; a dot is the decimal point.
 */
function centsOf(amount: string): number | null {
  const cleaned = amount.replace(/[\s,$€£¥]/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

export type ParsedLeadImportRow =
  | {
      ok: true;
      lead: z.output<typeof createLeadInput>;
      /** The Owner cell, trimmed (null: blank or not mapped), for the server to resolve. */
      owner: string | null;
    }
  | { ok: false; error: string };

/**
 * A row's cells as a lead, through createLeadInput (what lead.create accepts), or why it is bad:
 * every reason, field by field, in words.
 */
export function parseLeadImportRow(values: LeadImportValues): ParsedLeadImportRow {
  const reasons: string[] = [];
  const blank = (v: string | undefined) => v === undefined || v.trim() === "";
  let status: string | undefined;
  if (!blank(values.status)) {
    const found = matchChoice(values.status ?? "", leadStatuses, leadStatusLabels);
    if (found) status = found;
    else
      reasons.push(
        `Status "${values.status?.trim()}" is not one of ${Object.values(leadStatusLabels).join(", ")}`,
      );
  }
  let source: string | undefined;
  if (!blank(values.source)) {
    const found = matchChoice(values.source ?? "", leadSources, leadSourceLabels);
    if (found) source = found;
    else
      reasons.push(
        `Source "${values.source?.trim()}" is not one of ${Object.values(leadSourceLabels).join(", ")}`,
      );
  }
  let valueCents: number | undefined;
  if (!blank(values.value)) {
    const cents = centsOf(values.value ?? "");
    if (cents === null) reasons.push(`Value "${values.value?.trim()}" is not an amount`);
    else valueCents = cents;
  }
  const name = blank(values.name)
    ? [values.firstName, values.lastName]
        .map((part) => part?.trim() ?? "")
        .filter(Boolean)
        .join(" ")
    : values.name;
  const parsed = createLeadInput.safeParse({
    name: name ?? "",
    email: values.email,
    company: values.company,
    phone: values.phone,
    notes: values.notes,
    ...(status ? { status } : {}),
    ...(source ? { source } : {}),
    ...(valueCents === undefined ? {} : { valueCents }),
  });
  if (!parsed.success) reasons.push(...parsed.error.issues.map((issue) => issue.message));
  if (reasons.length > 0 || !parsed.success) return { ok: false, error: reasons.join("; ") };
  return {
    ok: true,
    lead: parsed.data,
    owner: blank(values.owner) ? null : (values.owner ?? "").trim(),
  };
}

export const leadImportBadRowModeSchema = z.enum(leadImportBadRowModes);

/** A file's SHA-256 as lowercase hex, as the browser's crypto.subtle computes it. */
export const contentHashSchema = z.string().regex(/^[0-9a-f]{64}$/, "Invalid file fingerprint");

/** What identifies a file for resuming its upload: its content's hash and its size in bytes. */
export const leadImportFileInput = z.object({
  contentHash: contentHashSchema,
  fileSize: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

/** Per column of the file, the field it fills (null: not imported). */
export const leadImportColumnMapping = z
  .array(z.enum(leadImportFields).nullable())
  .max(500, "The file has too many columns");

export const createLeadImportInput = z.object({
  fileName: text().trim().min(1, "Choose a file").max(255, "The file name is too long"),
  /** The file, so choosing it again after an upload stopped continues that upload. */
  file: leadImportFileInput.optional(),
  columnMapping: leadImportColumnMapping.optional(),
  totalRows: z
    .number()
    .int()
    .min(1, "The file has no rows")
    .max(MAX_IMPORT_ROWS, `At most ${MAX_IMPORT_ROWS.toLocaleString("en")} rows at once`),
  badRows: leadImportBadRowModeSchema,
});

/** A chunk of an import's rows; the row number is the file's (the header is row 1). */
export const addLeadImportRowsInput = z.object({
  id: idSchema,
  rows: z
    .array(
      z.object({
        rowNumber: z
          .number()
          .int()
          .min(2)
          .max(MAX_IMPORT_ROWS + 1),
        values: leadImportValues,
      }),
    )
    .min(1)
    .max(MAX_IMPORT_CHUNK_ROWS),
});

/** Keyset position in the organization's imports, newest first. */
export const leadImportCursor = z.object({ at: timestamp(), id: idSchema });

export const listLeadImportsInput = z.object({
  limit: z.number().int().min(1).max(100).default(20),
  cursor: leadImportCursor.nullish(),
});

export const leadImportBadRowsInput = z.object({
  id: idSchema,
  /** The last row number of the previous page. */
  cursor: z.number().int().min(0).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});
