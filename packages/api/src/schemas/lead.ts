import { leadSources, leadStatuses } from "@guild/db/enums";
import { z } from "zod";
import { idSchema, text, timestamp } from "./common.ts";
import {
  LEAD_BULK_LIMIT,
  type LeadTableColumn,
  leadSourceLabels,
  leadStatusLabels,
  leadTableColumns,
} from "./lead-constants.ts";
import { type LeadSortField, leadSortFields } from "./lead-sort.ts";

export const leadStatusSchema = z.enum(leadStatuses, "Choose a status");
export const leadSourceSchema = z.enum(leadSources, "Choose a source");

// Empty strings from form inputs mean "no value".
const optionalText = (max: number, label: string) =>
  text()
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

/** What a negative lead value is told, by the form (typed "-5") and the API alike. */
export const VALUE_MUST_BE_POSITIVE = "The value must be positive (or 0)";

export const MAX_LEAD_VALUE_CENTS = 10_000_000_000_000; // 100 billion in currency units

/** The fields a person edits; used by the form (client-side check) and the procedures. */
export const leadFields = z.object({
  name: text().trim().min(1, "Name is required").max(200, "Name must be at most 200 characters"),
  email: text()
    .trim()
    .toLowerCase()
    .max(320, "Email must be at most 320 characters")
    .refine((v) => v === "" || z.email().safeParse(v).success, "Enter a valid email address")
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
  company: optionalText(200, "Company"),
  phone: text()
    .trim()
    .max(40, "Phone must be at most 40 characters")
    .refine((v) => v === "" || /^[+()0-9 .-]{3,}$/.test(v), "Enter a valid phone number")
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional(),
  status: leadStatusSchema.optional(),
  source: leadSourceSchema.optional(),
  valueCents: z
    .number("Enter an amount")
    .int("Use whole cents")
    .min(0, VALUE_MUST_BE_POSITIVE)
    .max(MAX_LEAD_VALUE_CENTS, "Value is too large")
    .optional(),
  notes: optionalText(5000, "Notes"),
  ownerMemberId: idSchema.nullable().optional(),
});

/** Which leads a list shows, without its order or page: bulk actions and the count take it too. */
export const leadFilter = z.object({
  search: text().trim().max(200).optional(),
  status: z.array(leadStatusSchema).max(leadStatuses.length).optional(),
  source: z.array(leadSourceSchema).max(leadSources.length).optional(),
  ownerMemberId: idSchema.optional(),
});
export type LeadFilter = z.input<typeof leadFilter>;

export const createLeadInput = leadFields;
export const updateLeadInput = leadFields.partial().extend({ id: idSchema });
export const changeLeadStatusInput = z.object({ id: idSchema, status: leadStatusSchema });
const bulkLimitMessage = `At most ${LEAD_BULK_LIMIT.toLocaleString("en")} leads at once`;

/** Leads to delete or restore, all or nothing (a bulk delete's Undo restores its ids). */
export const leadIdsInput = z.object({
  ids: z.array(idSchema).min(1, "Select at least one lead").max(LEAD_BULK_LIMIT, bulkLimitMessage),
});

/**
 * The leads a bulk action applies to: every lead the filter matches ("select all N matching"), or
 * only the chosen ids among them.
 */
export const leadSelection = z.object({
  filter: leadFilter,
  ids: z
    .array(idSchema)
    .min(1, "Select at least one lead")
    .max(LEAD_BULK_LIMIT, bulkLimitMessage)
    .optional(),
});
export const bulkChangeLeadStatusInput = leadSelection.extend({ status: leadStatusSchema });
export const bulkAssignLeadsInput = leadSelection.extend({ ownerMemberId: idSchema.nullable() });

/** Keyset position in a lead's timeline: the entry's time (logged or happened) and its id. */
export const timelineCursor = z.object({ at: timestamp(), id: idSchema });
export type TimelineCursor = z.infer<typeof timelineCursor>;

export const leadTimelineInput = z.object({
  id: idSchema,
  limit: z.number().int().min(1).max(100).default(50),
  cursor: timelineCursor.nullish(),
});

export {
  LEAD_BULK_LIMIT,
  type LeadSortField,
  type LeadTableColumn,
  leadSortFields,
  leadSourceLabels,
  leadStatusLabels,
  leadTableColumns,
};

export const leadCursor = z.object({
  value: z.union([text(), z.number(), timestamp()]),
  id: idSchema,
});
export type LeadCursor = z.infer<typeof leadCursor>;

export const listLeadsInput = leadFilter.extend({
  sort: z.enum(leadSortFields).default("createdAt"),
  // Not "direction": tRPC's infinite-query helpers write their own `direction` into the input.
  order: z.enum(["asc", "desc"]).default("desc"),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: leadCursor.nullish(),
});

export type ListLeadsInput = z.input<typeof listLeadsInput>;

/** One page of a CSV export: the list's filters and order, in pages of a fixed size. */
export const exportLeadsInput = listLeadsInput.omit({ limit: true });
export type ExportLeadsInput = z.input<typeof exportLeadsInput>;

/**
 * The dashboard's sales report: leads created in [from, to) (either end open), all of them or
 * the caller's own ("my deals").
 */
export const salesReportInput = z
  .object({
    from: timestamp().nullish(),
    to: timestamp().nullish(),
    mine: z.boolean().default(false),
  })
  .refine((range) => !range.from || !range.to || range.from < range.to, {
    message: "The start must come before the end",
    path: ["to"],
  });
export type SalesReportInput = z.input<typeof salesReportInput>;
