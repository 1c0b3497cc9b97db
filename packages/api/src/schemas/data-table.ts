import { z } from "zod";
import { leadTableColumns } from "./lead-constants.ts";
import { memberTableColumns } from "./member-constants.ts";
import { taskTableColumns } from "./task-constants.ts";

/**
 * The app's data tables and the columns a member may hide in each. The web's column definitions
 * use these names, so a preference can never name a column the table does not have.
 */
export const dataTableColumns = {
  leads: leadTableColumns,
  members: memberTableColumns,
  tasks: taskTableColumns,
} as const;

export type DataTableKey = keyof typeof dataTableColumns;
const tableKeys = Object.keys(dataTableColumns) as [DataTableKey, ...DataTableKey[]];

export const dataTableKeySchema = z.enum(tableKeys, "Choose a table");

export const tablePreferenceInput = z.object({ table: dataTableKeySchema });

export const setTablePreferenceInput = z
  .object({
    table: dataTableKeySchema,
    hiddenColumns: z.array(z.string().max(40)).max(40),
  })
  .superRefine((input, context) => {
    const known: readonly string[] = dataTableColumns[input.table];
    input.hiddenColumns.forEach((column, index) => {
      if (!known.includes(column))
        context.addIssue({
          code: "custom",
          message: `The ${input.table} table has no column "${column}"`,
          path: ["hiddenColumns", index],
        });
    });
  })
  // Stored once each, in a stable order: the same choice is the same row.
  .transform((input) => ({
    table: input.table,
    hiddenColumns: [...new Set(input.hiddenColumns)].sort(),
  }));
